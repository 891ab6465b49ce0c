package io.branchlink.channel.cashbooking.internal;

import io.branchlink.channel.system.ApiException;
import io.branchlink.prefill.catalog.FieldRules;
import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The bounds every booking keeps, from the app or the counter: an amount from the counter form's threshold to its
 * maximum, in whole notes of the denomination (100 yuan for {@code CNY100}, 1 yuan for {@code MIXED}); a day from
 * tomorrow to {@code maxDaysAhead} days ahead; a branch that exists. There is no business calendar yet: every
 * calendar day is a business day.
 */
@Component
class BookingRules {

    static final String FORM_TYPE = "LARGE_CASH_WITHDRAWAL_BOOKING";
    static final Set<String> DENOMINATIONS = Set.of("CNY100", "MIXED");

    private final JdbcClient jdbc;
    private final CashBookingProperties properties;
    private final Clock clock;
    private final Money minimum;
    private final Money maximum;

    BookingRules(JdbcClient jdbc, CashBookingProperties properties, Clock clock, FormCatalog catalog) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        FieldRules amount = catalog.get(FORM_TYPE).field("amount").orElseThrow().rules();
        this.minimum = Money.of(amount.min(), properties.currency());
        this.maximum = Money.of(amount.max(), properties.currency());
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(properties.zone()));
    }

    Money minimum() {
        return minimum;
    }

    Money maximum() {
        return maximum;
    }

    void requireAmount(Money amount, String denomination) {
        if (!DENOMINATIONS.contains(denomination)) {
            throw new ApiException(Irc.FORMAT_ERROR, "The denomination is CNY100 or MIXED.");
        }
        if (!amount.currencyCode().equals(properties.currency())) {
            throw new ApiException(Irc.INVALID_AMOUNT, "Bookings are made in " + properties.currency() + ".");
        }
        if (amount.minorUnits() < minimum.minorUnits()) {
            throw new ApiException(Irc.INVALID_AMOUNT, "A booking is for at least " + minimum
                    + "; smaller amounts are taken at an ITM.");
        }
        if (amount.minorUnits() > maximum.minorUnits()) {
            throw new ApiException(Irc.EXCEEDS_LIMIT, "A booking is for at most " + maximum + ".");
        }
        Money note = Money.ofMinor("CNY100".equals(denomination) ? 100_00 : 1_00, properties.currency());
        if (amount.minorUnits() % note.minorUnits() != 0) {
            throw new ApiException(Irc.INVALID_AMOUNT, "A booking in " + denomination + " is a whole multiple of "
                    + note + ".");
        }
    }

    void requireDay(LocalDate day) {
        LocalDate today = today();
        if (!day.isAfter(today)) {
            throw new ApiException(Irc.INVALID_TRANSACTION, "A booking is for tomorrow or a later day.");
        }
        if (day.isAfter(today.plusDays(properties.maxDaysAhead()))) {
            throw new ApiException(Irc.INVALID_TRANSACTION, "A booking is for at most " + properties.maxDaysAhead()
                    + " days ahead.");
        }
    }

    void requireBranch(String branchId) {
        if (jdbc.sql("select count(*) from branches where id = ?").param(branchId).query(Integer.class).single() == 0) {
            throw ApiException.notFound("Branch");
        }
    }
}
