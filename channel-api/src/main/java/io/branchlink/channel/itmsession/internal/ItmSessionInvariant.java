package io.branchlink.channel.itmsession.internal;

import io.branchlink.channel.ledger.MoneyInvariant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ITM-shown code's money invariants: a claim's cardless token is exactly what the phone asked for, bound to the
 * ITM that showed the code; a withdrawal's hold is placed while its token can be used, captured once it was used and
 * released once it expired or was cancelled; and no money moved at another terminal on a bound token.
 */
@Component
@Transactional(readOnly = true)
class ItmSessionInvariant implements MoneyInvariant {

    private final JdbcClient jdbc;

    ItmSessionInvariant(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> violations() {
        List<String> found = new ArrayList<>();
        jdbc.sql("""
                select s.session_id from itm_sessions s join cardless_tokens t on t.token_id = s.token_id
                 where t.terminal_id is distinct from s.terminal_id or t.type <> s.kind
                    or t.customer_id <> s.customer_id or t.account_id <> s.account_id
                    or t.amount is distinct from s.amount
                """).query(String.class).list()
                .forEach(id -> found.add("itm session " + id.substring(0, 8) + " token differs from its claim"));
        jdbc.sql("select session_id from itm_sessions where status = 'CLAIMED' and token_id is null")
                .query(String.class).list()
                .forEach(id -> found.add("itm session " + id.substring(0, 8) + " claimed without a token"));
        jdbc.sql("""
                select s.session_id from itm_sessions s
                  join cardless_tokens t on t.token_id = s.token_id
                  join holds h on h.id = t.hold_id
                 where s.kind = 'WITHDRAWAL'
                   and h.status <> case t.status when 'ACTIVE' then 'PLACED' when 'USED' then 'CAPTURED'
                                                 else 'RELEASED' end
                """).query(String.class).list()
                .forEach(id -> found.add("itm session " + id.substring(0, 8) + " hold does not follow its token"));
        jdbc.sql("""
                select distinct t.token_id from cardless_tokens t join cardless_transactions x on x.token_id = t.token_id
                 where t.terminal_id is not null and x.terminal_id <> t.terminal_id and x.outcome = 'APPROVED'
                """).query(String.class).list()
                .forEach(id -> found.add("token " + id.substring(0, 8) + " moved money at a terminal it is not bound to"));
        return found;
    }
}
