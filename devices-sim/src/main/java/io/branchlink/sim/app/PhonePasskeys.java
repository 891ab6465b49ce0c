package io.branchlink.sim.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttachment;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialDescriptor;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.client.AuthenticationExtensionClientOutput;
import com.webauthn4j.data.extension.client.AuthenticationExtensionsClientInputs;
import com.webauthn4j.data.extension.client.RegistrationExtensionClientOutput;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.client.ClientPlatform;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The phone's platform authenticator behind its biometric unlock, played by webauthn4j-test's software authenticator:
 * it answers channel-api's creation and request options (WebAuthn Level 3 JSON, base64url without padding) with
 * the response bodies the passkey endpoints take (docs/channel-api.md, "Passkeys (biometric)"). Its keys live only
 * in this object, so a passkey is lost with it, as with a wiped phone.
 */
final class PhonePasskeys {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    private final ClientPlatform platform;

    PhonePasskeys(String origin) {
        this.platform = new ClientPlatform(new Origin(origin),
                new WebAuthnAuthenticatorAdaptor(new PackedAuthenticator()));
    }

    /** Makes a credential for the creation options and returns the registration request body. */
    Map<String, Object> create(JsonNode options) {
        List<PublicKeyCredentialParameters> algorithms = new ArrayList<>();
        options.path("pubKeyCredParams").forEach(p -> algorithms.add(new PublicKeyCredentialParameters(
                PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.create(p.path("alg").asLong()))));
        JsonNode user = options.path("user");
        PublicKeyCredential<AuthenticatorAttestationResponse, RegistrationExtensionClientOutput> credential =
                platform.create(new PublicKeyCredentialCreationOptions(
                        new PublicKeyCredentialRpEntity(options.path("rp").path("id").asText(),
                                options.path("rp").path("name").asText()),
                        new PublicKeyCredentialUserEntity(decode(user.path("id").asText()),
                                user.path("name").asText(), user.path("displayName").asText()),
                        new DefaultChallenge(decode(options.path("challenge").asText())), algorithms,
                        options.path("timeout").asLong(), descriptors(options.path("excludeCredentials")),
                        new AuthenticatorSelectionCriteria(AuthenticatorAttachment.PLATFORM, false,
                                ResidentKeyRequirement.DISCOURAGED, userVerification(
                                options.path("authenticatorSelection"))),
                        AttestationConveyancePreference.NONE, new AuthenticationExtensionsClientInputs<>()));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", B64URL.encodeToString(credential.getResponse().getClientDataJSON()));
        response.put("attestationObject", B64URL.encodeToString(credential.getResponse().getAttestationObject()));
        response.put("transports", List.of("internal"));
        return body(credential.getRawId(), response);
    }

    /** Signs the challenge of the request options (the biometric unlock) and returns the assertion request body. */
    Map<String, Object> get(JsonNode options) {
        PublicKeyCredential<AuthenticatorAssertionResponse, AuthenticationExtensionClientOutput> credential =
                platform.get(new PublicKeyCredentialRequestOptions(
                        new DefaultChallenge(decode(options.path("challenge").asText())),
                        options.path("timeout").asLong(), options.path("rpId").asText(),
                        descriptors(options.path("allowCredentials")), userVerification(options),
                        new AuthenticationExtensionsClientInputs<>()));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", B64URL.encodeToString(credential.getResponse().getClientDataJSON()));
        response.put("authenticatorData", B64URL.encodeToString(credential.getResponse().getAuthenticatorData()));
        response.put("signature", B64URL.encodeToString(credential.getResponse().getSignature()));
        return body(credential.getRawId(), response);
    }

    private static Map<String, Object> body(byte[] rawId, Map<String, Object> response) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", B64URL.encodeToString(rawId));
        body.put("rawId", B64URL.encodeToString(rawId));
        body.put("type", "public-key");
        body.put("response", response);
        body.put("clientExtensionResults", Map.of());
        return body;
    }

    private static List<PublicKeyCredentialDescriptor> descriptors(JsonNode list) {
        List<PublicKeyCredentialDescriptor> descriptors = new ArrayList<>();
        list.forEach(c -> descriptors.add(new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PUBLIC_KEY,
                decode(c.path("id").asText()), null)));
        return descriptors;
    }

    private static UserVerificationRequirement userVerification(JsonNode node) {
        return UserVerificationRequirement.create(node.path("userVerification").asText("required"));
    }

    private static byte[] decode(String base64Url) {
        return B64URL_DECODER.decode(base64Url);
    }
}
