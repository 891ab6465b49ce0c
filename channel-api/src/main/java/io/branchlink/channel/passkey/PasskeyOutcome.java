package io.branchlink.channel.passkey;

/** What became of one passkey response: only {@link #VERIFIED} proves the factor. */
public enum PasskeyOutcome {
    /** Signed by the phone's passkey over a fresh challenge for this origin and relying party. */
    VERIFIED,
    /** Anything that does not verify: an unknown challenge, wrong origin or relying party, a bad signature, no user
     * verification, a malformed response. */
    FAILED,
    /** The challenge was already used once. */
    REUSED,
    /** The challenge is past its time to live. */
    EXPIRED,
    /** The credential is not a passkey of this customer's phone. */
    UNKNOWN_CREDENTIAL,
    /** The signature counter did not increase: a cloned authenticator, or a replay of an older response. */
    COUNTER_NOT_INCREASED
}
