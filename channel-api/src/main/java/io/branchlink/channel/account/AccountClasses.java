package io.branchlink.channel.account;

import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The rules of an account's class, for every feature that moves money out of a customer account: a Class II account
 * takes and gives no cash at the counter or an ITM ({@link #requireCash}), and what leaves it in a day and in a year
 * is limited ({@link #requireOutbound}). Outbound is every debit posted to the account since the start of the day
 * (or year) of the configured zone, plus its open holds: money that is promised to leave counts before it left.
 *
 * <p>Call the checks inside the transaction that moves the money, once the customer or the account is locked, so
 * that two payments cannot both pass against the same remaining limit. They only read, in the caller's transaction,
 * and are not transactional themselves: a refusal the caller catches does not mark its transaction rollback-only.
 *
 * @see io.branchlink.channel.onboarding.OnboardingIntegrationTests
 */
@Service
public class AccountClasses {

    private static final Logger log = LoggerFactory.getLogger(AccountClasses.class);

    private final JdbcClient jdbc;
    private final AccountClassProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    AccountClasses(JdbcClient jdbc, AccountClassProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** The account's class; an unknown account is refused with 404. */
    public AccountClass classOf(UUID accountId) {
        return jdbc.sql("select account_class from accounts where id = ?")
                .param(accountId)
                .query((rs, n) -> AccountClass.of(rs.getString(1)))
                .optional()
                .orElseThrow(() -> ApiException.notFound("Account"));
    }

    /**
     * The outbound limits of the account and what it used of them so far; empty for an account whose class has no
     * limits (Class I).
     */
    public Optional<ClassLimits> limits(UUID accountId) {
        if (classOf(accountId) != AccountClass.TYPE_II) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        Instant startOfDay = today.atStartOfDay(properties.zone()).toInstant();
        Instant startOfYear = today.withDayOfYear(1).atStartOfDay(properties.zone()).toInstant();
        Used used = jdbc.sql("""
                select coalesce(sum(amount) filter (where at >= :day), 0) as today, coalesce(sum(amount), 0) as year
                  from (select p.amount, e.created_at as at
                          from postings p join journal_entries e on e.id = p.entry_id
                         where p.account_id = :account and p.amount > 0 and e.created_at >= :year
                        union all
                        select amount, created_at from holds
                         where account_id = :account and status = 'PLACED' and created_at >= :year) outbound
                """)
                .param("account", accountId)
                .param("day", Timestamp.from(startOfDay))
                .param("year", Timestamp.from(startOfYear))
                .query(Used.class)
                .single();
        String currency = properties.currency();
        return Optional.of(new ClassLimits(AccountClass.TYPE_II, false,
                Money.of(properties.classTwo().dailyOutbound(), currency),
                Money.of(properties.classTwo().yearlyOutbound(), currency), Money.ofMinor(used.today(), currency),
                Money.ofMinor(used.year(), currency)));
    }

    /**
     * Refuses cash at the counter or an ITM for an account whose class takes none: 422 INVALID_TRANSACTION.
     *
     * @param what the cash business refused, for the log and the counter: {@code cardless-withdrawal}, ...
     */
    public void requireCash(UUID accountId, String what) {
        if (classOf(accountId) == AccountClass.TYPE_II) {
            throw refused(accountId, what, "no-cash", new ApiException(Irc.INVALID_TRANSACTION,
                    "This is a Class II electronic account: it takes and gives no cash at an ITM or the counter."
                            + " Use a Class I account, or upgrade this one with your ID card at a branch."));
        }
    }

    /**
     * Refuses an outbound payment that would pass the account's daily or yearly limit: 422 EXCEEDS_LIMIT with the
     * limit and what is left of it ({@code limit}, {@code remaining}).
     *
     * @param what the payment refused, for the log and the counter: {@code transfer}, ...
     */
    public void requireOutbound(UUID accountId, Money amount, String what) {
        Optional<ClassLimits> found = limits(accountId);
        if (found.isEmpty()) {
            return;
        }
        ClassLimits limits = found.get();
        if (!amount.currencyCode().equals(limits.dailyOutbound().currencyCode())) {
            throw refused(accountId, what, "currency", new ApiException(Irc.INVALID_TRANSACTION,
                    "A Class II account pays out in " + limits.dailyOutbound().currencyCode() + " only."));
        }
        long remainingToday = limits.dailyOutbound().minorUnits() - limits.usedToday().minorUnits();
        long remainingThisYear = limits.yearlyOutbound().minorUnits() - limits.usedThisYear().minorUnits();
        boolean daily = remainingToday <= remainingThisYear;
        long remaining = Math.max(0, Math.min(remainingToday, remainingThisYear));
        if (amount.minorUnits() > remaining) {
            Money limit = daily ? limits.dailyOutbound() : limits.yearlyOutbound();
            ApiException over = new ApiException(Irc.EXCEEDS_LIMIT, "A Class II electronic account may pay out at"
                    + " most " + limit + (daily ? " a day" : " a year") + "; " + Money.ofMinor(remaining,
                    limit.currencyCode()) + " is left" + (daily ? " today." : " this year."));
            over.getBody().setProperty("limit", limit.toDecimal());
            over.getBody().setProperty("remaining", Money.ofMinor(remaining, limit.currencyCode()).toDecimal());
            throw refused(accountId, what, daily ? "daily-limit" : "yearly-limit", over);
        }
    }

    private ApiException refused(UUID accountId, String what, String reason, ApiException refusal) {
        meters.counter("branchlink.channel.account-class.refusals", "what", what, "reason", reason).increment();
        log.info("account class refused account={} what={} reason={}", accountId, what, reason);
        return refusal;
    }

    /**
     * An account's class limits and their use: outbound debits and open holds since the start of the day and the
     * year.
     *
     * @param cash whether the class takes and gives cash at the counter and ITMs
     */
    public record ClassLimits(AccountClass accountClass, boolean cash, Money dailyOutbound, Money yearlyOutbound,
            Money usedToday, Money usedThisYear) {
    }

    private record Used(long today, long year) {
    }
}
