package io.branchlink.channel.ledger;

import java.util.List;

/**
 * A money invariant of a product built on the ledger (transfers in flight, card balances, loan principal …): a bean
 * of this type is checked by {@link LedgerChecks#violations()} beside the ledger's own invariants, so reconciliation
 * and every end-to-end test cover the product without the ledger knowing it.
 */
public interface MoneyInvariant {

    /** Every broken invariant of the product, one line each, without secrets or full account numbers; empty when sound. */
    List<String> violations();
}
