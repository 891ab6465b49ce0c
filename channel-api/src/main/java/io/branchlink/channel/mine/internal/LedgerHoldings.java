package io.branchlink.channel.mine.internal;

import io.branchlink.channel.ledger.Account;
import io.branchlink.channel.mine.MineHoldings;
import io.branchlink.channel.mine.MineLine;
import io.branchlink.protocol.money.Money;
import java.sql.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer's open deposit accounts in the ledger: current accounts and time deposits (a time deposit opened at
 * the counter is a ledger account of product {@code TIME_DEPOSIT}, with its maturity date in {@code time_deposits}).
 * Accounts of other products are left to their own {@link MineHoldings}.
 */
@Component
class LedgerHoldings implements MineHoldings {

    private final JdbcClient jdbc;

    LedgerHoldings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<MineLine> lines(UUID customerId) {
        return jdbc.sql("""
                select a.account_number, a.name, a.currency, a.balance, a.side, a.product, t.maturity_date
                  from accounts a left join time_deposits t on t.account_id = a.id
                 where a.customer_id = ? and a.kind = 'CUSTOMER' and a.status = 'OPEN'
                   and a.product in ('CURRENT', 'TIME_DEPOSIT')
                 order by a.product, a.account_number
                """)
                .param(customerId)
                .query((rs, n) -> {
                    Money balance = Money.ofMinor(Math.abs(rs.getLong("balance")), rs.getString("currency"));
                    MineLine.Product product = MineLine.Product.valueOf(rs.getString("product"));
                    String reference = Account.mask(rs.getString("account_number"));
                    // a deposit account below zero would be money owed to the bank; the ledger refuses that today
                    boolean owed = rs.getLong("balance") < 0 == "C".equals(rs.getString("side"));
                    MineLine line = owed
                            ? MineLine.liability(product, reference, rs.getString("name"), balance)
                            : MineLine.asset(product, reference, rs.getString("name"), balance);
                    Date maturity = rs.getDate("maturity_date");
                    return maturity == null ? line : line.withDueDate(maturity.toLocalDate());
                })
                .list();
    }
}
