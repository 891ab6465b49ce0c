package io.branchlink.channel.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.channel.demo.BankSetup;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

class LedgerIntegrationTests extends ChannelIntegrationTest {

    @Autowired
    Ledger ledger;

    @Autowired
    TransactionTemplate transactions;

    @Nested
    class DoubleEntry {

        @Test
        void postsABalancedEntryAndMovesBothBalances() {
            TestBank.Customer customer = bank.customer(1_000_00);
            TestBank.Branch branch = bank.branch();

            ledger.post("TEST", "move", "CNY", List.of(Posting.debit(customer.accountId(), 400_00),
                    Posting.credit(branch.cash1(), 400_00)));

            assertThat(bank.balance(customer.accountId())).isEqualTo(600_00);
            assertThat(bank.balance(branch.cash1())).isEqualTo(100_000_00L - 400_00);
        }

        @Test
        void refusesAnEntryThatDoesNotSumToZero() {
            TestBank.Customer customer = bank.customer(1_000_00);

            assertThatThrownBy(() -> ledger.post("TEST", "bad", "CNY", List.of(
                    Posting.debit(customer.accountId(), 100), Posting.credit(BankSetup.OPENING_EQUITY, 99))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(bank.balance(customer.accountId())).isEqualTo(1_000_00);
        }

        @Test
        void theDatabaseRefusesAnUnbalancedEntryAtCommitEvenBehindTheLedgersBack() {
            TestBank.Customer customer = bank.customer(1_000_00);
            UUID entry = UUID.randomUUID();

            assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                jdbc.sql("insert into journal_entries (id, kind, reference) values (?, 'ROGUE', 'x')").param(entry)
                        .update();
                jdbc.sql("insert into postings (entry_id, account_id, amount, currency) values (?, ?, 500, 'CNY')")
                        .params(entry, customer.accountId()).update();
            })).isInstanceOf(DataAccessException.class).hasMessageContaining("does not balance");
            assertThat(jdbc.sql("select count(*) from journal_entries where id = ?").param(entry)
                    .query(Integer.class).single()).isZero();
        }

        @Test
        void postingsCannotBeEditedOrDeleted() {
            TestBank.Customer customer = bank.customer(1_000_00);

            assertThatThrownBy(() -> jdbc.sql("update postings set amount = amount * 2 where account_id = ?")
                    .param(customer.accountId()).update()).rootCause().hasMessageContaining("postings is append-only");
            assertThatThrownBy(() -> jdbc.sql("delete from postings where account_id = ?")
                    .param(customer.accountId()).update()).rootCause().hasMessageContaining("postings is append-only");
        }

