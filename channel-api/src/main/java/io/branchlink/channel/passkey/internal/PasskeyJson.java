package io.branchlink.channel.passkey.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;

/**
 * The JSON the app exchanges with the passkey endpoints, shaped as WebAuthn Level 3's JSON forms
 * ({@code PublicKeyCredentialCreationOptionsJSON}, {@code RegistrationResponseJSON}; their request/assertion
 * counterparts are the API's {@code PasskeyRequestOptions} and {@code PasskeyAssertionCredential}): every byte string is base64url without padding.
 */
final class PasskeyJson {

    private PasskeyJson() {
    }

    record RelyingParty(String id, String name) {
    }

    record User(String id, String name, String displayName) {
    }

    record CredentialParameters(String type, int alg) {
    }

    record CredentialDescriptor(String type, String id) {
    }

    record AuthenticatorSelection(String authenticatorAttachment, String residentKey, boolean requireResidentKey,
            String userVerification) {
    }

    record CreationOptions(RelyingParty rp, User user, String challenge, List<CredentialParameters> pubKeyCredParams,
            long timeout, List<CredentialDescriptor> excludeCredentials, AuthenticatorSelection authenticatorSelection,
            String attestation) {
    }

    record AttestationResponse(@JsonProperty("clientDataJSON") @NotBlank String clientDataJSON,
            @NotBlank String attestationObject, List<String> transports) {
    }

    record RegistrationCredential(@NotBlank String id, @NotBlank String type,
            @NotNull @Valid AttestationResponse response) {
    }

    record Registered(String credentialId, String deviceId, long signCount, Instant createdAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Verified(String outcome, long signCount) {
    }
}
