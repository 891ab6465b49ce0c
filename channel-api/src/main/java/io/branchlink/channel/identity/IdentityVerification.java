package io.branchlink.channel.identity;

/**
 * Checks a person against the national citizen identity register through the bank's identity verification provider:
 * does this resident ID number belong to a living person of this name, and is the selfie the provider's SDK took in
 * the app (its liveness token) that person's face.
 */
public interface IdentityVerification {

    /**
     * Asks the provider once.
     *
     * @param residentIdNumber the 18-character resident ID number; never logged here
     * @param name the name as on the ID card
     * @param livenessToken the token the provider's SDK gave the app for the selfie it took, or null when the app
     *         took none
     * @return the provider's answer: a match, or why not
     * @throws IdentityProviderUnavailableException when the provider is not configured, cannot be reached, times
     *         out or answers something other than a verdict; the check may be asked again
     */
    IdentityCheck verify(String residentIdNumber, String name, String livenessToken);

    /**
     * @param checkId the provider's id of the check, for reconciling its bill and for disputes
     */
    record IdentityCheck(Verdict verdict, String checkId) {

        public boolean matches() {
            return verdict == Verdict.MATCH;
        }
    }

    enum Verdict {
        /** The number is on the register with this name, and the selfie is its holder's face. */
        MATCH,
        /** The number is on the register, under another name. */
        NAME_MISMATCH,
        /** The register has no such number (or it was cancelled). */
        NO_RECORD,
        /** The selfie is not the holder's face, or the liveness token is missing, expired or forged. */
        LIVENESS_FAILED
    }
}
