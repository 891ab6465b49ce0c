package io.branchlink.channel.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.channel.form.internal.action.RemitMoney;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.TestBank;
import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.prefill.catalog.FormDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class FormExecutionIntegrationTests extends FormTestSupport {

    @Autowired
    FormCatalog catalog;

    @Autowired
    FormSweeper sweeper;

    TestBank.Branch branch;
    TestBank.Customer customer;

    @BeforeEach
    void branchAndCustomer() {
        branch = bank.branch();
        customer = bank.customer(100_000_00);
    }

    /** Draft → submit → stage → in the branch's feed → confirmed → voucher in the answer and in the app. */
    private Executed runToVoucher(String type, Map<String, String> values) {
        String session = login(customer);
        Staged staged = submitAndStage(session, type, values, branch);

        JsonNode events = feed(branch, 0, 0).body().path("events");
        assertThat(events).anySatisfy(event -> {
            assertThat(event.path("kind").asText()).isEqualTo("STAGED");
            assertThat(event.path("tokenId").asText()).isEqualTo(staged.tokenId());
            assertThat(event.path("form").path("draftId").asText()).isEqualTo(staged.draftId());
            assertThat(event.path("form").path("type").asText()).isEqualTo(type);
        });

        Api.Response executed = confirm(branch, staged.tokenId());
        assertThat(executed.status()).as("execution: %s", executed.body()).isEqualTo(200);
        assertThat(executed.text("outcome")).as("outcome: %s", executed.body()).isEqualTo("EXECUTED");
        String reference = executed.body().path("voucher").path("reference").asText();
        assertThat(reference).matches("V-" + branch.id() + "-[0-9]{8}-[0-9]{6}");
        byte[] pdf = Base64.getDecoder().decode(executed.body().path("voucher").path("pdf").asText());

        Api.Response download = api.get("/api/v1/vouchers/" + reference, session);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.bytes()).isEqualTo(pdf);
        assertThat(api.get("/api/hub/v1/vouchers/" + reference, hub(branch)).bytes()).isEqualTo(pdf);
        assertThat(draftStatus(staged.draftId())).isEqualTo("EXECUTED");

        String text = pdfText(pdf);
        FormDefinition form = catalog.get(type);
        assertThat(text).contains(form.label().zh(), form.label().en(), reference, customer.fullName());
        return new Executed(executed.body().path("result"), text, session, staged);
    }

    private record Executed(JsonNode result, String text, String session, Staged staged) {
    }

    private long balance(String accountNumber) {
        return bank.balance(bank.accountId(accountNumber));
    }

    @Nested
    class EveryBusinessType {

        @Test
        void timeDepositOpeningMovesTheAmountIntoANewTimeDepositAccount() {
            Executed done = runToVoucher("TIME_DEPOSIT_OPENING", form(customer, "sourceAccount",
                    customer.accountNumber(), "currency", "CNY", "amount", "20000.00", "term", "Y1",
                    "autoRenew", "YES"));

            String deposit = done.result().path("timeDepositAccount").asText();
            assertThat(deposit).matches("[0-9]{16}");
            assertThat(balance(deposit)).isEqualTo(20_000_00);
            assertThat(bank.balance(customer.accountId())).isEqualTo(80_000_00);
            assertThat(jdbc.sql("select term from time_deposits t join accounts a on a.id = t.account_id "
                    + "where a.account_number = ?").param(deposit).query(String.class).single()).isEqualTo("Y1");
            assertThat(done.text()).contains("20000.00 CNY", customer.accountNumber());
        }

        @Test
        void earlyWithdrawalInFullMovesTheWholeDepositAndClosesIt() {
            String deposit = bank.timeDeposit(customer, 30_000_00);

            Executed done = runToVoucher("TIME_DEPOSIT_EARLY_WITHDRAWAL", form(customer, "depositAccount", deposit,
                    "withdrawal", "FULL", "targetAccount", customer.accountNumber(), "reason", "School fees"));

            assertThat(balance(deposit)).isZero();
            assertThat(bank.balance(customer.accountId())).isEqualTo(130_000_00);
            assertThat(jdbc.sql("select status from accounts where account_number = ?").param(deposit)
                    .query(String.class).single()).isEqualTo("CLOSED");
            assertThat(done.result().path("depositStatus").asText()).isEqualTo("CLOSED");
            assertThat(done.text()).contains(deposit, "School fees");
        }

        @Test
        void remittanceToAnotherBankGoesToRemittanceClearing() {
            long clearing = bank.balance(RemitMoney.REMITTANCE_CLEARING);

            Executed done = runToVoucher("TRANSFER_REMITTANCE", form(customer, "fromAccount",
                    customer.accountNumber(), "payeeName", "Zhang San", "payeeAccount", "6217001234567890123",
                    "payeeBank", "China Construction Bank", "amount", "1500.50", "speed", "REALTIME"));

            assertThat(bank.balance(customer.accountId())).isEqualTo(100_000_00 - 1_500_50);
            assertThat(bank.balance(RemitMoney.REMITTANCE_CLEARING) - clearing).isEqualTo(1_500_50);
            assertThat(done.result().path("route").asText()).isEqualTo("CLEARING");
            assertThat(done.text()).contains("Zhang San", "6217001234567890123", "1500.50 CNY");
        }

        @Test
        void cardLossBlocksTheCardAndIssuesAReplacementOnTheSameAccount() {
            Executed done = runToVoucher("CARD_LOSS_REPLACEMENT", form(customer, "mobile", customer.phone(),
                    "cardNumber", customer.cardNumber(), "lossKind", "FORMAL",
                    "lostOn", today().minusDays(1).toString(), "replace", "YES"));

            Map<String, Object> card = jdbc.sql("select status, replaced_by, account_id from cards where card_number = ?")
                    .param(customer.cardNumber()).query().singleRow();
            assertThat(card.get("status")).isEqualTo("BLOCKED");
            String replacement = (String) card.get("replaced_by");
            assertThat(replacement).matches("[0-9]{16,19}");
            assertThat(jdbc.sql("select account_id from cards where card_number = ?").param(replacement)
                    .query(UUID.class).single()).isEqualTo(customer.accountId());
            assertThat(done.result().path("newCardLast4").asText())
                    .isEqualTo(replacement.substring(replacement.length() - 4));
            assertThat(done.result().toString()).doesNotContain(replacement);
            assertThat(done.text()).contains(customer.cardNumber(), "正式挂失");
        }

        @Test
        void passwordResetMarksTheCustomerToSetANewPassword() {
            Executed done = runToVoucher("PASSWORD_RESET", form(customer, "mobile", customer.phone(),
                    "account", customer.accountNumber(), "passwordKind", "ONLINE"));

            assertThat(jdbc.sql("select must_change_password from customers where id = ?").param(customer.id())
                    .query(Boolean.class).single()).isTrue();
            assertThat(bank.balance(customer.accountId())).isEqualTo(100_000_00);
            assertThat(done.text()).contains(customer.accountNumber());
        }

        @Test
        void aCardPasswordResetNamesTheCardAndRecordsItsAccount() {
            runToVoucher("PASSWORD_RESET", form(customer, "mobile", customer.phone(),
                    "account", customer.cardNumber(), "passwordKind", "ACCOUNT"));

            assertThat(jdbc.sql("select account_id from password_resets where customer_id = ?").param(customer.id())
                    .query(java.util.UUID.class).single()).isEqualTo(customer.accountId());
        }

        @Test
        void personalInfoChangeUpdatesTheProfileAndANewPhoneStartsTheCardlessCoolOff() {
            Executed done = runToVoucher("PERSONAL_INFO_CHANGE", form(customer, "newMobile", "13911112222",
                    "newAddress", "99 New Road, Hangzhou", "newOccupation", "RETIRED"));

            Map<String, Object> profile = jdbc.sql(
                    "select phone, phone_changed_at, address, occupation from customers where id = ?")
                    .param(customer.id()).query().singleRow();
            assertThat(profile.get("phone")).isEqualTo("13911112222");
            assertThat(profile.get("phone_changed_at")).isNotNull();
            assertThat(profile.get("address")).isEqualTo("99 New Road, Hangzhou");
            assertThat(profile.get("occupation")).isEqualTo("RETIRED");
            assertThat(done.text()).contains("13911112222", "99 New Road, Hangzhou");

            Api.Response withdrawal = stageWithdrawal(login(customer), customer, "2000", null);
            assertThat(withdrawal.status()).isEqualTo(422);
            assertThat(withdrawal.irc()).isEqualTo("EXCEEDS_LIMIT");
        }

        @Test
        void accountOpeningOpensACurrentAccountFundedFromTheTellersCash() {
            Executed done = runToVoucher("PERSONAL_ACCOUNT_OPENING", form(customer,
                    "idExpiry", today().plusYears(3).toString(), "mobile", customer.phone(),
                    "address", "1 Test Street, Test City", "occupation", "EMPLOYEE", "accountKind", "TYPE_II",
                    "cardRequired", "YES", "initialDeposit", "1000.00"));

            String account = done.result().path("account").asText();
            assertThat(account).matches("[0-9]{16}");
            assertThat(balance(account)).isEqualTo(1_000_00);
            assertThat(balance("CASH-" + branch.teller())).isEqualTo(1_000_00);
            assertThat(jdbc.sql("select account_class from accounts where account_number = ?").param(account)
                    .query(String.class).single()).isEqualTo("TYPE_II");
            assertThat(done.result().path("newCardLast4").asText()).matches("[0-9]{4}");
            assertThat(done.text()).contains("1000.00 CNY", "TYPE_II");
        }

        @Test
        void depositCertificateFreezesTheCertifiedAmount() {
            Executed done = runToVoucher("DEPOSIT_CERTIFICATE", form(customer, "account", customer.accountNumber(),
                    "currency", "CNY", "amount", "15000.00", "certificateDate", today().toString(), "copies", "2",
                    "purpose", "Visa application"));

            assertThat(bank.balance(customer.accountId())).isEqualTo(100_000_00);
            assertThat(bank.available(customer.accountId())).isEqualTo(85_000_00);
            String certificate = done.result().path("certificate").asText();
            assertThat(jdbc.sql("select reason from holds where account_id = ? and status = 'PLACED'")
                    .param(customer.accountId()).query(String.class).single()).contains(certificate);
            assertThat(done.text()).contains("15000.00 CNY", "Visa application");
        }

        @Test
        void exchangeDebitsTheSoldCurrencyAndCreditsANewAccountInTheBoughtOne() {
            long usdPosition = bank.balance(bank.accountId("FX-POSITION-USD"));
            long cnyPosition = bank.balance(bank.accountId("FX-POSITION-CNY"));

            Executed done = runToVoucher("FOREIGN_CURRENCY_EXCHANGE", form(customer, "account",
                    customer.accountNumber(), "sellCurrency", "CNY", "sellAmount", "710.00", "buyCurrency", "USD",
                    "purpose", "TRAVEL"));

            assertThat(bank.balance(customer.accountId())).isEqualTo(100_000_00 - 710_00);
            UUID usd = jdbc.sql("select id from accounts where customer_id = ? and currency = 'USD'")
                    .param(customer.id()).query(UUID.class).single();
            assertThat(bank.balance(usd)).isEqualTo(100_00);
            assertThat(bank.balance(bank.accountId("FX-POSITION-CNY")) - cnyPosition).isEqualTo(710_00);
            assertThat(bank.balance(bank.accountId("FX-POSITION-USD")) - usdPosition).isEqualTo(-100_00);
            assertThat(done.result().path("bought").asText()).isEqualTo("100.00 USD");
            assertThat(done.text()).contains("710.00 CNY");
        }

        @Test
        void largeCashBookingHoldsTheAmountUntilTheBookedDay() {
            String date = today().plusDays(2).toString();

            Executed done = runToVoucher("LARGE_CASH_WITHDRAWAL_BOOKING", form(customer, "mobile", customer.phone(),
                    "account", customer.accountNumber(), "amount", "60000.00", "withdrawalDate", date,
                    "branchCode", "0101", "denomination", "CNY100"));

            Map<String, Object> booking = jdbc.sql(
                    "select b.amount, b.withdrawal_date::text as day, b.denomination, b.branch_id, b.status,"
                            + " h.status as hold, h.amount as held from cash_bookings b join holds h on h.id = b.hold_id"
                            + " where b.customer_id = ?").param(customer.id()).query().singleRow();
            assertThat(booking).containsEntry("amount", 60_000_00L).containsEntry("day", date)
                    .containsEntry("denomination", "CNY100").containsEntry("branch_id", branch.id())
                    .containsEntry("status", "BOOKED").containsEntry("hold", "PLACED")
                    .containsEntry("held", 60_000_00L);
            assertThat(bank.balance(customer.accountId())).isEqualTo(100_000_00);
            assertThat(bank.available(customer.accountId())).isEqualTo(100_000_00 - 60_000_00);
            assertThat(done.text()).contains("60000.00 CNY", date);
        }
    }

    @Nested
    class Decisions {

        @Test
        void theSameConfirmationIdGetsTheSameAnswerAndPostsOnce() {
            String session = login(customer);
            Staged staged = submitAndStage(session, "TRANSFER_REMITTANCE", form(customer, "fromAccount",
                    customer.accountNumber(), "payeeName", "Li Si", "payeeAccount", "6217009876543210",
                    "payeeBank", "Bank of China", "amount", "300.00", "speed", "NEXT_DAY"), branch);
            String confirmation = UUID.randomUUID().toString();

            Api.Response first = execute(branch, staged.tokenId(), confirmation, "CONFIRM", null);
            Api.Response second = execute(branch, staged.tokenId(), confirmation, "CONFIRM", null);

            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.body()).isEqualTo(first.body());
            String reference = first.body().path("voucher").path("reference").asText();
            assertThat(jdbc.sql("select count(*) from journal_entries where reference = ?").param("form " + reference)
                    .query(Integer.class).single()).isEqualTo(1);
            assertThat(bank.balance(customer.accountId())).isEqualTo(100_000_00 - 300_00);
        }

        @Test
        void ofTwoConcurrentConfirmationsExactlyOneExecutes() throws Exception {
            String session = login(customer);
            Staged staged = submitAndStage(session, "TIME_DEPOSIT_OPENING", form(customer, "sourceAccount",
                    customer.accountNumber(), "currency", "CNY", "amount", "5000.00", "term", "M6",
                    "autoRenew", "NO"), branch);
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return confirm(branch, staged.tokenId());
                }));
            }
            start.countDown();
            List<Api.Response> answers = new ArrayList<>();
            for (CompletableFuture<Api.Response> call : calls) {
                answers.add(call.get(30, TimeUnit.SECONDS));
            }

            assertThat(answers).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 409);
            Api.Response refused = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
            assertThat(refused.text("code")).isEqualTo("FORM_ALREADY_DECIDED");
            assertThat(refused.body().path("existing").path("outcome").asText()).isEqualTo("EXECUTED");
            assertThat(bank.balance(customer.accountId())).isEqualTo(95_000_00);
            assertThat(jdbc.sql("select count(*) from form_executions where draft_id = ?::uuid")
                    .param(staged.draftId()).query(Integer.class).single()).isEqualTo(1);
        }

        @Test
        void aLaterConfirmationOfADecidedFormIsRefusedWithTheExistingOutcome() {
            Staged staged = submitAndStage(login(customer), "PASSWORD_RESET", form(customer, "mobile",
                    customer.phone(), "account", customer.accountNumber(), "passwordKind", "ACCOUNT"), branch);
            Api.Response first = confirm(branch, staged.tokenId());

            Api.Response second = confirm(branch, staged.tokenId());

            assertThat(second.status()).isEqualTo(409);
            assertThat(second.text("code")).isEqualTo("FORM_ALREADY_DECIDED");
            assertThat(second.body().path("existing").path("confirmationId").asText())
                    .isEqualTo(first.text("confirmationId"));
            assertThat(second.body().path("existing").path("tellerId").asText()).isEqualTo("T0042");
        }

        @Test
        void aRejectionRecordsTheReasonAndDoesNoBusiness() {
            String session = login(customer);
            Staged staged = submitAndStage(session, "TIME_DEPOSIT_OPENING", form(customer, "sourceAccount",
                    customer.accountNumber(), "currency", "CNY", "amount", "5000.00", "term", "M3",
                    "autoRenew", "NO"), branch);

            Api.Response rejected = execute(branch, staged.tokenId(), UUID.randomUUID().toString(), "REJECT",
                    "ID card expired");

            assertThat(rejected.status()).isEqualTo(200);
            assertThat(rejected.text("outcome")).isEqualTo("REJECTED");
            assertThat(rejected.body().path("voucher").isNull()).isTrue();
            assertThat(bank.balance(customer.accountId())).isEqualTo(100_000_00);
            Api.Response draft = api.get("/api/v1/forms/drafts/" + staged.draftId(), session);
            assertThat(draft.text("status")).isEqualTo("REJECTED");
            assertThat(draft.body().path("outcome").path("message").asText()).isEqualTo("ID card expired");
            assertThat(draft.body().path("voucherReference").isNull()).isTrue();
        }

        @Test
        void aRejectionWithoutAReasonIsRefused() {
            Staged staged = submitAndStage(login(customer), "PASSWORD_RESET", form(customer, "mobile",
                    customer.phone(), "account", customer.accountNumber(), "passwordKind", "ACCOUNT"), branch);

            Api.Response rejected = execute(branch, staged.tokenId(), UUID.randomUUID().toString(), "REJECT", null);

            assertThat(rejected.status()).isEqualTo(400);
            assertThat(draftStatus(staged.draftId())).isEqualTo("STAGED");
        }

        @Test
        void aMalformedDecisionIsAFormatErrorNamingEachBadField() {
            Staged staged = submitAndStage(login(customer), "PASSWORD_RESET", form(customer, "mobile",
                    customer.phone(), "account", customer.accountNumber(), "passwordKind", "ACCOUNT"), branch);

            Api.Response refused = api.post("/api/hub/v1/forms/executions", hub(branch), Map.of("confirmationId",
                    "c".repeat(65), "tokenId", staged.tokenId(), "tellerId", "teller 42", "terminalId",
                    branch.teller(), "decision", "MAYBE", "reason", ""));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.irc()).isEqualTo("FORMAT_ERROR");
            JsonNode fields = refused.body().path("fields");
            assertThat(fields.path("confirmationId").asText()).isEqualTo("size must be between 0 and 64");
            assertThat(fields.path("tellerId").asText()).isEqualTo("must match \"[A-Za-z0-9._-]+\"");
            assertThat(fields.path("decision").asText()).isEqualTo("must match \"CONFIRM|REJECT\"");
            assertThat(fields.path("reason").asText()).isEqualTo("size must be between 1 and 200");
            assertThat(fields.has("tokenId")).isFalse();
            assertThat(fields.has("terminalId")).isFalse();
            assertThat(draftStatus(staged.draftId())).isEqualTo("STAGED");
        }

        @Test
        void businessThatCannotBeDoneFailsAndChangesNoMoney() {
            TestBank.Customer poor = bank.customer(3_000_00);
            String session = login(poor);
            Staged staged = submitAndStage(session, "TIME_DEPOSIT_OPENING", form(poor, "sourceAccount",
                    poor.accountNumber(), "currency", "CNY", "amount", "2000.00", "term", "Y1", "autoRenew", "NO"),
                    branch);
            assertThat(stageWithdrawal(session, poor, "1500", null).status()).isEqualTo(201);
            long accounts = jdbc.sql("select count(*) from accounts").query(Long.class).single();

            Api.Response failed = confirm(branch, staged.tokenId());

            assertThat(failed.status()).isEqualTo(200);
            assertThat(failed.text("outcome")).isEqualTo("FAILED");
            assertThat(failed.text("message")).contains("available balance");
            assertThat(failed.body().path("voucher").isNull()).isTrue();
            assertThat(bank.balance(poor.accountId())).isEqualTo(3_000_00);
            assertThat(bank.available(poor.accountId())).isEqualTo(1_500_00);
            assertThat(jdbc.sql("select count(*) from accounts").query(Long.class).single()).isEqualTo(accounts);
            assertThat(draftStatus(staged.draftId())).isEqualTo("FAILED");
        }

        @Test
        void aTimeDepositInAnotherCurrencyThanItsSourceFails() {
            Staged staged = submitAndStage(login(customer), "TIME_DEPOSIT_OPENING", form(customer, "sourceAccount",
                    customer.accountNumber(), "currency", "USD", "amount", "1000.00", "term", "Y1",
                    "autoRenew", "NO"), branch);

            Api.Response failed = confirm(branch, staged.tokenId());

            assertThat(failed.text("outcome")).isEqualTo("FAILED");
            assertThat(failed.text("message")).contains("kept in CNY");
            assertThat(bank.balance(customer.accountId())).isEqualTo(100_000_00);
        }

        @Test
        void anExpiredFormIsRefusedAndTheSweeperWithdrawsIt() {
            Staged staged = submitAndStage(login(customer), "PASSWORD_RESET", form(customer, "mobile",
                    customer.phone(), "account", customer.accountNumber(), "passwordKind", "ACCOUNT"), branch);
            long last = feed(branch, 0, 0).body().path("last").asLong();
            clock.advance(Duration.ofHours(4).plusMinutes(1));

            Api.Response expired = confirm(branch, staged.tokenId());
            assertThat(expired.status()).isEqualTo(410);
            assertThat(expired.text("code")).isEqualTo("FORM_EXPIRED");

            sweeper.sweep();

            assertThat(draftStatus(staged.draftId())).isEqualTo("EXPIRED");
            JsonNode events = feed(branch, last, 0).body().path("events");
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.path("kind").asText()).isEqualTo("WITHDRAWN");
                assertThat(event.path("tokenId").asText()).isEqualTo(staged.tokenId());
            });
            assertThat(confirm(branch, staged.tokenId()).status()).isEqualTo(410);
        }

        @Test
        void aFormStagedAtAnotherBranchIsRefusedAndItsLookupHidesTheForm() {
            TestBank.Branch other = bank.branch();
            Staged staged = submitAndStage(login(customer), "PASSWORD_RESET", form(customer, "mobile",
                    customer.phone(), "account", customer.accountNumber(), "passwordKind", "ACCOUNT"), branch);

            Api.Response refused = confirm(other, staged.tokenId());
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.text("code")).isEqualTo("FORM_OTHER_BRANCH");

            Api.Response elsewhere = api.get("/api/hub/v1/forms/tokens/" + staged.tokenId(), hub(other));
            assertThat(elsewhere.status()).isEqualTo(200);
            assertThat(elsewhere.text("branchId")).isEqualTo(branch.id());
            assertThat(elsewhere.text("status")).isEqualTo("STAGED");
            assertThat(elsewhere.body().path("form").isNull()).isTrue();

            Api.Response here = api.get("/api/hub/v1/forms/tokens/" + staged.tokenId(), hub(branch));
            assertThat(here.body().path("form").path("draftId").asText()).isEqualTo(staged.draftId());
            assertThat(here.body().path("form").path("customer").path("mobileLast4").asText())
                    .isEqualTo(customer.phone().substring(7));
        }

        @Test
        void unknownTokensAreNotFound() {
            String unknown = "0123456789abcdef0123456789abcdef";
            assertThat(confirm(branch, unknown).text("code")).isEqualTo("FORM_UNKNOWN");
            assertThat(api.get("/api/hub/v1/forms/tokens/" + unknown, hub(branch)).status()).isEqualTo(404);
        }
    }

    @Nested
    class StagingOnArrival {

        private Staged submitted(String session) {
            return submitOnly(session, "PASSWORD_RESET", form(customer, "mobile", customer.phone(), "account",
                    customer.accountNumber(), "passwordKind", "ACCOUNT"));
        }

        private long stagedEvents(String tokenId) {
            return jdbc.sql("select count(*) from form_staging_events where token_id = ? and kind = 'STAGED'")
                    .param(tokenId).query(Long.class).single();
        }

        @Test
        void aSubmittedFormIsStagedAtTheScanningHubsBranchAndEntersItsFeed() {
            String session = login(customer);
            Staged form = submitted(session);
            long last = feed(branch, 0, 0).body().path("last").asLong();

            Api.Response staged = stageOnArrival(branch, form.tokenId());

            assertThat(staged.status()).as("staged: %s", staged.body()).isEqualTo(200);
            assertThat(staged.text("status")).isEqualTo("STAGED");
            assertThat(staged.text("branchId")).isEqualTo(branch.id());
            assertThat(staged.body().path("form").path("draftId").asText()).isEqualTo(form.draftId());
            assertThat(staged.body().path("form").path("branchId").asText()).isEqualTo(branch.id());
            assertThat(staged.body()).isEqualTo(api.get("/api/hub/v1/forms/tokens/" + form.tokenId(), hub(branch))
                    .body());
            assertThat(feed(branch, last, 0).body().path("events")).singleElement().satisfies(event -> {
                assertThat(event.path("kind").asText()).isEqualTo("STAGED");
                assertThat(event.path("tokenId").asText()).isEqualTo(form.tokenId());
                assertThat(event.path("form").path("draftId").asText()).isEqualTo(form.draftId());
            });
            Api.Response draft = api.get("/api/v1/forms/drafts/" + form.draftId(), session);
            assertThat(draft.text("status")).isEqualTo("STAGED");
            assertThat(draft.text("branchId")).isEqualTo(branch.id());
        }

        @Test
        void aRepeatedCallGetsTheSameAnswerAndWritesNoSecondEvent() {
            Staged form = submitted(login(customer));
            Api.Response first = stageOnArrival(branch, form.tokenId());

            Api.Response second = stageOnArrival(branch, form.tokenId());

            assertThat(second.status()).isEqualTo(200);
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(stagedEvents(form.tokenId())).isEqualTo(1);
            assertThat(feed(branch, 0, 0).body().path("events")).hasSize(1);
        }

        @Test
        void ofConcurrentCallsOneStagesAndAllGetTheStagedForm() throws Exception {
            Staged form = submitted(login(customer));
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return stageOnArrival(branch, form.tokenId());
                }));
            }
            start.countDown();
            List<Api.Response> answers = new ArrayList<>();
            for (CompletableFuture<Api.Response> call : calls) {
                answers.add(call.get(30, TimeUnit.SECONDS));
            }

            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.status()).as("answer: %s", answer.body()).isEqualTo(200);
                assertThat(answer.text("branchId")).isEqualTo(branch.id());
            });
            assertThat(stagedEvents(form.tokenId())).isEqualTo(1);
        }

        @Test
        void aFormStagedAtAnotherBranchIsRefusedAndStaysThere() {
            TestBank.Branch other = bank.branch();
            Staged staged = submitAndStage(login(customer), "PASSWORD_RESET", form(customer, "mobile",
                    customer.phone(), "account", customer.accountNumber(), "passwordKind", "ACCOUNT"), other);

            Api.Response refused = stageOnArrival(branch, staged.tokenId());

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.text("code")).isEqualTo("FORM_OTHER_BRANCH");
            assertThat(refused.text("formStatus")).isEqualTo("STAGED");
            assertThat(refused.text("branchId")).isEqualTo(other.id());
            assertThat(jdbc.sql("select branch_id from form_drafts where id = ?::uuid").param(staged.draftId())
                    .query(String.class).single()).isEqualTo(other.id());
            assertThat(feed(branch, 0, 0).body().path("events")).isEmpty();
            assertThat(feed(other, 0, 0).body().path("events")).hasSize(1);
        }

        @Test
        void expiredCancelledDecidedAndUnknownFormsAreRefusedWithTheirCodes() {
            String session = login(customer);
            Staged cancelled = submitted(session);
            api.delete("/api/v1/forms/drafts/" + cancelled.draftId(), session);
            Staged decided = submitAndStage(session, "PASSWORD_RESET", form(customer, "mobile", customer.phone(),
                    "account", customer.accountNumber(), "passwordKind", "ONLINE"), branch);
            confirm(branch, decided.tokenId());
            Staged expired = submitted(session);

            Api.Response cancelledAnswer = stageOnArrival(branch, cancelled.tokenId());
            Api.Response decidedAnswer = stageOnArrival(branch, decided.tokenId());
            clock.advance(Duration.ofHours(4).plusMinutes(1));
            Api.Response expiredAnswer = stageOnArrival(branch, expired.tokenId());

            assertThat(cancelledAnswer.status()).isEqualTo(409);
            assertThat(cancelledAnswer.body().path("status").asInt()).isEqualTo(409);
            assertThat(cancelledAnswer.text("code")).isEqualTo("FORM_CANCELLED");
            assertThat(decidedAnswer.status()).isEqualTo(409);
            assertThat(decidedAnswer.text("code")).isEqualTo("FORM_ALREADY_DECIDED");
            assertThat(decidedAnswer.text("formStatus")).isEqualTo("EXECUTED");
            assertThat(decidedAnswer.text("decidedAt")).isNotBlank();
            assertThat(expiredAnswer.status()).isEqualTo(410);
            assertThat(expiredAnswer.text("code")).isEqualTo("FORM_EXPIRED");
            assertThat(draftStatus(expired.draftId())).isEqualTo("SUBMITTED");
            assertThat(stageOnArrival(branch, "0123456789abcdef0123456789abcdef").status()).isEqualTo(404);
            assertThat(stagedEvents(expired.tokenId()) + stagedEvents(cancelled.tokenId())).isZero();
        }

        @Test
        void onlyHubsMayStageOnArrival() {
            String session = login(customer);
            Staged form = submitted(session);

            assertThat(api.post("/api/hub/v1/forms/tokens/" + form.tokenId() + "/stage", session, Map.of())
                    .status()).isEqualTo(401);
            assertThat(api.post("/api/hub/v1/forms/tokens/" + form.tokenId() + "/stage",
                    Api.basic(branch.hubId(), "wrong"), Map.of()).status()).isEqualTo(401);
            assertThat(draftStatus(form.draftId())).isEqualTo("SUBMITTED");
        }
    }
}
