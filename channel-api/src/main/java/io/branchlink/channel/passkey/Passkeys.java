package io.branchlink.channel.passkey;

import java.time.Instant;
import java.util.UUID;

/**
 * Verifies a passkey assertion (the phone's biometric unlock) for a customer's bound phone. The assertion must answer
 * a challenge issued to that customer and phone for an assertion, unused and unexpired, and be signed by a passkey
 * registered from that phone with a signature counter above the stored one.
 */
public interface Passkeys {

    PasskeyOutcome verify(UUID customerId, String deviceId, PasskeyAssertion assertion);

    /** Request options with a fresh assertion challenge for the phone, as the app's own unlock gets them. */
    PasskeyRequestOptions assertionOptions(UUID customerId, String deviceId);

    /** Whether the phone has a registered passkey, so that a step-up may ask for the biometric factor. */
    boolean registered(UUID customerId, String deviceId);

    /** Deletes challenges that expired before {@code before}; returns how many. */
    int purgeChallenges(Instant before);
}
