package io.branchlink.channel.passkey;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An assertion as the app sends it, shaped as WebAuthn Level 3's {@code AuthenticationResponseJSON}: every byte
 * string is base64url without padding.
 */
public record PasskeyAssertionCredential(@NotBlank String id, @NotBlank String type,
        @NotNull @Valid Response response) {

    public record Response(@JsonProperty("clientDataJSON") @NotBlank String clientDataJSON,
            @NotBlank String authenticatorData, @NotBlank String signature, String userHandle) {
    }

    /** Whether {@code type} is {@code public-key}, the only credential type there is. */
    public boolean publicKey() {
        return "public-key".equals(type);
    }

    /**
     * The decoded assertion.
     *
     * @throws IllegalArgumentException naming the field that is not base64url
     */
    public PasskeyAssertion toAssertion() {
        return new PasskeyAssertion(bytes(id, "id"), bytes(response.clientDataJSON(), "response.clientDataJSON"),
                bytes(response.authenticatorData(), "response.authenticatorData"),
                bytes(response.signature(), "response.signature"));
    }

    private static byte[] bytes(String base64Url, String field) {
        try {
            return Base64.getUrlDecoder().decode(base64Url.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be base64url.", e);
        }
    }
}
