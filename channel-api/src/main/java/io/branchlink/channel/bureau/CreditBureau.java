package io.branchlink.channel.bureau;

/** Asks the credit bureau for a person's credit report. */
public interface CreditBureau {

    /**
     * The report on file for a resident ID number; {@link CreditReport#found()} is false for a person the bureau has
     * no file on.
     *
     * @param residentId an 18-character resident ID number (GB 11643-1999); it is never logged here
     * @throws CreditBureauUnavailableException when the bureau is not configured, cannot be reached, times out or
     *         answers an error
     */
    CreditReport report(String residentId);
}