        @Test
        void refusesADebitBeyondTheBalanceAndRollsBackTheWholeEntry() {
            TestBank.Customer customer = bank.customer(100_00);
            TestBank.Branch branch = bank.branch();

            assertThatThrownBy(() -> transactions.executeWithoutResult(status -> ledger.post("TEST", "over", "CNY",
                    List.of(Posting.credit(branch.cash1(), 100_01), Posting.debit(customer.accountId(), 100_01)))))
                    .isInstanceOf(InsufficientFundsException.class);

            assertThat(bank.balance(customer.accountId())).isEqualTo(100_00);
            assertThat(bank.balance(branch.cash1())).isEqualTo(100_000_00L);
        }
    }

    @Nested
    class Holds {

        @Test
        void aHoldReducesTheAvailableBalanceButNotTheBalance() {
            TestBank.Customer customer = bank.customer(1_000_00);

            UUID hold = ledger.placeHold(customer.accountId(), 300_00, "test").orElseThrow();

            assertThat(bank.balance(customer.accountId())).isEqualTo(1_000_00);
            assertThat(bank.available(customer.accountId())).isEqualTo(700_00);
            assertThat(ledger.releaseHold(hold)).isTrue();
            assertThat(ledger.releaseHold(hold)).as("a second release").isFalse();
            assertThat(bank.available(customer.accountId())).isEqualTo(1_000_00);
        }

        @Test
        void refusesAHoldLargerThanTheAvailableBalance() {
            TestBank.Customer customer = bank.customer(1_000_00);
            ledger.placeHold(customer.accountId(), 800_00, "first").orElseThrow();

            assertThat(ledger.placeHold(customer.accountId(), 200_01, "second")).isEmpty();
            assertThat(ledger.placeHold(customer.accountId(), 200_00, "third")).isPresent();
        }

        @Test
        void capturingAHoldPostsItOnceOnly() {
            TestBank.Customer customer = bank.customer(1_000_00);
            TestBank.Branch branch = bank.branch();
            UUID hold = ledger.placeHold(customer.accountId(), 500_00, "test").orElseThrow();

            assertThat(ledger.captureHold(hold, branch.cash1(), "TEST", "capture")).isPresent();
            assertThat(ledger.captureHold(hold, branch.cash1(), "TEST", "capture again")).isEmpty();

            assertThat(bank.balance(customer.accountId())).isEqualTo(500_00);
            assertThat(bank.available(customer.accountId())).isEqualTo(500_00);
        }
    }

    @Nested
    class Checks {

        @Autowired
        LedgerChecks checks;

        @Test
        void reportsAnAccountWhoseBalanceDriftedFromItsPostings() {
            TestBank.Customer customer = bank.customer(1_000_00);
            jdbc.sql("update accounts set balance = balance + 1 where id = ?").param(customer.accountId()).update();

            try {
                assertThat(checks.violations()).anyMatch(v -> v.contains("differs from its postings"));
            } finally {
                jdbc.sql("update accounts set balance = balance - 1 where id = ?").param(customer.accountId())
                        .update();
            }
            assertThat(checks.violations()).isEmpty();
        }

        @Test
        void readsAnItmsCashBalance() {
            TestBank.Branch branch = bank.branch();

            assertThat(checks.terminalCash(branch.itm1())).isEqualTo(100_000_00L);
        }
    }

    @Test
    void entriesInOppositeDirectionsOverTheSameAccountsNeverDeadlock() throws Exception {
        TestBank.Customer customer = bank.customer(1_000_000_00L);
        TestBank.Branch branch = bank.branch();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean cashFirst = t % 2 == 0;
                results.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 25; i++) {
                        List<Posting> legs = cashFirst
                                ? List.of(Posting.debit(branch.cash1(), 1_00), Posting.credit(customer.accountId(), 1_00))
                                : List.of(Posting.debit(customer.accountId(), 1_00), Posting.credit(branch.cash1(), 1_00));
                        transactions.executeWithoutResult(status -> ledger.post("RACE", "both ways", "CNY", legs));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(bank.balance(customer.accountId())).isEqualTo(1_000_000_00L);
        assertThat(bank.balance(branch.cash1())).isEqualTo(100_000_00L);
    }

    @Test
    void manyConcurrentDebitsNeverOverdrawAnAccount() throws Exception {
        TestBank.Customer customer = bank.customer(1_000_00);
        TestBank.Branch branch = bank.branch();
        int threads = 12;
        int attemptsPerThread = 10;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            boolean viaHold = t % 2 == 0;
            workers.add(() -> {
                start.await();
                int succeeded = 0;
                for (int i = 0; i < attemptsPerThread; i++) {
                    if (viaHold) {
                        succeeded += transactions.execute(status -> ledger.placeHold(customer.accountId(), 30_00, "race")
                                .flatMap(hold -> ledger.captureHold(hold, branch.cash1(), "RACE", "hold"))
                                .isPresent() ? 1 : 0);
                    } else {
                        try {
                            transactions.executeWithoutResult(status -> ledger.post("RACE", "direct", "CNY", List.of(
                                    Posting.debit(customer.accountId(), 30_00), Posting.credit(branch.cash1(), 30_00))));
                            succeeded++;
                        } catch (InsufficientFundsException e) {
                            // the expected refusal once the money is gone
                        }
                    }
                }
                return succeeded;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> worker : workers) {
                results.add(pool.submit(worker));
            }
            start.countDown();
            int succeeded = 0;
            for (Future<Integer> result : results) {
                succeeded += result.get();
            }

            assertThat(succeeded).isEqualTo(33);
            assertThat(bank.balance(customer.accountId())).isEqualTo(1_000_00 - 33 * 30_00);
            assertThat(bank.balance(branch.cash1())).isEqualTo(100_000_00L - 33 * 30_00);
        } finally {
            pool.shutdownNow();
        }
    }
}
