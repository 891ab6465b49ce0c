package io.branchlink.channel.passkey.internal;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.passkey.PasskeyAssertion;
import io.branchlink.channel.passkey.PasskeyAssertionCredential;
import io.branchlink.channel.passkey.PasskeyOutcome;
import io.branchlink.channel.passkey.PasskeyRequestOptions;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.rc.Irc;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Passkeys of the phone of the current session: registering one, and trying the biometric unlock with it. */
@RestController
@RequestMapping("/api/v1/devices/current/passkeys")
@Tag(name = "Passkeys (biometric)")
class PasskeyController {

    private final PasskeyService passkeys;

    PasskeyController(PasskeyService passkeys) {
        this.passkeys = passkeys;
    }

    @PostMapping("/options")
    @Operation(summary = "Creation options for a passkey on this phone (from a bound phone only)",
            description = "PublicKeyCredentialCreationOptions as JSON (base64url without padding) with a fresh"
                    + " challenge for this customer and phone, single use, valid branchlink.channel.passkey"
                    + ".challenge-ttl. 403 ACCESS_DENIED from a phone that is not bound.")
    PasskeyJson.CreationOptions registrationOptions(@AuthenticationPrincipal CustomerPrincipal customer) {
        requireBound(customer);
        return passkeys.registrationOptions(customer.customerId(), customer.deviceId());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a passkey on this phone (from a bound phone only)",
            description = "The authenticator's attestation response to the creation options. 403 SECURITY_VIOLATION"
                    + " when it does not verify (challenge, origin, rp id, user verification); 410 TOKEN_EXPIRED"
                    + " when its challenge expired or was used; 409 CONFLICT when the credential is registered.")
    PasskeyJson.Registered register(@AuthenticationPrincipal CustomerPrincipal customer,
            @Valid @RequestBody PasskeyJson.RegistrationCredential credential) {
        requireBound(customer);
        requirePublicKey(credential.type());
        PasskeyService.Registration registration = passkeys.register(customer.customerId(), customer.deviceId(),
                bytes(credential.response().clientDataJSON(), "response.clientDataJSON"),
                bytes(credential.response().attestationObject(), "response.attestationObject"),
                credential.response().transports() == null ? null : Set.copyOf(credential.response().transports()));
        if (registration.outcome() == PasskeyOutcome.REUSED && registration.credential() != null) {
            throw new ApiException(Irc.CONFLICT, "This passkey is already registered.");
        }
        refuseUnless(registration.outcome());
        PasskeyStore.Credential stored = registration.credential();
        return new PasskeyJson.Registered(PasskeyService.encode(stored.credentialId()), stored.deviceId(),
                stored.signCount(), stored.createdAt());
    }

    @PostMapping("/assertions/options")
    @Operation(summary = "Request options for the biometric unlock (from a bound phone only)",
            description = "PublicKeyCredentialRequestOptions as JSON with a fresh single-use challenge and this"
                    + " phone's passkeys in allowCredentials.")
    PasskeyRequestOptions assertionOptions(@AuthenticationPrincipal CustomerPrincipal customer) {
        requireBound(customer);
        return passkeys.assertionOptions(customer.customerId(), customer.deviceId());
    }

    @PostMapping("/assertions")
    @Operation(summary = "Try the biometric unlock (from a bound phone only)",
            description = "Verifies the assertion as the step-up factor will: 200 with outcome VERIFIED; 404 when"
                    + " the credential is not a passkey of this phone; 410 TOKEN_EXPIRED (outcome EXPIRED or"
                    + " REUSED) for a spent challenge; 403 SECURITY_VIOLATION (outcome FAILED or"
                    + " COUNTER_NOT_INCREASED) otherwise.")
    PasskeyJson.Verified verify(@AuthenticationPrincipal CustomerPrincipal customer,
            @Valid @RequestBody PasskeyAssertionCredential credential) {
        requireBound(customer);
        requirePublicKey(credential.type());
        PasskeyAssertion assertion;
        try {
            assertion = credential.toAssertion();
        } catch (IllegalArgumentException e) {
            throw new ApiException(Irc.FORMAT_ERROR, e.getMessage());
        }
        PasskeyService.Verification verification = passkeys.verifyCounted(customer.customerId(),
                customer.deviceId(), assertion);
        refuseUnless(verification.outcome());
        return new PasskeyJson.Verified(verification.outcome().name(), verification.signCount());
    }

    private static void refuseUnless(PasskeyOutcome outcome) {
        ApiException refusal = switch (outcome) {
            case VERIFIED -> null;
            case UNKNOWN_CREDENTIAL -> ApiException.notFound("Passkey");
            case EXPIRED, REUSED -> new ApiException(Irc.TOKEN_EXPIRED,
                    "This passkey challenge has expired or was used; ask for new options.");
            case FAILED, COUNTER_NOT_INCREASED -> new ApiException(Irc.SECURITY_VIOLATION,
                    "The passkey response does not verify.");
        };
        if (refusal != null) {
            refusal.getBody().setProperty("outcome", outcome.name());
            throw refusal;
        }
    }

    private static void requireBound(CustomerPrincipal customer) {
        if (!customer.deviceBound()) {
            throw new ApiException(Irc.ACCESS_DENIED, "Passkeys are for a bound phone; bind this phone first.");
        }
    }

    private static void requirePublicKey(String type) {
        if (!"public-key".equals(type)) {
            throw new ApiException(Irc.FORMAT_ERROR, "type must be public-key.");
        }
    }

    private static byte[] bytes(String base64Url, String field) {
        try {
            return PasskeyService.decode(base64Url);
        } catch (IllegalArgumentException e) {
            ApiException refusal = new ApiException(Irc.FORMAT_ERROR, field + " must be base64url.");
            throw refusal;
        }
    }
}
