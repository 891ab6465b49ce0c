package io.branchlink.channel.mine.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer's money in and out by month and category, aggregated in PostgreSQL from the monthly summary
 * ({@code mine_monthly}, kept at commit by the posting path) and categorised by the rules in {@code mine_categories}:
 * a customer with five years of history reads at most a few hundred summary rows, never the postings themselves.
 */
@Component
class MineFlows {

    /** Every summary row of the customer's accounts in the period, split by direction and categorised. */
    static final String QUERY = """
            select s.month, s.currency, c.category, c.flow, c.returns,
                   sum(case d.direction when 'IN' then d.amount else 0 end) as money_in,
                   sum(case d.direction when 'OUT' then d.amount else 0 end) as money_out
              from accounts a
              join mine_monthly s on s.account_id = a.id and s.month between :from and :to
             cross join lateral (values ('IN', s.money_in), ('OUT', s.money_out)) d (direction, amount)
             cross join lateral (
                   select r.category, r.flow, r.returns from mine_categories r
                    where s.entry_kind like r.entry_kind
                      and (r.counterparty is null or r.counterparty = s.counterparty)
                      and (r.direction is null or r.direction = d.direction)
                    order by r.priority
                    limit 1) c
             where a.customer_id = :customer and d.amount > 0
             group by s.month, s.currency, c.category, c.flow, c.returns
             order by s.month, s.currency, c.category
            """;

    private final JdbcClient jdbc;

    MineFlows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Flow> between(UUID customerId, YearMonth from, YearMonth to) {
        return jdbc.sql(QUERY)
                .param("customer", customerId)
                .param("from", from.atDay(1))
                .param("to", to.atDay(1))
                .query((rs, n) -> new Flow(YearMonth.from(rs.getObject("month", LocalDate.class)),
                        rs.getString("currency"), rs.getString("category"), Flow.Direction.valueOf(rs.getString("flow")),
                        rs.getBoolean("returns"), rs.getLong("money_in"), rs.getLong("money_out")))
                .list();
    }

    /**
     * One month's money of one category in one currency, in minor units.
     *
     * @param returns whether the category is a return on the customer's money (interest earned)
     */
    record Flow(YearMonth month, String currency, String category, Direction flow, boolean returns, long moneyIn,
            long moneyOut) {

        /** The amount in the sense of its flow: income earned, expense spent, or internal money moved in. */
        long net() {
            return flow == Direction.EXPENSE ? moneyOut - moneyIn : moneyIn - moneyOut;
        }

        enum Direction {
            INCOME, EXPENSE, INTERNAL
        }
    }
}
