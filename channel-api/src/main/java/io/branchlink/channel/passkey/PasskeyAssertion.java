package io.branchlink.channel.passkey;

import java.util.Arrays;

/**
 * One WebAuthn assertion response, as the authenticator produced it (WebAuthn Level 3, 5.2.2): the credential id,
 * the client data JSON, the authenticator data and the signature over both.
 */
public record PasskeyAssertion(byte[] credentialId, byte[] clientDataJson, byte[] authenticatorData,
        byte[] signature) {

    public PasskeyAssertion {
        credentialId = credentialId.clone();
        clientDataJson = clientDataJson.clone();
        authenticatorData = authenticatorData.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] credentialId() {
        return credentialId.clone();
    }

    @Override
    public byte[] clientDataJson() {
        return clientDataJson.clone();
    }

    @Override
    public byte[] authenticatorData() {
        return authenticatorData.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasskeyAssertion that && Arrays.equals(credentialId, that.credentialId)
                && Arrays.equals(clientDataJson, that.clientDataJson)
                && Arrays.equals(authenticatorData, that.authenticatorData) && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(credentialId) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "PasskeyAssertion[credentialId=" + credentialId.length + " bytes]";
    }
}
