package io.branchlink.channel.passkey;

import java.util.UUID;

/**
 * Verifies a passkey assertion (the phone's biometric unlock) for a customer's bound phone. The assertion must answer
 * a challenge issued to that customer and phone for an assertion, unused and unexpired, and be signed by a passkey
 * registered from that phone with a signature counter above the stored one.
 */
public interface Passkeys {

    PasskeyOutcome verify(UUID customerId, String deviceId, PasskeyAssertion assertion);
}
