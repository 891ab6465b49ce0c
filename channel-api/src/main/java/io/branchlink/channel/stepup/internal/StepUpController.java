package io.branchlink.channel.stepup.internal;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.otp.SoftOtp;
import io.branchlink.channel.passkey.PasskeyAssertion;
import io.branchlink.channel.passkey.PasskeyAssertionCredential;
import io.branchlink.channel.passkey.PasskeyRequestOptions;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskDecision.StepUpFactor;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.rc.Irc;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The phone's side of a step-up: look at it, and pass it with a soft-OTP code or a passkey assertion. With the bearer
 * session of the step-up's customer and phone; a LOGIN step-up also without one (see {@link StepUpService}).
 */
@RestController
@RequestMapping("/api/v1/step-ups")
@Tag(name = "Step-ups (second factor)")
class StepUpController {

    private static final String ID = "{id:[A-Za-z0-9_-]{43}}";

    private final StepUpService stepUps;
    private final Clock clock;

    StepUpController(StepUpService stepUps, Clock clock) {
        this.stepUps = stepUps;
        this.clock = clock;
    }

    @GetMapping("/" + ID)
    @Operation(summary = "A step-up: its action, status, acceptable factors and expiry",
            description = "404 for another customer's or phone's step-up. Without a session only a LOGIN step-up"
                    + " is found.")
    StepUpView get(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String id) {
        return stepUps.find(id, customer).map(s -> StepUpView.of(s, clock.instant()))
                .orElseThrow(() -> ApiException.notFound("Step-up"));
    }

    @PostMapping("/" + ID + "/otp")
    @Operation(summary = "Pass the step-up with a soft-OTP code of its phone",
            description = "200 with the step-up VERIFIED; then send the action again with stepUpId. A wrong code: 403"
                    + " STEP_UP_REQUIRED with otp=WRONG and attemptsLeft; a code whose time step was already"
                    + " accepted: 403 with otp=REUSED; a locked factor: 403 ACCOUNT_BLOCKED with retryAfter; a phone"
                    + " without a soft-OTP secret: 409 with otp=NOT_ENROLLED. A step-up that does not list SOFT_OTP:"
                    + " 403 ACCESS_DENIED; already verified or used: 409 CONFLICT; expired: 410 TOKEN_EXPIRED.")
    StepUpView otp(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String id,
            @Valid @RequestBody OtpCode request) {
        return answer(stepUps.verifyOtp(id, customer, request.code()));
    }

    @PostMapping("/" + ID + "/passkey/options")
    @Operation(summary = "Request options to pass the step-up with the phone's passkey (biometric)",
            description = "PublicKeyCredentialRequestOptions as JSON with a fresh single-use challenge for the step-up's"
                    + " phone; answer them at POST /api/v1/step-ups/{id}/passkey. Refusals as for the code.")
    PasskeyRequestOptions passkeyOptions(@AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable String id) {
        StepUpService.Attempt attempt = stepUps.passkeyOptions(id, customer);
        refuseUnlessOpen(attempt);
        return attempt.options();
    }

    @PostMapping("/" + ID + "/passkey")
    @Operation(summary = "Pass the step-up with a passkey assertion of its phone",
            description = "The authenticator's assertion response to the options. 200 with the step-up VERIFIED; 404"
                    + " when the credential is not a passkey of the phone; 410 TOKEN_EXPIRED for a spent challenge;"
                    + " 403 SECURITY_VIOLATION when it does not verify. Step-up refusals as for the code.")
    StepUpView passkey(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String id,
            @Valid @RequestBody PasskeyAssertionCredential credential) {
        if (!credential.publicKey()) {
            throw new ApiException(Irc.FORMAT_ERROR, "type must be public-key.");
        }
        PasskeyAssertion assertion;
        try {
            assertion = credential.toAssertion();
        } catch (IllegalArgumentException e) {
            throw new ApiException(Irc.FORMAT_ERROR, e.getMessage());
        }
        return answer(stepUps.verifyPasskey(id, customer, assertion));
    }

