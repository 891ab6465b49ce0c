package io.branchlink.channel.card.internal;

import io.branchlink.channel.ledger.MoneyInvariant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The cards' money invariants, checked with the ledger's ({@link io.branchlink.channel.ledger.LedgerChecks}): each
 * card's ledger balance is its approved purchases less its repayments plus its interest (the cards charge no fees
 * yet); no card owes more than its limit except by interest; the interest income account holds exactly the interest
 * the cards were charged, and the processor's clearing account exactly the approved purchases (nothing is settled
 * with the processor yet).
 */
@Component
@Transactional(readOnly = true)
class CardMoneyInvariant implements MoneyInvariant {

    private final JdbcClient jdbc;

    CardMoneyInvariant(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> violations() {
        List<String> found = new ArrayList<>();
        jdbc.sql("""
                select c.pan_last4 from credit_cards c join accounts a on a.id = c.account_id
                 where a.balance <> (select coalesce(sum(amount), 0) from card_transactions
                                      where card_id = c.id and outcome = 'APPROVED')
                                  - (select coalesce(sum(amount), 0) from card_repayments where card_id = c.id)
                                  + (select coalesce(sum(amount), 0) from card_interest where card_id = c.id)
                """).query(String.class).list()
                .forEach(card -> found.add("card *" + card + " balance differs from its purchases, repayments and"
                        + " interest"));
        jdbc.sql("""
                select c.pan_last4 from credit_cards c join accounts a on a.id = c.account_id
                 where a.balance - (select coalesce(sum(amount), 0) from card_interest where card_id = c.id)
                       > c.credit_limit
                """).query(String.class).list()
                .forEach(card -> found.add("card *" + card + " owes more than its limit beyond interest"));
        jdbc.sql("""
                select 1 from accounts where id = ?
                   and balance <> (select coalesce(sum(amount), 0) from card_interest)
                """).param(CardService.INTEREST_INCOME).query(Integer.class).optional()
                .ifPresent(x -> found.add("card interest income differs from the interest charged to cards"));
        jdbc.sql("""
                select 1 from accounts where id = ?
                   and balance <> (select coalesce(sum(amount), 0) from card_transactions where outcome = 'APPROVED')
                """).param(CardService.PROCESSOR_CLEARING).query(Integer.class).optional()
                .ifPresent(x -> found.add("card processor clearing differs from the approved purchases"));
        return found;
    }
}
