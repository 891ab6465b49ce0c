package io.branchlink.channel.risk.internal;

import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operators place, list and release holds: a held customer, device or account is denied every action at once. */
@RestController
@RequestMapping("/api/ops/v1/risk/holds")
@Tag(name = "Risk (operators)")
class RiskHoldController {

    /** How far ahead a hold may end by itself. */
    static final java.time.Duration MAX_UNTIL = java.time.Duration.ofDays(3_660);

    private static final Logger log = LoggerFactory.getLogger(RiskHoldController.class);

    private final RiskHolds holds;
    private final Clock clock;
    private final MeterRegistry meters;

    RiskHoldController(RiskHolds holds, Clock clock, MeterRegistry meters) {
        this.holds = holds;
        this.clock = clock;
        this.meters = meters;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Put a customer, device or account on hold: every decision about it is DENY at once",
            description = "kind CUSTOMER or ACCOUNT takes the id (a UUID) as key, DEVICE the device id. The reason is"
                    + " private to operators; customers are only told that the customer, account or phone is on"
                    + " hold. until, optional, must be in the future (within 10 years); without it the hold lasts"
                    + " until released. customerId names the customer a device or account hold concerns, so that"
                    + " it is listed with the customer's holds.")
    HoldView place(@Valid @RequestBody PlaceBody body, Principal operator) {
        Instant now = clock.instant();
        if (body.until() != null && (!body.until().isAfter(now) || body.until().isAfter(now.plus(MAX_UNTIL)))) {
            throw refused(Irc.FORMAT_ERROR, "until", "until must be in the future, within 10 years.");
        }
        String key = body.key().strip();
        if (body.kind() != RiskHold.Kind.DEVICE) {
            try {
                key = UUID.fromString(key).toString();
            } catch (IllegalArgumentException e) {
                throw refused(Irc.FORMAT_ERROR, "key",
                        "The key of a customer or account hold is its id (a UUID).");
            }
        }
        return HoldView.of(holds.place(body.kind(), key, body.customerId(), operator.getName(), body.reason().strip(),
                body.until()), now);
    }

    @GetMapping
    @Operation(summary = "A customer's holds, released or not (newest first), or every hold in force",
            description = "Exactly one of customerId and active=true.")
    List<HoldView> list(@RequestParam(required = false) UUID customerId,
            @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        Instant now = clock.instant();
        if (customerId != null && active == null) {
            return holds.ofCustomer(customerId, limit).stream().map(hold -> HoldView.of(hold, now)).toList();
        }
        if (customerId == null && Boolean.TRUE.equals(active)) {
            return holds.inForce(limit).stream().map(hold -> HoldView.of(hold, now)).toList();
        }
        throw refused(Irc.FORMAT_ERROR, "query", "Give either customerId or active=true.");
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Release a hold; the operator who released it is recorded",
            description = "404 NOT_FOUND for an unknown hold, 409 CONFLICT for one already released.")
    HoldView release(@PathVariable UUID id, Principal operator) {
        RiskHold before = holds.find(id).orElseThrow(() -> refused(Irc.NOT_FOUND, "unknown", "Hold not found"));
        if (before.releasedAt() != null) {
            throw refused(Irc.CONFLICT, "released", "The hold was already released.");
        }
        RiskHold hold = holds.release(id, operator.getName())
                .orElseThrow(() -> refused(Irc.NOT_FOUND, "unknown", "Hold not found"));
        if (!operator.getName().equals(hold.releasedBy())) {
            throw refused(Irc.CONFLICT, "released", "The hold was already released.");
        }
        return HoldView.of(hold, clock.instant());
    }

    private ApiException refused(Irc irc, String reason, String detail) {
        log.info("risk hold request refused irc={} reason={}", irc, reason);
        meters.counter("branchlink.risk.holds.refused", "irc", irc.name(), "reason", reason).increment();
        return new ApiException(irc, detail);
    }

    /**
     * A hold to place.
     *
     * @param key the customer id or account id (a UUID), or the device id
     * @param customerId optionally, the customer a device or account hold concerns
     */
    record PlaceBody(@NotNull RiskHold.Kind kind, @NotBlank @Size(max = 64) String key, UUID customerId,
            @NotBlank @Size(max = 500) String reason, Instant until) {
    }

    /** A hold as operators see it; {@code inForce} is whether it denies decisions now. */
    record HoldView(UUID id, RiskHold.Kind kind, String key, UUID customerId, String placedBy, String reason,
            Instant placedAt, Instant until, String releasedBy, Instant releasedAt, boolean inForce) {

        static HoldView of(RiskHold hold, Instant now) {
            return new HoldView(hold.id(), hold.kind(), hold.key(), hold.customerId(), hold.placedBy(), hold.reason(),
                    hold.placedAt(), hold.until(), hold.releasedBy(), hold.releasedAt(), hold.inForce(now));
        }
    }
}
