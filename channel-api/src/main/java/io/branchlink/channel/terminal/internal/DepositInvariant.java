package io.branchlink.channel.terminal.internal;

import io.branchlink.channel.ledger.MoneyInvariant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ITM deposits' money invariant, checked with the ledger's: no deposit key (terminal, STAN, date) is credited
 * twice, whether by its 0200, by an advice for it, or by both; and every approved deposit has its one credit.
 *
 * @see io.branchlink.channel.terminal.DepositAdviceIntegrationTests
 */
@Component
@Transactional(readOnly = true)
class DepositInvariant implements MoneyInvariant {

    private final JdbcClient jdbc;

    DepositInvariant(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> violations() {
        List<String> found = new ArrayList<>();
        jdbc.sql("""
                select reference from journal_entries where kind = 'CARDLESS_DEPOSIT'
                 group by reference having count(*) > 1
                """).query(String.class).list()
                .forEach(key -> found.add("deposit key " + key + " is credited more than once"));
        jdbc.sql("""
                select t.terminal_id || ':' || lpad(t.stan::text, 6, '0') || ':' || t.transmission_date
                  from cardless_transactions t
                 where t.kind = 'DEPOSIT' and t.outcome = 'APPROVED'
                   and (t.entry_id is null
                        or not exists (select 1 from journal_entries e
                                        where e.id = t.entry_id and e.kind = 'CARDLESS_DEPOSIT'))
                """).query(String.class).list()
                .forEach(key -> found.add("approved deposit " + key + " has no credit"));
        return found;
    }
}
