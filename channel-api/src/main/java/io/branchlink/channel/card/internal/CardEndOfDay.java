package io.branchlink.channel.card.internal;

import io.branchlink.channel.jobs.EndOfDayStep;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.ledger.Posting;
import io.branchlink.protocol.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cards' end of day, as two {@link EndOfDayStep}s: {@value #INTEREST} books the day's interest (order 10, it
 * posts money) and {@value #STATEMENTS} closes the monthly statements of the cards whose statement day it is (order
 * 20, it reports on the balance, interest included). Both work card by card, one transaction each, under the card's
 * row lock, and both are idempotent per card and date (a row keyed by card and date says it was done), so a re-run
 * after a crash does nothing twice.
 *
 * <p>Everything is computed as of the business date from the card's own records, which carry business dates
 * (purchases, repayments, interest), not from the account's balance at the moment the job runs: a job catching up
 * after downtime writes the statements the cards would have had on time.
 */
@Configuration(proxyBeanMethods = false)
class CardEndOfDay {

    static final String INTEREST = "card.interest";
    static final String STATEMENTS = "card.statements";
    private static final Logger log = LoggerFactory.getLogger(CardEndOfDay.class);

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final CardService cards;
    private final CardProperties properties;
    private final TransactionTemplate transaction;

    CardEndOfDay(JdbcClient jdbc, Ledger ledger, CardService cards, CardProperties properties,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.cards = cards;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Bean
    EndOfDayStep cardInterestStep() {
        return step(INTEREST, 10, this::bookInterest);
    }

    @Bean
    EndOfDayStep cardStatementStep() {
        return step(STATEMENTS, 20, this::closeStatements);
    }

    private static EndOfDayStep step(String name, int order, java.util.function.Consumer<LocalDate> work) {
        return new EndOfDayStep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public void run(LocalDate businessDate) {
                work.accept(businessDate);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /**
     * Interest for {@code date}: for each card whose latest statement with a due date before {@code date} was not
     * repaid in full by that due date, the daily rate on what is still unpaid of that statement's balance (repayments
     * up to and including {@code date} count). A statement repaid in full by its due date costs no interest.
     *
     * @return how many cards were charged
     */
    int bookInterest(LocalDate date) {
        List<Unpaid> unpaid = jdbc.sql("""
                        select c.id as card_id, s.statement_date, s.balance,
                               s.balance - (select coalesce(sum(r.amount), 0) from card_repayments r
                                             where r.card_id = c.id and r.business_date > s.statement_date
                                               and r.business_date <= :date) as principal,
                               (select coalesce(sum(r.amount), 0) from card_repayments r
                                 where r.card_id = c.id and r.business_date > s.statement_date
                                   and r.business_date <= s.due_date) >= s.balance as paid_by_due_date
                          from credit_cards c
                          join lateral (select * from card_statements s
                                         where s.card_id = c.id and s.due_date < :date
                                         order by s.statement_date desc limit 1) s on true
                         where not exists (select 1 from card_interest i
                                            where i.card_id = c.id and i.business_date = :date)
                        """)
                .param("date", date)
                .query(Unpaid.class)
                .list();
        int charged = 0;
        for (Unpaid card : unpaid) {
            if (card.paidByDueDate() || card.principal() <= 0) {
                continue;
            }
            long amount = new BigDecimal(card.principal()).multiply(properties.dailyInterestRate())
                    .setScale(0, RoundingMode.HALF_UP).longValueExact();
            if (amount <= 0) {
                continue;
            }
            Boolean booked = transaction.execute(status -> charge(card, date, amount));
            if (Boolean.TRUE.equals(booked)) {
                charged++;
            }
        }
        if (charged > 0) {
            log.info("card interest booked date={} cards={}", date, charged);
        }
        return charged;
    }

    private boolean charge(Unpaid unpaid, LocalDate date, long amount) {
        Card card = cards.lock(unpaid.cardId()).orElseThrow();
        boolean done = jdbc.sql("select count(*) from card_interest where card_id = ? and business_date = ?")
                .params(card.id(), date).query(Integer.class).single() > 0;
        if (done) {
            return false;
        }
        UUID entry = ledger.post("CARD_INTEREST", "card *" + card.panLast4() + " interest " + date, card.currency(),
                List.of(Posting.debit(card.accountId(), amount), Posting.credit(CardService.INTEREST_INCOME, amount)));
        jdbc.sql("""
                insert into card_interest (card_id, business_date, statement_date, principal, amount, entry_id)
                values (?, ?, ?, ?, ?, ?)
                """)
                .params(card.id(), date, unpaid.statementDate(), unpaid.principal(), amount, entry)
                .update();
        return true;
    }

    private record Unpaid(UUID cardId, LocalDate statementDate, long balance, long principal,
            boolean paidByDueDate) {
    }

    /**
     * The statements of {@code date}: every card opened by then whose statement day it is gets the balance it owed at
     * the end of the day (purchases, less repayments, plus interest, all up to and including {@code date}), a minimum
     * payment and a due date, the next date on the card's due day.
     *
     * @return how many statements were written
     */
    int closeStatements(LocalDate date) {
        List<UUID> due = jdbc.sql("""
                        select c.id from credit_cards c
                         where c.statement_day = ? and c.opened_on <= ?
                           and not exists (select 1 from card_statements s
                                            where s.card_id = c.id and s.statement_date = ?)
                        """)
                .params(date.getDayOfMonth(), date, date)
                .query(UUID.class)
                .list();
        int written = 0;
        for (UUID cardId : due) {
            Integer rows = transaction.execute(status -> writeStatement(cardId, date));
            written += rows == null ? 0 : rows;
        }
        if (written > 0) {
            log.info("card statements written date={} cards={}", date, written);
        }
        return written;
    }

    private int writeStatement(UUID cardId, LocalDate date) {
        Card card = cards.lock(cardId).orElseThrow();
        long balance = jdbc.sql("""
                select (select coalesce(sum(amount), 0) from card_transactions
                         where card_id = :card and outcome = 'APPROVED' and business_date <= :date)
                     - (select coalesce(sum(amount), 0) from card_repayments
                         where card_id = :card and business_date <= :date)
                     + (select coalesce(sum(amount), 0) from card_interest
                         where card_id = :card and business_date <= :date)
                """)
                .param("card", card.id())
                .param("date", date)
                .query(Long.class)
                .single();
        long minimum = minimumPayment(balance, card.currency());
        return jdbc.sql("""
                insert into card_statements (card_id, statement_date, balance, minimum_payment, due_date)
                values (?, ?, ?, ?, ?)
                on conflict do nothing
                """)
                .params(card.id(), date, Math.max(0, balance), Math.min(minimum, Math.max(0, balance)),
                        dueDate(date, card.dueDay()))
                .update();
    }

    /** The share of the balance, but at least the floor, and never more than the balance. */
    long minimumPayment(long balance, String currency) {
        long share = new BigDecimal(balance).multiply(properties.minimumPaymentRate())
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
        long floor = Money.of(properties.minimumPaymentFloor(), currency).minorUnits();
        return Math.min(balance, Math.max(share, floor));
    }

    /** The first date after the statement date that falls on the due day (due days are 1 to 28). */
    static LocalDate dueDate(LocalDate statementDate, int dueDay) {
        LocalDate due = statementDate.plusDays(1);
        while (due.getDayOfMonth() != dueDay) {
            due = due.plusDays(1);
        }
        return due;
    }
}
