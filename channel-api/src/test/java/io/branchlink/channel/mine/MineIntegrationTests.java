package io.branchlink.channel.mine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.ledger.LedgerChecks;
import io.branchlink.channel.ledger.Posting;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * GET /api/v1/mine over postings made through the ledger: a cash withdrawal and a cash deposit at an ITM, a transfer
 * between two customers and interest, beside a time deposit and a second current account.
 */
class MineIntegrationTests extends ChannelIntegrationTest {

    private static final UUID OPENING_EQUITY = UUID.fromString("00000000-0000-0000-0000-00000000e002");

    @Autowired
    Ledger ledger;

    TestBank.Branch branch;
    TestBank.Customer alice;
    TestBank.Customer bob;
    String session;

    @BeforeEach
    void aliceHasHistory() {
        branch = bank.branch();
        alice = bank.customer(1_000_00);
        bob = bank.customer(500_00);
        bank.account(alice, 200_00);
        bank.timeDeposit(alice, 5_000_00);
        ledger.post("CARDLESS_WITHDRAWAL", "itm " + branch.itm1(), "CNY", List.of(
                Posting.debit(alice.accountId(), 300_00), Posting.credit(branch.cash1(), 300_00)));
        ledger.post("CARDLESS_DEPOSIT", "itm " + branch.itm1(), "CNY", List.of(
                Posting.debit(branch.cash1(), 120_50), Posting.credit(alice.accountId(), 120_50)));
        ledger.post("TRANSFER", "alice to bob", "CNY", List.of(
                Posting.debit(alice.accountId(), 45_25), Posting.credit(bob.accountId(), 45_25)));
        ledger.post("TRANSFER", "bob to alice", "CNY", List.of(
                Posting.debit(bob.accountId(), 10_00), Posting.credit(alice.accountId(), 10_00)));
        ledger.post("INTEREST", "interest", "CNY", List.of(
                Posting.debit(OPENING_EQUITY, 3_21), Posting.credit(alice.accountId(), 3_21)));
        session = login(alice);
    }

    @Nested
    class Holdings {

        @Test
        void listsEveryAccountMaskedWithTotalsPerCurrency() {
            JsonNode mine = ok(api.get("/api/v1/mine", session));

            // 1,000.00 - 300.00 + 120.50 - 45.25 + 10.00 + 3.21 = 788.46; + 200.00 + 5,000.00
            assertThat(mine.path("totals")).hasSize(1);
            JsonNode cny = mine.path("totals").get(0);
            assertThat(cny.path("currency").asText()).isEqualTo("CNY");
            assertThat(cny.path("assets").decimalValue()).isEqualByComparingTo("5988.46");
            assertThat(cny.path("liabilities").decimalValue()).isEqualByComparingTo("0");
            assertThat(cny.path("netWorth").decimalValue()).isEqualByComparingTo("5988.46");

            List<String> products = new ArrayList<>();
            mine.path("lines").forEach(line -> {
                products.add(line.path("product").asText());
                assertThat(line.path("kind").asText()).isEqualTo("ASSET");
                assertThat(line.path("reference").asText()).matches("\\*{12}[0-9]{4}");
            });
            assertThat(products).containsExactly("CURRENT", "CURRENT", "TIME_DEPOSIT");
            JsonNode deposit = mine.path("lines").get(2);
            assertThat(deposit.path("balance").decimalValue()).isEqualByComparingTo("5000.00");
            assertThat(LocalDate.parse(deposit.path("dueDate").asText())).isAfter(LocalDate.now());
            assertThat(mine.toString()).doesNotContain(alice.accountNumber());
        }

        @Test
        void neverShowsAnotherCustomersAccountsOrMoney() {
            JsonNode mine = ok(api.get("/api/v1/mine", login(bob)));

            assertThat(mine.path("lines")).hasSize(1);
            assertThat(mine.path("lines").get(0).path("reference").asText())
                    .endsWith(bob.accountNumber().substring(12));
            // Bob's 500.00 + 45.25 - 10.00; Alice's withdrawal, deposit and interest are not his
            assertThat(mine.path("totals").get(0).path("netWorth").decimalValue()).isEqualByComparingTo("535.25");
            assertThat(category(mine, "CASH_WITHDRAWAL")).isNull();
            assertThat(category(mine, "INTEREST")).isNull();
            assertThat(category(mine, "TRANSFER_IN").path("amount").decimalValue()).isEqualByComparingTo("45.25");
            assertThat(category(mine, "TRANSFER_OUT").path("amount").decimalValue()).isEqualByComparingTo("10.00");
        }

        @Test
        void refusesACallerWithoutASession() {
            assertThat(api.get("/api/v1/mine", null).status()).isEqualTo(401);
        }
    }

    @Nested
    class Flows {

