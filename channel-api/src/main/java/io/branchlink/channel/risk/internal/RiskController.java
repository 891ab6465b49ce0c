package io.branchlink.channel.risk.internal;

import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskDecision;
import io.branchlink.channel.risk.RiskEngine;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskLocation;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.risk.RiskRules;
import io.branchlink.channel.risk.RiskSignals;
import io.branchlink.channel.system.ApiException;
import io.branchlink.channel.system.Problems;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The risk engine for operators and tests: ask for a decision, record an event, read decisions, features and rules. */
@RestController
@RequestMapping("/api/ops/v1/risk")
@Tag(name = "Risk (operators)")
class RiskController {

    private final RiskEngine engine;
    private final RiskRules rules;
    private final Clock clock;

    RiskController(RiskEngine engine, RiskRules rules, Clock clock) {
        this.engine = engine;
        this.rules = rules;
        this.clock = clock;
    }

    @PostMapping("/decisions")
    @Operation(summary = "Decide on an action: ALLOW, STEP_UP (with the acceptable factors) or DENY, with reasons",
            description = "Evaluates the running rule set on the features of the request and stores the decision."
                    + " Nothing is recorded as an event: the action has not happened.")
    RiskDecision decide(@Valid @RequestBody ActionBody body) {
        return engine.decide(body.request());
    }

    @GetMapping("/decisions")
    @Operation(summary = "A customer's stored decisions, newest first")
    List<RiskDecision> decisions(@RequestParam UUID customerId,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return engine.decisions(customerId, limit);
    }

    @PostMapping("/events")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Record a completed action (stored, then folded into the features at once)",
            description = "occurredAt defaults to now and may be at most 90 days back, never in the future.")
    void record(@Valid @RequestBody ActionBody body) {
        Instant now = clock.instant();
        Instant at = body.occurredAt() == null ? now : body.occurredAt();
        if (at.isAfter(now) || at.isBefore(now.minusMillis(Window.LONGEST.millis))) {
            throw new ApiException(Irc.FORMAT_ERROR, "occurredAt must be within the last 90 days.");
        }
        engine.record(RiskEvent.of(body.request(), at));
    }

    @PostMapping("/features")
    @Operation(summary = "The feature values a request would be decided on now")
    Map<String, Double> features(@Valid @RequestBody ActionBody body) {
        return engine.features(body.request());
    }

    @GetMapping("/features")
    @Operation(summary = "The feature catalogue: how many features there are and their names")
    Catalogue catalogue() {
        List<String> names = engine.catalogue();
        return new Catalogue(names.size(), names);
    }

    @GetMapping("/rules")
    @Operation(summary = "The running rule set")
    RiskRules.Summary currentRules() {
        return rules.current();
    }

    @PostMapping("/rules/reload")
    @Operation(summary = "Read the rule file again",
            description = "200 with the new version when every rule compiled and trial-evaluated; otherwise 400"
                    + " FORMAT_ERROR with the errors, and the running set stays.")
    ResponseEntity<Object> reload() {
        RiskRules.Reload reload = rules.reload();
        if (reload.accepted()) {
            return ResponseEntity.ok(reload);
        }
        ProblemDetail problem = Problems.problem(Irc.FORMAT_ERROR, "The rule file was refused; version "
                + reload.version() + " keeps running.");
        problem.setProperty("errors", reload.errors());
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    record Catalogue(int count, List<String> names) {
    }

    /**
     * An action as operators send it; amount in major units with its currency, position in degrees.
     */
    record ActionBody(@NotNull RiskAction action, @NotNull UUID customerId, @Size(max = 64) String deviceId,
            UUID accountId, @PositiveOrZero BigDecimal amount, @Pattern(regexp = "[A-Z]{3}") String currency,
            @Size(max = 64) String counterparty, @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude, @Size(max = 16) String branchId,
            @NotNull RiskChannel channel, @Min(0) @Max(150) Integer customerAge, Instant occurredAt, Boolean rooted,
            Boolean emulator, Instant tokenIssuedAt) {

        RiskRequest request() {
            Money money = null;
            if (amount != null) {
                try {
                    money = Money.of(amount, currency == null ? "CNY" : currency);
                } catch (IllegalArgumentException | ArithmeticException e) {
                    throw new ApiException(Irc.INVALID_AMOUNT, "The amount is not valid for its currency.");
                }
            }
            if ((latitude == null) != (longitude == null)) {
                throw new ApiException(Irc.FORMAT_ERROR, "latitude and longitude come together.");
            }
            RiskLocation location = latitude == null && branchId == null ? null
                    : new RiskLocation(latitude, longitude, branchId);
            return new RiskRequest(action, customerId, deviceId, accountId, money, counterparty, location, channel,
                    customerAge, new RiskSignals(rooted, emulator, tokenIssuedAt));
        }
    }
}
