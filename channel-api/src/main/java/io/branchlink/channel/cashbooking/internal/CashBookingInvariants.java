package io.branchlink.channel.cashbooking.internal;

import io.branchlink.channel.ledger.MoneyInvariant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The bookings' money invariants: an open booking has exactly one hold, open, of its amount on its account; a paid
 * booking has exactly one payout entry of its amount (its account debited) and no open hold; a cancelled or released
 * booking has no open hold.
 */
@Component
class CashBookingInvariants implements MoneyInvariant {

    private final JdbcClient jdbc;

    CashBookingInvariants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> violations() {
        List<String> found = new ArrayList<>();
        jdbc.sql("""
                select b.id::text from cash_bookings b left join holds h on h.id = b.hold_id
                 where b.status = 'BOOKED'
                   and (h.id is null or h.status <> 'PLACED' or h.amount <> b.amount or h.account_id <> b.account_id)
                """).query(String.class).list()
                .forEach(id -> found.add("cash booking " + id + " is open without its hold"));
        jdbc.sql("""
                select b.id::text from cash_bookings b
                 where b.hold_id is not null
                   and (select count(*) from cash_bookings o where o.hold_id = b.hold_id) > 1
                """).query(String.class).list()
                .forEach(id -> found.add("cash booking " + id + " shares its hold"));
        jdbc.sql("""
                select b.id::text from cash_bookings b join holds h on h.id = b.hold_id
                 where b.status in ('PAID', 'CANCELLED', 'NO_SHOW') and h.status = 'PLACED'
                """).query(String.class).list()
                .forEach(id -> found.add("cash booking " + id + " is closed but still holds money"));
        jdbc.sql("""
                select b.id::text from cash_bookings b
                 where b.status = 'PAID'
                   and ((select count(*) from journal_entries e where e.reference = 'cash-booking ' || b.id) <> 1
                        or coalesce((select sum(p.amount) from postings p
                                      where p.entry_id = b.entry_id and p.account_id = b.account_id), 0) <> b.amount)
                """).query(String.class).list()
                .forEach(id -> found.add("cash booking " + id + " is paid but not by exactly one entry of its amount"));
        jdbc.sql("""
                select e.reference from journal_entries e
                  left join cash_bookings b on 'cash-booking ' || b.id = e.reference and b.status = 'PAID'
                 where e.kind = 'CASH_BOOKING_PAYOUT' and b.id is null
                """).query(String.class).list()
                .forEach(reference -> found.add("payout " + reference + " has no paid cash booking"));
        return found;
    }
}