        @Test
        void categorisesThePostingsByKindAndCounterparty() {
            JsonNode mine = ok(api.get("/api/v1/mine", session));

            assertThat(category(mine, "CASH_WITHDRAWAL").path("flow").asText()).isEqualTo("EXPENSE");
            assertThat(category(mine, "CASH_WITHDRAWAL").path("amount").decimalValue()).isEqualByComparingTo("300.00");
            assertThat(category(mine, "CASH_DEPOSIT").path("amount").decimalValue()).isEqualByComparingTo("120.50");
            assertThat(category(mine, "TRANSFER_OUT").path("amount").decimalValue()).isEqualByComparingTo("45.25");
            assertThat(category(mine, "TRANSFER_IN").path("amount").decimalValue()).isEqualByComparingTo("10.00");
            assertThat(category(mine, "INTEREST").path("flow").asText()).isEqualTo("INCOME");
            assertThat(category(mine, "INTEREST").path("amount").decimalValue()).isEqualByComparingTo("3.21");
            // opening balances (and money between the customer's own accounts) are shown but not counted
            assertThat(category(mine, "OPENING_BALANCE").path("flow").asText()).isEqualTo("INTERNAL");
            assertThat(category(mine, "OPENING_BALANCE").path("amount").decimalValue())
                    .isEqualByComparingTo("6200.00");
        }

        @Test
        void sumsIncomeAndExpenseOfEveryMonthOfThePeriod() {
            JsonNode mine = ok(api.get("/api/v1/mine", session));

            YearMonth now = YearMonth.now(ZoneId.of("Asia/Shanghai"));
            assertThat(mine.path("months")).hasSize(12);
            assertThat(mine.path("from").asText()).isEqualTo(now.minusMonths(11).toString());
            assertThat(mine.path("to").asText()).isEqualTo(now.toString());
            JsonNode last = mine.path("months").get(11);
            assertThat(last.path("month").asText()).isEqualTo(now.toString());
            assertThat(last.path("income").decimalValue()).isEqualByComparingTo("133.71");
            assertThat(last.path("expense").decimalValue()).isEqualByComparingTo("345.25");
            assertThat(mine.path("months").get(0).path("income").decimalValue()).isEqualByComparingTo("0");
            assertThat(mine.path("returns").get(0).path("interest").decimalValue()).isEqualByComparingTo("3.21");
        }

        @Test
        void readsAsManyMonthsAsAsked() {
            assertThat(ok(api.get("/api/v1/mine?months=1", session)).path("months")).hasSize(1);
            assertThat(ok(api.get("/api/v1/mine?months=60", session)).path("months")).hasSize(60);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "61", "-1", "abc", "12.5", "999999999999", ""})
        void refusesAMonthsValueOutsideOneToSixty(String months) {
            Api.Response refused = api.get("/api/v1/mine?months=" + months, session);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.irc()).isEqualTo("FORMAT_ERROR");
            assertThat(refused.text("detail")).isEqualTo("months must be a whole number from 1 to 60.");
        }

        @Test
        void theSummaryKeptAtCommitEqualsOneRebuiltFromThePostings() {
            String rows = """
                    select string_agg(concat_ws(' ', s.month, s.entry_kind, s.counterparty, s.money_in, s.money_out,
                                                s.postings), ', ' order by s.month, s.entry_kind, s.counterparty,
                                      s.money_in)
                      from mine_monthly s join accounts a on a.id = s.account_id where a.customer_id = ?
                    """;
            String kept = jdbc.sql(rows).param(alice.id()).query(String.class).single();

            jdbc.sql("select mine_rebuild_summary()").query().singleRow();

            assertThat(jdbc.sql(rows).param(alice.id()).query(String.class).single()).isEqualTo(kept);
            assertThat(kept).contains("CARDLESS_WITHDRAWAL CASH_GL 0 30000 1", "TRANSFER CUSTOMER 1000 4525 2",
                    "INTEREST EQUITY 321 0 1");
        }
    }

    @Nested
    class Invariant {

        @Autowired
        LedgerChecks checks;

        @Test
        void reportsASummaryThatDriftedFromThePostings() {
            assertThat(checks.violations()).isEmpty();
            String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).atDay(1).toString();
            jdbc.sql("""
                    insert into mine_monthly (account_id, month, entry_kind, counterparty, currency, money_in, money_out,
                                              postings)
                    values (?, ?::date, 'DRIFT', 'NONE', 'CNY', 1, 0, 1)
                    """).params(alice.accountId(), month).update();
            try {
                assertThat(checks.violations()).containsExactly("account ************"
                        + alice.accountNumber().substring(12) + " differs from its monthly summary (Mine)");
            } finally {
                jdbc.sql("delete from mine_monthly where entry_kind = 'DRIFT' and account_id = ?")
                        .param(alice.accountId()).update();
            }
        }
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }

    private static JsonNode category(JsonNode mine, String name) {
        for (JsonNode category : mine.path("categories")) {
            if (category.path("category").asText().equals(name)) {
                return category;
            }
        }
        return null;
    }
}
