package io.branchlink.channel.mine.internal;

import io.branchlink.channel.ledger.Account;
import io.branchlink.channel.ledger.MoneyInvariant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The monthly summary agrees with the books: for every customer account, the money in less the money out and the
 * number of postings summarised equal those of its postings; checked with the ledger's invariants after every
 * integration test and at reconciliation.
 */
@Component
class SummaryInvariant implements MoneyInvariant {

    private final JdbcClient jdbc;

    SummaryInvariant(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> violations() {
        return jdbc.sql("""
                select a.account_number from accounts a
                  left join (select account_id, sum(money_in - money_out) as net, sum(postings) as n
                               from mine_monthly group by account_id) s on s.account_id = a.id
                  left join (select account_id, sum(-amount) as net, count(*) as n
                               from postings group by account_id) p on p.account_id = a.id
                 where a.kind = 'CUSTOMER'
                   and (coalesce(s.net, 0) <> coalesce(p.net, 0) or coalesce(s.n, 0) <> coalesce(p.n, 0))
                 order by a.account_number
                """)
                .query(String.class)
                .list()
                .stream()
                .map(account -> "account " + Account.mask(account) + " differs from its monthly summary (Mine)")
                .toList();
    }
}
