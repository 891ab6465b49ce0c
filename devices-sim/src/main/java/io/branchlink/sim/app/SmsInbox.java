package io.branchlink.sim.app;

import java.util.List;

/**
 * The text messages that reached the customer's registered phone number, as the customer reads them: the simulated
 * app reads its binding code here. The demo's SMS gateway stub provides one per number.
 */
@FunctionalInterface
public interface SmsInbox {

    /** Every text received so far, oldest first. */
    List<String> messages();
}
