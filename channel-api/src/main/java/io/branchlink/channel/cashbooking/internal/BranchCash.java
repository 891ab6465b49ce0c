package io.branchlink.channel.cashbooking.internal;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The branch's counter cash in the books: one CASH_GL account per branch and currency, {@code CASH-BRANCH-<id>},
 * opened on the branch's first payout. A payout credits it (the cash leaves the counter).
 */
@Component
class BranchCash {

    private final JdbcClient jdbc;

    BranchCash(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    UUID account(String branchId, String currency) {
        String number = number(branchId, currency);
        jdbc.sql("""
                insert into accounts (id, account_number, kind, side, currency, name)
                values (?, ?, 'CASH_GL', 'D', ?, ?)
                on conflict (account_number) do nothing
                """)
                .params(UUID.randomUUID(), number, currency, "Counter cash of branch " + branchId)
                .update();
        return jdbc.sql("select id from accounts where account_number = ?").param(number).query(UUID.class).single();
    }

    static String number(String branchId, String currency) {
        return "CNY".equals(currency) ? "CASH-BRANCH-" + branchId : "CASH-BRANCH-" + branchId + "-" + currency;
    }
}
