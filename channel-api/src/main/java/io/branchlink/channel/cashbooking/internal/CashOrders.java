package io.branchlink.channel.cashbooking.internal;

import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.hubapi.CashOrder;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The branches' cash orders: for each branch, date and denomination, the cash the booked customers will take out
 * (open bookings) and what was paid out already, so the vault can send the cash in time.
 */
@Component
class CashOrders {

    static final int MAX_DAYS = 92;

    private final JdbcClient jdbc;

    CashOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param branchId one branch, or null for every branch
     */
    @Transactional(readOnly = true)
    List<CashOrder> between(String branchId, LocalDate from, LocalDate to) {
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            throw new ApiException(Irc.FORMAT_ERROR, "from is on or before to, at most " + MAX_DAYS + " days apart.");
        }
        return jdbc.sql("""
                select branch_id, withdrawal_date, denomination, currency,
                       count(*) filter (where status = 'BOOKED') as open_bookings,
                       coalesce(sum(amount) filter (where status = 'BOOKED'), 0) as open_amount,
                       count(*) filter (where status = 'PAID') as paid_bookings,
                       coalesce(sum(amount) filter (where status = 'PAID'), 0) as paid_amount
                  from cash_bookings
                 where status in ('BOOKED', 'PAID') and withdrawal_date between ? and ?
                   and (cast(? as varchar) is null or branch_id = ?)
                 group by branch_id, withdrawal_date, denomination, currency
                 order by withdrawal_date, branch_id, denomination
                """)
                .params(from, to, branchId, branchId)
                .query(Row.class)
                .list()
                .stream()
                .map(Row::order)
                .toList();
    }

    private record Row(String branchId, LocalDate withdrawalDate, String denomination, String currency,
            int openBookings, long openAmount, int paidBookings, long paidAmount) {

        CashOrder order() {
            return new CashOrder(branchId, withdrawalDate, denomination, currency, openBookings,
                    Money.ofMinor(openAmount, currency).toDecimal(), paidBookings,
                    Money.ofMinor(paidAmount, currency).toDecimal());
        }
    }
}
