package io.branchlink.channel.card.internal;

import io.branchlink.channel.mine.MineHoldings;
import io.branchlink.channel.mine.MineLine;
import io.branchlink.protocol.money.Money;
import java.sql.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer's credit cards in the "Mine" view: what each card's account says is owed (a liability of the
 * customer), with the due date of its latest statement.
 */
@Component
class CardHoldings implements MineHoldings {

    private final JdbcClient jdbc;

    CardHoldings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<MineLine> lines(UUID customerId) {
        return jdbc.sql("""
                select c.pan_last4, c.currency, a.balance,
                       (select s.due_date from card_statements s where s.card_id = c.id
                         order by s.statement_date desc limit 1) as due_date
                  from credit_cards c join accounts a on a.id = c.account_id
                 where c.customer_id = ?
                 order by c.opened_on, c.pan_last4
                """)
                .param(customerId)
                .query((rs, n) -> {
                    // a card's account is on the debit side: its balance is what the customer owes, or a credit
                    // the customer overpaid
                    long balance = rs.getLong("balance");
                    Money amount = Money.ofMinor(Math.abs(balance), rs.getString("currency"));
                    String reference = "**** **** **** " + rs.getString("pan_last4");
                    MineLine line = balance < 0
                            ? MineLine.asset(MineLine.Product.CARD, reference, "Credit card overpaid", amount)
                            : MineLine.liability(MineLine.Product.CARD, reference, "Credit card", amount);
                    Date due = rs.getDate("due_date");
                    return due == null ? line : line.withDueDate(due.toLocalDate());
                })
                .list();
    }
}
