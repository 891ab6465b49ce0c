package io.branchlink.channel.itmsession.internal;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.risk.RiskSignals;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.hubapi.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The mobile app's side of an ITM-shown code: claim the code it scanned, then follow the session's outcome. */
@RestController
@RequestMapping("/api/v1/itm-sessions")
@Tag(name = "Cardless cash")
class ItmSessionController {

    private static final String CODE_PATTERN = "BL:[0-9A-Z $%*+./:-]{1,397}";

    private final ItmSessions sessions;

    ItmSessionController(ItmSessions sessions) {
        this.sessions = sessions;
    }

    @PostMapping("/claims")
    @Operation(summary = "Claim the code an ITM shows, for a withdrawal or a deposit at that ITM",
            description = "code is the text of the QR code the ITM shows. A WITHDRAWAL needs amount (whole 100-yuan"
                    + " notes, the cardless limits apply) and places a hold; a DEPOSIT has no amount (the ITM counts)."
                    + " requestId (8 to 64 of A-Z a-z 0-9 _ -) makes the claim idempotent: the same requestId with the"
                    + " same request answers the first claim, with another request 409 CONFLICT. 410 TOKEN_EXPIRED"
                    + " when the code expired, 409 CONFLICT when another phone claimed it first. The risk engine is"
                    + " asked as for cardless staging: 403 RISK_DECLINED, or 403 STEP_UP_REQUIRED (send the same"
                    + " request again with stepUpId once passed); the code stays open meanwhile.")
    ResponseEntity<Outcome> claim(@AuthenticationPrincipal CustomerPrincipal customer,
            @Valid @RequestBody ClaimRequest request) {
        Money amount = null;
        if (request.kind() == TransactionKind.WITHDRAWAL) {
            if (request.amount() == null) {
                throw new ApiException(Irc.MISSING_FIELD, "A withdrawal needs an amount.");
            }
            amount = parse(request.amount(), request.currency() == null ? "CNY" : request.currency());
        } else if (request.amount() != null) {
            throw new ApiException(Irc.FORMAT_ERROR, "A deposit has no amount: the ITM counts the notes.");
        }
        Session session = sessions.claim(customer,
                new ItmSessions.Claim(request.code(), request.kind(), request.accountId(), amount, request.requestId()),
                RiskSignals.device(request.rooted(), request.emulator()), request.stepUpId());
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .body(sessions.outcome(customer, session.sessionId()));
    }

    @GetMapping("/{sessionId:[0-9a-f]{32}}")
    @Operation(summary = "A claimed ITM session's outcome",
            description = "state: WAITING_FOR_ITM, DISPENSED (withdrawal) or CREDITED (deposit, completedAmount is"
                    + " what the ITM counted), DECLINED (reason: the terminal's result code), EXPIRED (the ITM did not"
                    + " complete in time; the hold was released). Only the customer who claimed it sees it.")
    ResponseEntity<Outcome> outcome(@AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable String sessionId) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(sessions.outcome(customer, sessionId));
    }

    private static Money parse(BigDecimal amount, String currency) {
        try {
            return Money.of(amount, currency);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ApiException(Irc.INVALID_AMOUNT, "The amount is not valid in " + currency + ".");
        }
    }

    /**
     * @param code the scanned text; like cash it is not logged
     * @param stepUpId a step-up passed for this same claim after a 403 STEP_UP_REQUIRED, or null
     */
    record ClaimRequest(@NotBlank @Size(max = 400) @Pattern(regexp = CODE_PATTERN) String code,
            @NotNull TransactionKind kind, @NotNull UUID accountId, @DecimalMax("99999999") BigDecimal amount,
            @Pattern(regexp = "[A-Z]{3}") String currency,
            @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{8,64}") String requestId,
            @Pattern(regexp = "[A-Za-z0-9_-]{43}") String stepUpId, Boolean rooted, Boolean emulator) {

        @Override
        public String toString() {
            return "ClaimRequest[" + kind + " " + requestId + "]";
        }
    }
}
