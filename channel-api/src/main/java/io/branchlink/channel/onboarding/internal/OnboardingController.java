package io.branchlink.channel.onboarding.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.branchlink.channel.account.AccountClass;
import io.branchlink.channel.onboarding.ResidentId;
import io.branchlink.channel.otp.SoftOtp;
import io.branchlink.channel.risk.RiskSignals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Opening an account from the app for a visitor who is not yet a customer: start with the phone, the resident ID
 * number and the chosen credentials, then verify with the SMS code and end logged in with a Class II account.
 */
@RestController
@RequestMapping("/api/v1/onboarding")
@Tag(name = "Onboarding")
class OnboardingController {

    /** A mainland mobile number, 11 digits, optionally with +86 in front. */
    static final String PHONE_PATTERN = "(\\+86)?1[3-9][0-9]{9}";
    static final String NAME_PATTERN = "[\\p{IsHan}\\p{L} ·.'-]{1,64}";
    static final String DEVICE_ID_PATTERN = "[A-Za-z0-9._-]{4,64}";
    static final String USERNAME_PATTERN = "[A-Za-z0-9._@-]{1,64}";

    private final OnboardingService onboarding;

    OnboardingController(OnboardingService onboarding) {
        this.onboarding = onboarding;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start opening an account (no session): a code goes by SMS to the phone",
            description = "Checks the resident ID number (GB 11643 check digit, region and birth date: 400"
                    + " FORMAT_ERROR with fields.residentId) and the age (under 18: 422 INVALID_TRANSACTION), that"
                    + " the username is free (409 CONFLICT) and that the phone started at most 3 onboardings in the"
                    + " last hour (422 EXCEEDS_LIMIT); then sends a 6-digit code by SMS, valid 5 minutes. 503"
                    + " HOST_UNREACHABLE when the SMS gateway fails. Whether the resident ID number is already a"
                    + " customer's is not said here (see verify). Nothing is created but the onboarding.")
    Started start(@Valid @RequestBody StartRequest request) {
        OnboardingService.Started started = onboarding.start(new OnboardingService.NewOnboarding(
                request.phone().startsWith("+86") ? request.phone().substring(3) : request.phone(),
                request.fullName().strip(), request.residentId(), request.deviceId(), request.username(),
                request.password()));
        return new Started(started.id(), started.sentTo(), started.expiresAt());
    }

    @PostMapping("/{onboardingId}/verify")
    @Operation(summary = "Complete opening an account with the SMS code (no session)",
            description = "With the right code the identity provider checks the resident ID number, the name and"
                    + " the selfie's livenessToken against the national register, the risk engine is asked"
                    + " (DEVICE_BINDING) and then, in one transaction, the customer is created with the phone bound"
                    + " (soft OTP enrolled) and a Class II electronic account; the answer is a session as login"
                    + " gives, the account and otp, the phone's soft-OTP secret, shown this once. A wrong code: 403"
                    + " STEP_UP_REQUIRED with attemptsLeft; the 5th wrong code, an expired or ended onboarding: 410"
                    + " TOKEN_EXPIRED; already completed: 409 CONFLICT. Identity provider down: 503 HOST_UNREACHABLE,"
                    + " send the same code again. An identity that does not match, or a resident ID number that is"
                    + " already a customer's, answers the same 422 DO_NOT_HONOUR and ends the onboarding. The risk"
                    + " engine's refusal: 403 RISK_DECLINED, nothing created, the onboarding stays open.")
    ResponseEntity<Completed> verify(@PathVariable UUID onboardingId, @Valid @RequestBody VerifyRequest request) {
        OnboardingService.Completed completed = onboarding.verify(onboardingId, request.code(),
                request.livenessToken(), RiskSignals.device(request.rooted(), request.emulator()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .body(new Completed(completed.session().token(), completed.session().customerId(),
                        completed.session().expiresAt(), completed.session().deviceBound(),
                        new Account(completed.account().id(), completed.account().number(),
                                completed.account().accountClass()),
                        completed.otp()));
    }

    /**
     * @param phone the visitor's mobile number, where the code goes; it becomes the customer's registered number
     * @param fullName the name as on the resident ID card
     * @param residentId the 18-character resident ID number
     * @param deviceId the phone's id, as the app sends it at login; it is bound to the new customer
     * @param password at least 8 characters; kept only as a bcrypt hash
     */
    record StartRequest(@NotBlank @Pattern(regexp = PHONE_PATTERN) String phone,
            @NotBlank @Pattern(regexp = NAME_PATTERN) String fullName,
            @NotBlank @Size(max = ResidentId.LENGTH) String residentId,
            @NotBlank @Pattern(regexp = DEVICE_ID_PATTERN) String deviceId,
            @NotBlank @Pattern(regexp = USERNAME_PATTERN) String username,
            @NotBlank @Size(min = 8, max = 128) String password) {

        @Override
        public String toString() {
            return "StartRequest[deviceId=" + deviceId + ", username=" + username + "]";
        }
    }

    /**
     * @param code the 6 digits from the SMS
     * @param livenessToken what the identity provider's SDK gave the app for the selfie it took
     * @param rooted the app found the phone rooted or jailbroken, or null when it did not check
     * @param emulator the app found itself on an emulator, or null when it did not check
     */
    record VerifyRequest(@NotNull @Pattern(regexp = "[0-9]{6}", message = "must be 6 digits") String code,
            @Size(max = 512) @Pattern(regexp = "[A-Za-z0-9._~+/=-]*") String livenessToken, Boolean rooted,
            Boolean emulator) {

        @Override
        public String toString() {
            return "VerifyRequest[code=(hidden)]";
        }
    }

    /** @param sentTo the masked phone number the code went to */
    record Started(UUID id, String sentTo, Instant expiresAt) {
    }

    record Account(UUID id, String accountNumber, AccountClass accountClass) {
    }

    /**
     * A session as login answers it, with the new account and the phone's soft-OTP secret.
     *
     * @param otp shown in this answer only
     */
    record Completed(String token, UUID customerId, Instant expiresAt, boolean deviceBound, Account account,
            @JsonInclude(JsonInclude.Include.NON_NULL) SoftOtp.Enrolment otp) {

        @Override
        public String toString() {
            return "Completed[customer=" + customerId + "]";
        }
    }
}
