package io.branchlink.channel.passkey;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A bound phone registers a passkey and unlocks with it through the real endpoints, with webauthn4j-test's software
 * authenticator standing in for the phone's platform authenticator (docs/channel-api.md, "Passkeys (biometric)").
 */
public class PasskeyIntegrationTests extends ChannelIntegrationTest {

    public static final String ORIGIN = "http://localhost:8080";
    static final String PASSKEYS = "/api/v1/devices/current/passkeys";
    static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    @Autowired
    Passkeys passkeys;

    @Autowired
    MeterRegistry meters;

    TestBank.Customer customer;
    String session;
    ClientPlatform phone;
    String credentialId;

    @BeforeEach
    void registerPasskey() {
        customer = bank.customer(0);
        session = login(customer);
        phone = new ClientPlatform(new Origin(ORIGIN), new WebAuthnAuthenticatorAdaptor(new PackedAuthenticator()));
        credentialId = register(session, phone);
    }

    @Test
    void registersAPasskeyAndUnlocksWithIt() {
        JsonNode stored = jdbc.sql("select count(*) as n, max(sign_count) as c, bool_and(uv_initialized) as uv"
                        + " from passkey_credentials where customer_id = :c and device_id = :d")
                .param("c", customer.id()).param("d", customer.deviceId())
                .query((rs, n) -> new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                        .put("n", rs.getLong(1)).put("uv", rs.getBoolean(3)))
                .single();
        assertThat(stored.path("n").asLong()).as("stored passkeys").isEqualTo(1);
        assertThat(stored.path("uv").asBoolean()).as("user verified at registration").isTrue();

        JsonNode options = assertionOptions(session);
        assertThat(options.path("rpId").asText()).isEqualTo("localhost");
        assertThat(options.path("userVerification").asText()).isEqualTo("required");
        assertThat(options.path("allowCredentials").findValuesAsText("id")).containsExactly(credentialId);
        assertThat(options.path("challenge").asText()).matches("[A-Za-z0-9_-]{43}");

        double before = verifiedCount();
        Api.Response verified = api.post(PASSKEYS + "/assertions", session, assertionBody(assert_(phone, options)));

        assertThat(verified.status()).as(verified.body().toString()).isEqualTo(200);
        assertThat(verified.text("outcome")).isEqualTo("VERIFIED");
        assertThat(verifiedCount()).isEqualTo(before + 1);
        long counter = jdbc.sql("select sign_count from passkey_credentials where credential_id = :id")
                .param("id", B64URL_DECODER.decode(credentialId)).query(Long.class).single();
        assertThat(counter).as("stored sign count").isEqualTo(verified.body().path("signCount").asLong());
    }

    @Test
    void refusesTheSameAssertionTwice() {
        Map<String, Object> assertion = assertionBody(assert_(phone, assertionOptions(session)));
        assertThat(api.post(PASSKEYS + "/assertions", session, assertion).status()).isEqualTo(200);

        Api.Response replay = api.post(PASSKEYS + "/assertions", session, assertion);

        assertThat(replay.status()).isEqualTo(410);
        assertThat(replay.text("outcome")).isEqualTo("REUSED");
    }

