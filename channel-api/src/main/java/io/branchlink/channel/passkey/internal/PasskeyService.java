package io.branchlink.channel.passkey.internal;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.CollectedClientDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.VerificationException;
import io.branchlink.channel.passkey.PasskeyAssertion;
import io.branchlink.channel.passkey.PasskeyOutcome;
import io.branchlink.channel.passkey.PasskeyRequestOptions;
import io.branchlink.channel.passkey.Passkeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues WebAuthn creation and request options with single-use challenges kept in PostgreSQL, and verifies the
 * phone's attestation and assertion responses with webauthn4j (challenge, origin, rp id hash, user presence and
 * verification, signature, signature counter). Attestation is "none": the phone is already bound, so who made the
 * authenticator is not checked.
 */
@Service
class PasskeyService implements Passkeys {

    private static final Logger log = LoggerFactory.getLogger(PasskeyService.class);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    /** ES256 first (what phone platform authenticators make), then RS256 (Windows Hello). */
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));
    /** Expired challenges are kept this long so that answering one says EXPIRED rather than FAILED. */
    private static final Duration KEEP_EXPIRED = Duration.ofHours(1);

    /** {@code reason} names what failed (a webauthn4j exception class, or the challenge state) for the log. */
    record Registration(PasskeyOutcome outcome, PasskeyStore.Credential credential, String reason) {
    }

    record Verification(PasskeyOutcome outcome, long signCount, String reason) {
    }

    private final PasskeyStore store;
    private final PasskeyProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SecureRandom random = new SecureRandom();
    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager(converter);
    private final CollectedClientDataConverter clientData = new CollectedClientDataConverter(converter);
    private final AttestedCredentialDataConverter credentialData = new AttestedCredentialDataConverter(converter);
    private final Set<Origin> origins;

    PasskeyService(PasskeyStore store, PasskeyProperties properties, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.origins = properties.origins().stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
    }

    @Transactional
    public PasskeyJson.CreationOptions registrationOptions(UUID customerId, String deviceId) {
        String challenge = newChallenge(customerId, deviceId, PasskeyStore.Ceremony.REGISTRATION);
        String userId = B64URL.encodeToString(uuidBytes(customerId));
        return new PasskeyJson.CreationOptions(new PasskeyJson.RelyingParty(properties.rpId(), properties.rpName()),
                new PasskeyJson.User(userId, customerId.toString(), customerId.toString()), challenge,
                ALGORITHMS.stream().map(p -> new PasskeyJson.CredentialParameters("public-key", (int) p.getAlg()
                        .getValue())).toList(),
                properties.challengeTtl().toMillis(), descriptors(customerId, deviceId),
                new PasskeyJson.AuthenticatorSelection("platform", "discouraged", false, userVerification()),
                "none");
    }

    @Transactional
    public Registration register(UUID customerId, String deviceId, byte[] clientDataJson, byte[] attestationObject,
            Set<String> transports) {
        Registration registration = registerChecked(customerId, deviceId, clientDataJson, attestationObject,
                transports);
        meters.counter("branchlink.channel.passkey.registrations", "outcome", registration.outcome().name())
                .increment();
        log.info("passkey registration customer={} device={} credential={} outcome={} reason={}", customerId,
                deviceId, registration.credential() == null ? "-" : shortId(registration.credential().credentialId()),
                registration.outcome(), registration.reason());
        return registration;
    }

    @Override
    @Transactional
    public PasskeyRequestOptions assertionOptions(UUID customerId, String deviceId) {
        String challenge = newChallenge(customerId, deviceId, PasskeyStore.Ceremony.ASSERTION);
        return new PasskeyRequestOptions(challenge, properties.challengeTtl().toMillis(), properties.rpId(),
                store.credentialIds(customerId, deviceId).stream()
                        .map(id -> new PasskeyRequestOptions.CredentialDescriptor("public-key",
                                B64URL.encodeToString(id)))
                        .toList(),
                userVerification());
    }

    @Override
    @Transactional(readOnly = true)
    public boolean registered(UUID customerId, String deviceId) {
        return !store.credentialIds(customerId, deviceId).isEmpty();
    }

    @Override
    @Transactional
    public int purgeChallenges(Instant before) {
        return store.purgeChallenges(before);
    }

    @Override
    @Transactional
    public PasskeyOutcome verify(UUID customerId, String deviceId, PasskeyAssertion assertion) {
        return verifyCounted(customerId, deviceId, assertion).outcome();
    }

    @Transactional
    public Verification verifyCounted(UUID customerId, String deviceId, PasskeyAssertion assertion) {
        Verification verification = verifyChecked(customerId, deviceId, assertion);
        meters.counter("branchlink.channel.passkey.assertions", "outcome", verification.outcome().name())
                .increment();
        log.info("passkey assertion customer={} device={} credential={} outcome={} reason={}", customerId, deviceId,
                shortId(assertion.credentialId()), verification.outcome(), verification.reason());
        return verification;
    }

    private Registration registerChecked(UUID customerId, String deviceId, byte[] clientDataJson,
            byte[] attestationObject, Set<String> transports) {
        Instant now = clock.instant();
        Optional<byte[]> challenge = challengeOf(clientDataJson);
        if (challenge.isEmpty()) {
            return new Registration(PasskeyOutcome.FAILED, null, "client-data");
        }
        PasskeyOutcome challengeState = useChallenge(challenge.get(), customerId, deviceId,
                PasskeyStore.Ceremony.REGISTRATION, now);
        if (challengeState != PasskeyOutcome.VERIFIED) {
            return new Registration(challengeState, null, "challenge");
        }
        RegistrationData data;
        try {
            data = webAuthn.verify(new RegistrationRequest(attestationObject, clientDataJson, null,
                            transports == null ? null : new HashSet<>(transports)),
                    new RegistrationParameters(serverProperty(challenge.get()), ALGORITHMS,
                            properties.userVerificationRequired(), true));
        } catch (VerificationException | DataConversionException | IllegalArgumentException e) {
            return new Registration(PasskeyOutcome.FAILED, null, e.getClass().getSimpleName());
        }
        AuthenticatorData<?> authenticatorData = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData attested = authenticatorData.getAttestedCredentialData();
        byte[] encoded = credentialData.convert(attested);
        int coseStart = 16 + 2 + attested.getCredentialId().length;
        PasskeyStore.Credential credential = new PasskeyStore.Credential(attested.getCredentialId(), customerId,
                deviceId, attested.getAaguid().getValue(), java.util.Arrays.copyOfRange(encoded, coseStart,
                encoded.length), authenticatorData.getSignCount(), authenticatorData.isFlagUV(),
                authenticatorData.isFlagBE(), authenticatorData.isFlagBS(), now);
        if (!store.saveCredential(credential)) {
            return new Registration(PasskeyOutcome.REUSED, credential, "credential-registered");
        }
        return new Registration(PasskeyOutcome.VERIFIED, credential, "-");
    }

    private Verification verifyChecked(UUID customerId, String deviceId, PasskeyAssertion assertion) {
        Instant now = clock.instant();
        Optional<byte[]> challenge = challengeOf(assertion.clientDataJson());
        if (challenge.isEmpty()) {
            return new Verification(PasskeyOutcome.FAILED, 0, "client-data");
        }
        PasskeyOutcome challengeState = useChallenge(challenge.get(), customerId, deviceId,
                PasskeyStore.Ceremony.ASSERTION, now);
        if (challengeState != PasskeyOutcome.VERIFIED) {
            return new Verification(challengeState, 0, "challenge");
        }
        Optional<PasskeyStore.Credential> found = store.lockCredential(assertion.credentialId(), customerId,
                deviceId);
        if (found.isEmpty()) {
            return new Verification(PasskeyOutcome.UNKNOWN_CREDENTIAL, 0, "credential");
        }
        PasskeyStore.Credential credential = found.get();
        AuthenticationData data;
        try {
            CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(),
                    credential.uvInitialized(), credential.backupEligible(), credential.backupState(),
                    credential.signCount(), attested(credential), null, null, null, null);
            data = webAuthn.verify(new AuthenticationRequest(assertion.credentialId(), null,
                            assertion.authenticatorData(), assertion.clientDataJson(), null, assertion.signature()),
                    new AuthenticationParameters(serverProperty(challenge.get()), record,
                            store.credentialIds(customerId, deviceId), properties.userVerificationRequired(), true));
        } catch (MaliciousCounterValueException e) {
            return new Verification(PasskeyOutcome.COUNTER_NOT_INCREASED, credential.signCount(),
                    e.getClass().getSimpleName());
        } catch (VerificationException | DataConversionException | IllegalArgumentException e) {
            return new Verification(PasskeyOutcome.FAILED, credential.signCount(), e.getClass().getSimpleName());
        }
        long signCount = data.getAuthenticatorData().getSignCount();
        store.recordUse(credential.credentialId(), signCount, data.getAuthenticatorData().isFlagBS(), now);
        return new Verification(PasskeyOutcome.VERIFIED, signCount, "-");
    }

    /**
     * VERIFIED when the challenge is this phone's, unused and unexpired; it is used from now on either way. Another
     * customer's or phone's challenge is FAILED and left as it was.
     */
    private PasskeyOutcome useChallenge(byte[] challenge, UUID customerId, String deviceId,
            PasskeyStore.Ceremony ceremony, Instant now) {
        Optional<PasskeyStore.Challenge> stored = store.useChallenge(sha256(challenge), customerId, deviceId,
                ceremony, now);
        if (stored.isEmpty()) {
            return PasskeyOutcome.FAILED;
        }
        if (stored.get().usedAt() != null) {
            return PasskeyOutcome.REUSED;
        }
        if (!now.isBefore(stored.get().expiresAt())) {
            return PasskeyOutcome.EXPIRED;
        }
        return PasskeyOutcome.VERIFIED;
    }

    private String newChallenge(UUID customerId, String deviceId, PasskeyStore.Ceremony ceremony) {
        Instant now = clock.instant();
        byte[] challenge = new byte[32];
        random.nextBytes(challenge);
        store.forgetChallenges(customerId, deviceId, now.minus(KEEP_EXPIRED));
        store.saveChallenge(sha256(challenge), customerId, deviceId, ceremony, now,
                now.plus(properties.challengeTtl()));
        return B64URL.encodeToString(challenge);
    }

    private Optional<byte[]> challengeOf(byte[] clientDataJson) {
        try {
            return Optional.ofNullable(clientData.convert(clientDataJson))
                    .map(c -> c.getChallenge() == null ? null : c.getChallenge().getValue());
        } catch (DataConversionException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private ServerProperty serverProperty(byte[] challenge) {
        return new ServerProperty(origins, properties.rpId(), new DefaultChallenge(challenge));
    }

    private AttestedCredentialData attested(PasskeyStore.Credential credential) {
        byte[] id = credential.credentialId();
        ByteBuffer buffer = ByteBuffer.allocate(16 + 2 + id.length + credential.publicKeyCose().length);
        UUID aaguid = credential.aaguid();
        buffer.putLong(aaguid.getMostSignificantBits()).putLong(aaguid.getLeastSignificantBits())
                .putShort((short) id.length).put(id).put(credential.publicKeyCose());
        return credentialData.convert(buffer.array());
    }

    private List<PasskeyJson.CredentialDescriptor> descriptors(UUID customerId, String deviceId) {
        return store.credentialIds(customerId, deviceId).stream()
                .map(id -> new PasskeyJson.CredentialDescriptor("public-key", B64URL.encodeToString(id))).toList();
    }

    private String userVerification() {
        return properties.userVerificationRequired() ? "required" : "preferred";
    }

    static byte[] decode(String base64Url) {
        return B64URL_DECODER.decode(base64Url.getBytes(StandardCharsets.US_ASCII));
    }

    static String encode(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    /** The first 8 characters of the credential id: enough to tell passkeys apart in a log, and not a secret. */
    private static String shortId(byte[] credentialId) {
        String id = B64URL.encodeToString(credentialId);
        return id.length() <= 8 ? id : id.substring(0, 8);
    }

    private static byte[] uuidBytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
