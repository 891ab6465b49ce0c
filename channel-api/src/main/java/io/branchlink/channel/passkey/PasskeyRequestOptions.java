package io.branchlink.channel.passkey;

import java.util.List;

/**
 * WebAuthn request options for the phone's biometric unlock, as {@code PublicKeyCredentialRequestOptionsJSON}
 * (WebAuthn Level 3): a fresh single-use challenge and the phone's passkeys, byte strings in base64url without
 * padding.
 *
 * @param timeout milliseconds the challenge can be answered
 */
public record PasskeyRequestOptions(String challenge, long timeout, String rpId,
        List<CredentialDescriptor> allowCredentials, String userVerification) {

    public record CredentialDescriptor(String type, String id) {
    }
}