    private StepUpView answer(StepUpService.Attempt attempt) {
        refuseUnlessOpen(attempt);
        if (attempt.kind() == StepUpService.Kind.FACTOR_REFUSED) {
            throw attempt.otp() != null ? otpRefusal(attempt.otp()) : passkeyRefusal(attempt);
        }
        return StepUpView.of(attempt.stepUp(), clock.instant());
    }

    private static void refuseUnlessOpen(StepUpService.Attempt attempt) {
        ApiException refusal = switch (attempt.kind()) {
            case VERIFIED, FACTOR_REFUSED -> null;
            case NOT_FOUND -> ApiException.notFound("Step-up");
            case EXPIRED -> new ApiException(Irc.TOKEN_EXPIRED,
                    "This step-up has expired: send the action again to get a new one.");
            case CLOSED -> new ApiException(Irc.CONFLICT, "This step-up was already passed; send the action again"
                    + " with its stepUpId, or without one to get a new step-up if it was used.");
            case FACTOR_NOT_ACCEPTED -> new ApiException(Irc.ACCESS_DENIED,
                    "This step-up does not accept that factor; use one of " + attempt.stepUp().factors() + ".");
        };
        if (refusal != null) {
            throw refusal;
        }
    }

    private static ApiException otpRefusal(SoftOtp.Verification verification) {
        ApiException refused = switch (verification.outcome()) {
            case WRONG, VERIFIED -> new ApiException(Irc.STEP_UP_REQUIRED, "The code is wrong.");
            case REUSED -> new ApiException(Irc.STEP_UP_REQUIRED,
                    "This code was already used: wait for the next code of your authenticator.");
            case THROTTLED -> new ApiException(Irc.ACCOUNT_BLOCKED,
                    "Too many wrong codes: the one-time code is paused. Try again after retryAfter seconds.");
            case NOT_ENROLLED -> new ApiException(Irc.CONFLICT, "This phone has no soft-OTP secret.");
        };
        refused.getBody().setProperty("otp", verification.outcome().name());
        if (verification.outcome() == SoftOtp.Outcome.WRONG) {
            refused.getBody().setProperty("attemptsLeft", verification.attemptsLeft());
        }
        if (verification.outcome() == SoftOtp.Outcome.THROTTLED) {
            long seconds = verification.retryAfterSeconds();
            refused.getBody().setProperty("retryAfter", seconds);
            refused.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        return refused;
    }

    private static ApiException passkeyRefusal(StepUpService.Attempt attempt) {
        ApiException refusal = switch (attempt.passkey()) {
            case UNKNOWN_CREDENTIAL -> ApiException.notFound("Passkey");
            case EXPIRED, REUSED -> new ApiException(Irc.TOKEN_EXPIRED,
                    "This passkey challenge has expired or was used; ask for new options.");
            case FAILED, COUNTER_NOT_INCREASED, VERIFIED -> new ApiException(Irc.SECURITY_VIOLATION,
                    "The passkey response does not verify.");
        };
        refusal.getBody().setProperty("outcome", attempt.passkey().name());
        return refusal;
    }

    record OtpCode(@NotBlank @Size(max = 16) String code) {

        @Override
        public String toString() {
            return "OtpCode[]";
        }
    }

    /**
     * A step-up as the app sees it.
     *
     * @param status PENDING, VERIFIED, USED or EXPIRED
     * @param verifiedFactor the factor that passed it, once VERIFIED
     */
    record StepUpView(String id, RiskAction action, String status, List<StepUpFactor> factors, Instant expiresAt,
            StepUpFactor verifiedFactor) {

        static StepUpView of(StepUpStore.StepUp stepUp, Instant now) {
            return new StepUpView(stepUp.id(), stepUp.action(), stepUp.statusAt(now).name(), stepUp.factors(),
                    stepUp.expiresAt(), stepUp.verifiedFactor());
        }
    }
}
