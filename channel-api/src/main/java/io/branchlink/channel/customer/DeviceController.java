package io.branchlink.channel.customer;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.branchlink.channel.otp.SoftOtp;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.rc.Irc;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer's bound phones, binding a new one with an SMS code or approval from a bound phone (which enrols it
 * for soft OTP), soft-OTP enrolment of a phone bound before soft OTP existed, and a check of the phone's soft-OTP
 * codes.
 */
@RestController
@RequestMapping("/api/v1/devices")
@Tag(name = "Sessions and devices")
class DeviceController {

    private final DeviceBinding binding;
    private final SoftOtp softOtp;

    DeviceController(DeviceBinding binding, SoftOtp softOtp) {
        this.binding = binding;
        this.softOtp = softOtp;
    }

    @PostMapping("/challenges")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Ask to bind the phone of the current session",
            description = "Opens a binding challenge (valid 5 minutes). With method SMS (the default) a 6-digit code"
                    + " goes by SMS to the customer's registered phone number; with APPROVAL the customer approves"
                    + " from a phone already bound. 503 HOST_UNREACHABLE when the SMS gateway fails: no challenge"
                    + " is left usable. 409 when this phone is already bound.")
    DeviceBinding.Challenge challenge(@AuthenticationPrincipal CustomerPrincipal customer,
            @Valid @RequestBody ChallengeRequest request) {
        return binding.open(customer, request.name(),
                request.method() == null ? DeviceBinding.Method.SMS : request.method());
    }

    @GetMapping("/challenges")
    @Operation(summary = "Binding challenges waiting for approval (from a bound phone only)",
            description = "The customer's open challenges: which phone asks, under which name, and when. Never a"
                    + " code. 403 ACCESS_DENIED from a phone that is not bound.")
    List<DeviceBinding.Challenge> pending(@AuthenticationPrincipal CustomerPrincipal customer) {
        return binding.pending(customer);
    }

    @PostMapping("/challenges/{challengeId}/approval")
    @Operation(summary = "Approve binding another phone (from a bound phone only)",
            description = "The new phone then binds with POST /api/v1/devices and the challenge id. Another"
                    + " customer's challenge answers 404; an expired or used one 410; approving twice changes"
                    + " nothing.")
    DeviceBinding.Challenge approve(@AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable UUID challengeId) {
        return binding.approve(customer, challengeId);
    }

    @PostMapping
    @Operation(summary = "Bind the phone of the current session to the customer",
            description = "Needs a challenge of this phone and either its SMS code or its approval from a bound"
                    + " phone; the phone is bound under the name given with the challenge. Without proof: 403"
                    + " STEP_UP_REQUIRED. A wrong code: 403 with attemptsLeft; the 5th wrong code, an expired or an"
                    + " already used challenge: 410 TOKEN_EXPIRED. A phone already bound answers 200 and stays as"
                    + " it is. A newly bound phone starts a cool-off with lower cardless limits. The 201 answer carries"
                    + " otp, the phone's soft-OTP secret (Base32) and its otpauth:// URI for an authenticator app:"
                    + " shown this once and never again. With the proof right the risk engine is asked: a DENY, or a"
                    + " STEP_UP (the new phone has no second factor yet), answers 403 RISK_DECLINED and binds nothing;"
                    + " the challenge stays usable.")
    ResponseEntity<BindAnswer> bind(@AuthenticationPrincipal CustomerPrincipal customer,
            @Valid @RequestBody BindRequest request) {
        boolean alreadyBound = customer.deviceBound();
        DeviceBinding.Bound bound = binding.bind(customer, request.challengeId(), request.code());
        DeviceBinding.Device device = bound.device();
        return ResponseEntity.status(alreadyBound ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new BindAnswer(device.deviceId(), device.name(), device.boundAt(), bound.otp()));
    }

    @PostMapping("/current/otp")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Enrol the current (bound) phone for soft OTP when it has no secret yet",
            description = "For a phone bound before soft OTP existed (binding through the API enrols it already)."
                    + " 201 with the phone's soft-OTP secret (Base32) and its otpauth:// URI for an authenticator"
                    + " app: shown this once and never again. 409 CONFLICT when the phone already has a secret: an"
                    + " enrolled secret is never replaced. 403 ACCESS_DENIED from a phone that is not bound; 403"
                    + " STEP_UP_REQUIRED when the session was opened longer ago than"
                    + " branchlink.channel.customer.fresh-login (10 minutes): log in again.")
    SoftOtp.Enrolment enrolOtp(@AuthenticationPrincipal CustomerPrincipal customer) {
        return binding.enrolOtp(customer);
    }

    @PostMapping("/current/otp/verifications")
    @Operation(summary = "Check a soft-OTP code of the current (bound) phone",
            description = "For the app to test its authenticator. 200 {verified: true}; a code that is not 6 digits:"
                    + " 400 FORMAT_ERROR; a wrong code: 403 STEP_UP_REQUIRED with otp=WRONG and attemptsLeft; a"
                    + " code whose time step was already accepted: 403 STEP_UP_REQUIRED with otp=REUSED; after 5"
                    + " wrong codes in 15 minutes: 403 ACCOUNT_BLOCKED with retryAfter (seconds) and a Retry-After"
                    + " header for 15 minutes; a phone bound before soft OTP existed: 409 CONFLICT with"
                    + " otp=NOT_ENROLLED; a phone that is not bound: 403 ACCESS_DENIED.")
    Map<String, Boolean> verifyOtp(@AuthenticationPrincipal CustomerPrincipal customer,
            @Valid @RequestBody OtpCodeRequest request) {
        if (!customer.deviceBound()) {
            throw new ApiException(Irc.ACCESS_DENIED, "Only a phone bound to your profile has a soft-OTP factor.");
        }
        SoftOtp.Verification verification = softOtp.verify(customer.customerId(), customer.deviceId(),
                request.code());
        ApiException refused = switch (verification.outcome()) {
            case VERIFIED -> null;
            case WRONG -> new ApiException(Irc.STEP_UP_REQUIRED, "The code is wrong.");
            case REUSED -> new ApiException(Irc.STEP_UP_REQUIRED,
                    "This code was already used: wait for the next code of your authenticator.");
            case THROTTLED -> new ApiException(Irc.ACCOUNT_BLOCKED,
                    "Too many wrong codes: the one-time code is paused. Try again after retryAfter seconds.");
            case NOT_ENROLLED -> new ApiException(Irc.CONFLICT,
                    "This phone has no soft-OTP secret: it was bound before soft OTP existed.");
        };
        if (refused == null) {
            return Map.of("verified", true);
        }
        refused.getBody().setProperty("otp", verification.outcome().name());
        if (verification.outcome() == SoftOtp.Outcome.WRONG) {
            refused.getBody().setProperty("attemptsLeft", verification.attemptsLeft());
        }
        if (verification.outcome() == SoftOtp.Outcome.THROTTLED) {
            long seconds = verification.retryAfterSeconds();
            refused.getBody().setProperty("retryAfter", seconds);
            refused.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        throw refused;
    }

    @GetMapping
    @Operation(summary = "List the phones bound to the customer")
    List<DeviceBinding.Device> devices(@AuthenticationPrincipal CustomerPrincipal customer) {
        return binding.devices(customer.customerId());
    }

    /**
     * @param name what the customer calls the phone, shown to the approving phone and bound with it
     * @param method {@code SMS} (default) or {@code APPROVAL}
     */
    record ChallengeRequest(@NotBlank @Size(max = 64) String name, DeviceBinding.Method method) {
    }

    /**
     * A phone just bound, or already bound.
     *
     * @param otp the phone's soft-OTP secret, only in the answer that bound it
     */
    record BindAnswer(String deviceId, String name, Instant boundAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) SoftOtp.Enrolment otp) {
    }

    /** @param code the 6 digits the authenticator shows now; not printed by toString */
    record OtpCodeRequest(@NotNull @Pattern(regexp = "[0-9]{6}", message = "must be 6 digits") String code) {

        @Override
        public String toString() {
            return "OtpCodeRequest[code=(hidden)]";
        }
    }

    /**
     * @param challengeId the challenge this phone opened
     * @param code the 6 digits from the SMS; not needed once the challenge is approved
     * @param name ignored: the phone is bound under the name given with the challenge
     */
    record BindRequest(UUID challengeId, @Pattern(regexp = "[0-9]{6}", message = "must be 6 digits") String code,
            @Size(max = 64) String name) {

        @Override
        public String toString() {
            return "BindRequest[challengeId=" + challengeId + "]";
        }
    }
}
