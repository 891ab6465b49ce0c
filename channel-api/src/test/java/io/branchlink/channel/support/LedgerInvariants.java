package io.branchlink.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.ledger.LedgerChecks;

/** The money invariants of ARCHITECTURE.md that channel-api's books alone can show; checked after every test. */
public final class LedgerInvariants {

    private LedgerInvariants() {
    }

    public static void assertHold(LedgerChecks checks) {
        assertThat(checks.violations()).as("ledger invariants").isEmpty();
    }
}
