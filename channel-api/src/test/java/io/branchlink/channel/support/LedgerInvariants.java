package io.branchlink.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The money invariants of ARCHITECTURE.md that channel-api's books alone can show; checked after every test. */
public final class LedgerInvariants {

    private LedgerInvariants() {
    }

    public static void assertHold(JdbcClient jdbc) {
        List<String> unbalanced = jdbc.sql("""
                select entry_id::text from postings group by entry_id, currency having sum(amount) <> 0
                """).query(String.class).list();
        assertThat(unbalanced).as("journal entries that do not sum to zero").isEmpty();

        List<String> drifted = jdbc.sql("""
                select a.account_number from accounts a
                  left join postings p on p.account_id = a.id
                 group by a.id
                having a.balance <> coalesce(sum(case a.side when 'D' then p.amount else -p.amount end), 0)
                """).query(String.class).list();
        assertThat(drifted).as("accounts whose balance differs from the sum of their postings").isEmpty();

        List<String> wrongHolds = jdbc.sql("""
                select a.account_number from accounts a
                  left join holds h on h.account_id = a.id and h.status = 'PLACED'
                 group by a.id
                having a.held <> coalesce(sum(h.amount), 0)
                """).query(String.class).list();
        assertThat(wrongHolds).as("accounts whose held amount differs from their open holds").isEmpty();

        Integer overdrawn = jdbc.sql("select count(*) from accounts where kind = 'CUSTOMER' and balance < held")
                .query(Integer.class).single();
        assertThat(overdrawn).as("customer accounts below their holds").isZero();

        List<String> doubleUsed = jdbc.sql("""
                select token_id from cardless_transactions where outcome = 'APPROVED'
                 group by token_id having count(*) > 1
                """).query(String.class).list();
        assertThat(doubleUsed).as("tokens approved more than once").isEmpty();

        List<String> openHoldsOfClosedTokens = jdbc.sql("""
                select t.token_id from cardless_tokens t join holds h on h.id = t.hold_id
                 where t.status <> 'ACTIVE' and h.status = 'PLACED'
                """).query(String.class).list();
        assertThat(openHoldsOfClosedTokens).as("used, cancelled or expired tokens that still hold money").isEmpty();
    }
}
