package io.branchlink.channel.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The money invariants the books alone can show, for reconciliation and for every end-to-end test: entries balance,
 * balances equal their postings, holds equal open holds, no customer account is below its holds, no token is
 * approved twice, and no closed token still holds money; then those of every product ({@link MoneyInvariant}).
 *
 * @see io.branchlink.channel.ledger.LedgerIntegrationTests
 */
@Component
@Transactional(readOnly = true)
public class LedgerChecks {

    private final JdbcClient jdbc;
    private final List<MoneyInvariant> products;

    LedgerChecks(JdbcClient jdbc, List<MoneyInvariant> products) {
        this.jdbc = jdbc;
        this.products = List.copyOf(products);
    }

    /** Every broken invariant, one line each; empty when the books are sound. */
    public List<String> violations() {
        List<String> found = new ArrayList<>();
        jdbc.sql("select entry_id::text from postings group by entry_id, currency having sum(amount) <> 0")
                .query(String.class).list()
                .forEach(entry -> found.add("journal entry " + entry + " does not sum to zero"));
        jdbc.sql("""
                select a.account_number from accounts a
                  left join postings p on p.account_id = a.id
                 group by a.id
                having a.balance <> coalesce(sum(case a.side when 'D' then p.amount else -p.amount end), 0)
                """).query(String.class).list()
                .forEach(account -> found.add("account " + Account.mask(account) + " differs from its postings"));
        jdbc.sql("""
                select a.account_number from accounts a
                  left join holds h on h.account_id = a.id and h.status = 'PLACED'
                 group by a.id
                having a.held <> coalesce(sum(h.amount), 0)
                """).query(String.class).list()
                .forEach(account -> found.add("account " + Account.mask(account) + " held differs from its holds"));
        jdbc.sql("select account_number from accounts where kind = 'CUSTOMER' and balance < held")
                .query(String.class).list()
                .forEach(account -> found.add("account " + Account.mask(account) + " is below its holds"));
        jdbc.sql("""
                select token_id from cardless_transactions where outcome = 'APPROVED'
                 group by token_id having count(*) > 1
                """).query(String.class).list()
                .forEach(token -> found.add("token " + token.substring(0, 8) + " approved more than once"));
        jdbc.sql("""
                select t.token_id from cardless_tokens t join holds h on h.id = t.hold_id
                 where t.status <> 'ACTIVE' and h.status = 'PLACED'
                """).query(String.class).list()
                .forEach(token -> found.add("token " + token.substring(0, 8) + " is closed but still holds money"));
        products.forEach(product -> found.addAll(product.violations()));
        return found;
    }

    /** An account's balance in minor units, in its natural sign. */
    public long balance(UUID accountId) {
        return jdbc.sql("select balance from accounts where id = ?").param(accountId).query(Long.class).single();
    }

    /** An ITM's cash GL balance in minor units: what the books say is inside the machine. */
    public long terminalCash(String terminalId) {
        return jdbc.sql("""
                select a.balance from terminals t join accounts a on a.id = t.cash_account_id where t.id = ?
                """).param(terminalId).query(Long.class).single();
    }
}