    @Test
    void refusesAnAssertionFromAnotherOrigin() {
        JsonNode options = assertionOptions(session);
        phone.setOrigin(new Origin("https://branchlink.example.net"));

        Api.Response refused = api.post(PASSKEYS + "/assertions", session, assertionBody(assert_(phone, options)));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("outcome")).isEqualTo("FAILED");
        assertThat(refused.irc()).isEqualTo("SECURITY_VIOLATION");
    }

    @Test
    void refusesAnAssertionOverAnExpiredChallenge() {
        JsonNode options = assertionOptions(session);
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));

        Api.Response refused = api.post(PASSKEYS + "/assertions", session, assertionBody(assert_(phone, options)));

        assertThat(refused.status()).isEqualTo(410);
        assertThat(refused.text("outcome")).isEqualTo("EXPIRED");
    }

    @Test
    void refusesAnAssertionWhoseSignCountDidNotIncrease() {
        JsonNode options = assertionOptions(session);
        // the genuine authenticator has signed 1,000 times already; this one (a clone) is behind
        jdbc.sql("update passkey_credentials set sign_count = 1000 where credential_id = :id")
                .param("id", B64URL_DECODER.decode(credentialId)).update();

        Api.Response refused = api.post(PASSKEYS + "/assertions", session, assertionBody(assert_(phone, options)));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("outcome")).isEqualTo("COUNTER_NOT_INCREASED");
        assertThat(jdbc.sql("select sign_count from passkey_credentials where credential_id = :id")
                .param("id", B64URL_DECODER.decode(credentialId)).query(Long.class).single()).isEqualTo(1000);
    }

    @Nested
    class AnotherCustomer {

        @Test
        void cannotUseThisCustomersPasskey() {
            TestBank.Customer other = bank.customer(0);
            String otherSession = login(other);
            JsonNode otherOptions = assertionOptions(otherSession);
            PublicKeyCredentialRequestOptions stolen = new PublicKeyCredentialRequestOptions(
                    new DefaultChallenge(B64URL_DECODER.decode(otherOptions.path("challenge").asText())), 120_000L,
                    "localhost", List.of(new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PUBLIC_KEY,
                            B64URL_DECODER.decode(credentialId), null)), UserVerificationRequirement.REQUIRED,
                    new AuthenticationExtensionsClientInputs<>());

            Api.Response refused = api.post(PASSKEYS + "/assertions", otherSession,
                    assertionBody(phone.get(stolen)));

            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.irc()).isEqualTo("NOT_FOUND");
        }

        @Test
        void cannotAnswerThisCustomersChallenge() {
            TestBank.Customer other = bank.customer(0);
            var assertion = assert_(phone, assertionOptions(session));

            assertThat(passkeys.verify(other.id(), other.deviceId(), new PasskeyAssertion(assertion.getRawId(),
                    assertion.getResponse().getClientDataJSON(), assertion.getResponse().getAuthenticatorData(),
                    assertion.getResponse().getSignature()))).isEqualTo(PasskeyOutcome.FAILED);
            assertThat(passkeys.verify(customer.id(), customer.deviceId(), new PasskeyAssertion(
                    assertion.getRawId(), assertion.getResponse().getClientDataJSON(),
                    assertion.getResponse().getAuthenticatorData(), assertion.getResponse().getSignature())))
                    .as("another customer's try leaves the challenge to its owner").isEqualTo(PasskeyOutcome.VERIFIED);
        }
    }

    @Test
    void refusesRegistrationFromAPhoneThatIsNotBound() {
        TestBank.Customer unbound = bank.customer(0, null);
        Api.Response login = api.post("/api/v1/sessions", null, Map.of("username", unbound.username(),
                "password", TestBank.PASSWORD, "deviceId", unbound.deviceId()));

        Api.Response refused = api.post(PASSKEYS + "/options", Api.bearer(login.text("token")), Map.of());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.irc()).isEqualTo("ACCESS_DENIED");
    }

    @Test
    void refusesARegistrationOverAUsedChallenge() {
        JsonNode options = api.post(PASSKEYS + "/options", session, Map.of()).body();
        var created = phone.create(creationOptions(options));
        assertThat(api.post(PASSKEYS, session, registrationBody(created)).status()).isEqualTo(201);

        Api.Response again = api.post(PASSKEYS, session, registrationBody(created));

        assertThat(again.status()).isEqualTo(410);
        assertThat(again.text("outcome")).isEqualTo("REUSED");
    }

    double verifiedCount() {
        var counter = meters.find("branchlink.channel.passkey.assertions").tag("outcome", "VERIFIED").counter();
        return counter == null ? 0 : counter.count();
    }

    String register(String session, ClientPlatform platform) {
        Api.Response options = api.post(PASSKEYS + "/options", session, Map.of());
        assertThat(options.status()).as(options.body().toString()).isEqualTo(200);
        assertThat(options.body().path("rp").path("id").asText()).isEqualTo("localhost");
        assertThat(options.body().path("attestation").asText()).isEqualTo("none");
        Api.Response registered = api.post(PASSKEYS, session,
                registrationBody(platform.create(creationOptions(options.body()))));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        assertThat(registered.text("deviceId")).isEqualTo(customer.deviceId());
        return registered.text("credentialId");
    }

    JsonNode assertionOptions(String session) {
        Api.Response options = api.post(PASSKEYS + "/assertions/options", session, Map.of());
        assertThat(options.status()).as(options.body().toString()).isEqualTo(200);
        return options.body();
    }

    public static PublicKeyCredentialCreationOptions creationOptions(JsonNode json) {
        List<PublicKeyCredentialParameters> algorithms = new ArrayList<>();
        json.path("pubKeyCredParams").forEach(p -> algorithms.add(new PublicKeyCredentialParameters(
                PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.create(p.path("alg").asLong()))));
        JsonNode user = json.path("user");
        return new PublicKeyCredentialCreationOptions(
                new PublicKeyCredentialRpEntity(json.path("rp").path("id").asText(),
                        json.path("rp").path("name").asText()),
                new PublicKeyCredentialUserEntity(B64URL_DECODER.decode(user.path("id").asText()),
                        user.path("name").asText(), user.path("displayName").asText()),
                new DefaultChallenge(B64URL_DECODER.decode(json.path("challenge").asText())), algorithms,
                json.path("timeout").asLong(), List.of(),
                new AuthenticatorSelectionCriteria(AuthenticatorAttachment.PLATFORM, false,
                        ResidentKeyRequirement.DISCOURAGED, UserVerificationRequirement.create(
                        json.path("authenticatorSelection").path("userVerification").asText())),
                AttestationConveyancePreference.NONE, new AuthenticationExtensionsClientInputs<>());
    }

    public static PublicKeyCredential<AuthenticatorAssertionResponse, AuthenticationExtensionClientOutput> assert_(
            ClientPlatform platform, JsonNode json) {
        List<PublicKeyCredentialDescriptor> allowed = new ArrayList<>();
        json.path("allowCredentials").forEach(c -> allowed.add(new PublicKeyCredentialDescriptor(
                PublicKeyCredentialType.PUBLIC_KEY, B64URL_DECODER.decode(c.path("id").asText()), null)));
        return platform.get(new PublicKeyCredentialRequestOptions(
                new DefaultChallenge(B64URL_DECODER.decode(json.path("challenge").asText())),
                json.path("timeout").asLong(), json.path("rpId").asText(), allowed,
                UserVerificationRequirement.create(json.path("userVerification").asText()),
                new AuthenticationExtensionsClientInputs<>()));
    }

    public static Map<String, Object> registrationBody(
            PublicKeyCredential<AuthenticatorAttestationResponse, RegistrationExtensionClientOutput> credential) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", B64URL.encodeToString(credential.getResponse().getClientDataJSON()));
        response.put("attestationObject", B64URL.encodeToString(credential.getResponse().getAttestationObject()));
        response.put("transports", List.of("internal"));
        return Map.of("id", B64URL.encodeToString(credential.getRawId()),
                "rawId", B64URL.encodeToString(credential.getRawId()), "type", "public-key",
                "response", response, "clientExtensionResults", Map.of());
    }

    public static Map<String, Object> assertionBody(
            PublicKeyCredential<AuthenticatorAssertionResponse, AuthenticationExtensionClientOutput> credential) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", B64URL.encodeToString(credential.getResponse().getClientDataJSON()));
        response.put("authenticatorData", B64URL.encodeToString(credential.getResponse().getAuthenticatorData()));
        response.put("signature", B64URL.encodeToString(credential.getResponse().getSignature()));
        return Map.of("id", B64URL.encodeToString(credential.getRawId()),
                "rawId", B64URL.encodeToString(credential.getRawId()), "type", "public-key",
                "response", response, "clientExtensionResults", Map.of());
    }
}
