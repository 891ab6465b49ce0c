package io.branchlink.channel.onboarding;

import java.util.UUID;

/**
 * The resident ID numbers customers who opened their account from the app proved at onboarding, kept only as a keyed
 * hash: other features ask whether a number a customer gives is that one (a credit application must be about the
 * applicant, not about someone whose number they know).
 */
public interface ResidentIds {

    /** Whether the customer has a number on file from onboarding. */
    boolean onFile(UUID customerId);

    /** Whether {@code number} is the number the customer proved at onboarding; false when there is none on file. */
    boolean matches(UUID customerId, String number);
}
