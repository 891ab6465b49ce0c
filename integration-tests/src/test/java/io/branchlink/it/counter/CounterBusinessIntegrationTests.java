package io.branchlink.it.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import io.branchlink.agent.device.ReceiptPrinter.PrintedDocument;
import io.branchlink.channel.demo.BankSetup;
import io.branchlink.demo.Branch;
import io.branchlink.demo.TellerConsole;
import io.branchlink.demo.TellerCounter;
import io.branchlink.hub.form.StagedForms;
import io.branchlink.it.support.EndToEndTest;
import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.prefill.catalog.FormDefinition;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.sim.app.CustomerProfile;
import io.branchlink.sim.app.FormSamples;
import io.branchlink.sim.app.SimulatedApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Flow 3 through the whole branch: a customer fills a form in the app, submits it and stages it at BR001; the hub's
 * feed puts it into the cluster's staged-form map; the customer holds the phone up to teller terminal TLR00101's
 * scanner; teller T0042's console shows it; one click confirms; channel-api carries the business out on the ledger,
 * the profile or the cards; the voucher is printed at the counter and found in the app, with the right text.
 * A form submitted without a branch is staged at BR001 when its code is scanned there. The money invariants are
 * checked after every test.
 */
class CounterBusinessIntegrationTests extends EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final FormCatalog CATALOG = FormCatalog.load();

    private TellerConsole console;

    /**
     * A teller does not scan at a terminal the hub cannot hear: another test class may have just restarted the hub,
     * and the terminal reconnects within a few seconds.
     */
    @BeforeEach
    void theTellerTerminalIsConnected() {
        await().atMost(Duration.ofSeconds(30)).until(() -> counter().terminal().isConnected());
    }

    static Stream<String> businessTypes() {
        return CATALOG.types().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("businessTypes")
    void everyBusinessTypeGoesFromDraftToVoucher(String type) {
        CounterCustomer customer = counterCustomer();
        Map<String, String> values = executable(type, new FormSamples(Clock.systemDefaultZone(),
                type.hashCode()).sample(type, customer.profile()), customer);
        Snapshot before = snapshot(customer);

        SimulatedApp.Draft draft = customer.app().createDraft(type, values);
        assertThat(draft.status()).isEqualTo("DRAFT");
        SimulatedApp.Draft submitted = customer.app().submit(draft.id(), null);
        assertThat(submitted.status()).isEqualTo("SUBMITTED");
        assertThat(submitted.token()).startsWith("BL:");
        SimulatedApp.Draft staged = customer.app().stage(draft.id(), Branch.BRANCH_ID);
        assertThat(staged.status()).isEqualTo("STAGED");
        String tokenId = QrTokenCodec.parse(submitted.token()).claims().tokenIdHex();
        await().atMost(PATIENCE).until(() -> stagedAtHub(tokenId));

        TellerConsole.View shown = scan(customer.app(), draft.id());
        assertThat(shown.type()).isEqualTo(type);
        assertThat(shown.idCheckFields()).containsAll(CATALOG.get(type).idCheckFields().stream()
                .map(f -> f.name()).filter(values::containsKey).toList());

        TellerConsole.Decision decision = console().confirm(draft.id(), shown.confirmationId());

        assertThat(decision.outcome()).as(decision.message()).isEqualTo("EXECUTED");
        String reference = decision.voucherReference().orElseThrow();
        SimulatedApp.Draft executed = customer.app().draft(draft.id());
        assertThat(executed.status()).isEqualTo("EXECUTED");
        assertThat(executed.voucherReference()).isEqualTo(reference);
        assertThat(stagedAtHub(tokenId)).as("staged form left the map once decided").isFalse();
        assertEffect(type, values, customer, before);
        assertVoucher(type, customer, reference);
    }

    @Test
    void aSecondClickAndASecondConsoleExecuteNothingTwice() {
        CounterCustomer customer = counterCustomer();
        String draftId = submitAtBranch(customer, "TRANSFER_REMITTANCE", Map.of("amount", "700.00"));
        TellerConsole.View shown = scan(customer.app(), draftId);
        Money before = customer.balance();

        TellerConsole.Decision first = console().confirm(draftId, shown.confirmationId());
        TellerConsole.Decision again = console().confirm(draftId, shown.confirmationId());
        TellerConsole.Decision otherTab = new TellerConsole(branch.hubUrl(), Branch.TELLER_ID, Branch.TELLER_PASSWORD)
                .confirm(draftId, shown.confirmationId());

        assertThat(first.outcome()).isEqualTo("EXECUTED");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(otherTab.json()).isEqualTo(first.json());
        assertThat(customer.balance()).isEqualTo(before.minus(Money.parse("700", "CNY")));
        assertThat(customer.app().vouchers()).hasSize(1);
        await().atMost(PATIENCE).until(() -> printed(first.voucherReference().orElseThrow()).isPresent());
        assertThat(counter().printer().documents().stream()
                .filter(d -> d.reference().equals(first.voucherReference().orElseThrow()))).hasSize(1);
    }

    @Test
    void aScreenshotOfTheCodeScannedAgainAfterConfirmationIsRefusedAsAlreadyDecided() {
        // another code in between: the scanner reports the same code held in front of it only once
        CounterCustomer customer = counterCustomer();
        String draftId = submitAtBranch(customer, "PASSWORD_RESET", Map.of());
        String qr = customer.app().formQrShownOnScreen(draftId);
        TellerConsole.View shown = scan(customer.app(), draftId);
        console().confirm(draftId, shown.confirmationId());
        assertThat(scanExpectingRefusal("https://example.com/not-a-bank-code").code()).isEqualTo("NOT_BRANCHLINK");

        TellerConsole.View again = scanExpectingRefusal(qr);

        assertThat(again.code()).isEqualTo("ALREADY_DECIDED");
        assertThat(again.messageEn()).contains("executed");
    }

    @Test
    void aRejectedFormChangesNoMoneyAndTheCustomerSeesTheReason() {
        CounterCustomer customer = counterCustomer();
        String draftId = submitAtBranch(customer, "TIME_DEPOSIT_OPENING", Map.of("amount", "1000.00"));
        TellerConsole.View shown = scan(customer.app(), draftId);
        Money before = customer.balance();

        TellerConsole.Decision decision = console().reject(draftId, shown.confirmationId(),
                "ID card photo does not match the customer");

        assertThat(decision.outcome()).isEqualTo("REJECTED");
        SimulatedApp.Draft rejected = customer.app().draft(draftId);
        assertThat(rejected.status()).isEqualTo("REJECTED");
        assertThat(rejected.outcome().message()).isEqualTo("ID card photo does not match the customer");
        assertThat(customer.balance()).isEqualTo(before);
        assertThat(customer.app().vouchers()).isEmpty();
    }

    @Test
    void aFormSubmittedWithoutABranchIsStagedWhereTheCustomerShowsIt() {
        CounterCustomer customer = counterCustomer();
        Map<String, String> values = executable("TRANSFER_REMITTANCE", sample("TRANSFER_REMITTANCE", customer),
                customer);
        values.put("amount", "250.00");
        SimulatedApp.Draft draft = customer.app().createDraft("TRANSFER_REMITTANCE", values);
        SimulatedApp.Draft submitted = customer.app().submit(draft.id(), null);
        assertThat(submitted.status()).isEqualTo("SUBMITTED");
        assertThat(submitted.branchId()).isNull();
        String tokenId = QrTokenCodec.parse(submitted.token()).claims().tokenIdHex();
        assertThat(stagedAtHub(tokenId)).isFalse();
        Money before = customer.balance();

        TellerConsole.View shown = scan(customer.app(), draft.id());

        assertThat(shown.type()).isEqualTo("TRANSFER_REMITTANCE");
        assertThat(stagedAtHub(tokenId)).as("staged at the hub on arrival").isTrue();
        assertThat(customer.app().draft(draft.id()).branchId()).isEqualTo(Branch.BRANCH_ID);
        TellerConsole.Decision decision = console().confirm(draft.id(), shown.confirmationId());
        assertThat(decision.outcome()).as(decision.message()).isEqualTo("EXECUTED");
        SimulatedApp.Draft executed = customer.app().draft(draft.id());
        assertThat(executed.status()).isEqualTo("EXECUTED");
        assertThat(executed.branchId()).isEqualTo(Branch.BRANCH_ID);
        assertThat(executed.voucherReference()).isEqualTo(decision.voucherReference().orElseThrow());
        assertThat(customer.balance()).isEqualTo(before.minus(Money.parse("250", "CNY")));
        assertThat(jdbc().sql("select count(*) from form_staging_events where token_id = ? and kind = 'STAGED'")
                .param(tokenId).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aFormStagedAtAnotherBranchIsRefusedAndNamesThatBranch() {
        if (jdbc().sql("select count(*) from branches where id = 'BR002'").query(Integer.class).single() == 0) {
            branch.channelApiContext().getBean(BankSetup.class).branch("BR002", "Second branch 第二支行");
        }
        CounterCustomer customer = counterCustomer();
        SimulatedApp.Draft draft = customer.app().createDraft("PASSWORD_RESET",
                executable("PASSWORD_RESET", sample("PASSWORD_RESET", customer), customer));
        customer.app().submit(draft.id(), "BR002");

        TellerConsole.View refused = scanExpectingRefusal(customer.app().formQrShownOnScreen(draft.id()));

        assertThat(refused.code()).isEqualTo("OTHER_BRANCH");
        assertThat(refused.messageEn()).contains("BR002");
        assertThat(customer.app().draft(draft.id()).status()).isEqualTo("STAGED");
    }

    @Test
    void aCancelledFormIsRefusedAtTheCounter() {
        CounterCustomer customer = counterCustomer();
        String draftId = submitAtBranch(customer, "DEPOSIT_CERTIFICATE", Map.of("amount", "100.00"));
        String qr = customer.app().formQrShownOnScreen(draftId);
        customer.app().cancelDraft(draftId);

        TellerConsole.View refused = scanExpectingRefusal(qr);

        assertThat(refused.code()).isIn("CANCELLED", "UNKNOWN_FORM");
        assertThat(customer.app().draft(draftId).status()).isEqualTo("CANCELLED");
    }

    @Test
    void aBusinessThatCannotBeCarriedOutFailsAndChangesNoMoney() {
        CounterCustomer customer = counterCustomer();
        String draftId = submitAtBranch(customer, "TRANSFER_REMITTANCE", Map.of("amount", "4000000.00"));
        TellerConsole.View shown = scan(customer.app(), draftId);
        Money before = customer.balance();

        TellerConsole.Decision decision = console().confirm(draftId, shown.confirmationId());

        assertThat(decision.outcome()).isEqualTo("FAILED");
        assertThat(decision.message()).contains("available balance");
        assertThat(customer.balance()).isEqualTo(before);
        assertThat(customer.app().draft(draftId).status()).isEqualTo("FAILED");
        assertThat(customer.app().vouchers()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A customer with an ID card on file, two current accounts, a debit card and a time deposit of 10,000.00 CNY. */
    private CounterCustomer counterCustomer() {
        BankSetup setup = branch.channelApiContext().getBean(BankSetup.class);
        Random random = ThreadLocalRandom.current();
        CustomerProfile made = CustomerProfile.random(random);
        String suffix = Long.toString(random.nextLong(1L << 40), 36);
        CustomerProfile profile = new CustomerProfile(made.name(), made.idNumber(), made.mobile(), made.address(),
                accountNumber(random), accountNumber(random), "6217" + digits(random, 15), accountNumber(random));
        String username = "counter" + suffix;
        String password = "counter-" + UUID.randomUUID();
        UUID id = setup.customer(username, password, profile.name(), profile.mobile());
        UUID current = setup.account(id, profile.currentAccount(), "Current 活期", 100_000_00L);
        setup.account(id, profile.secondAccount(), "Savings 储蓄", 20_000_00L);
        setup.profile(id, profile.idNumber(), profile.address(), "EMPLOYEE", LocalDate.now().plusYears(8));
        setup.card(id, current, profile.cardNumber());
        LocalDate today = LocalDate.now();
        setup.timeDeposit(id, profile.timeDepositAccount(), "Y1", today.minusMonths(3), today.plusMonths(9), false,
                10_000_00L);
        String deviceId = username + "-phone";
        setup.bindDevice(id, deviceId, "phone", Instant.now().minus(Duration.ofDays(60)));
        SimulatedApp app = branch.phone(deviceId);
        app.login(username, password);
        return new CounterCustomer(id, app, current, profile);
    }

    /** A customer as the counter tests drive them: their app, their main account and what their ID card says. */
    private record CounterCustomer(UUID id, SimulatedApp app, UUID currentAccountId, CustomerProfile profile) {

        Money balance() {
            return app.account(currentAccountId).balance();
        }

        Money available() {
            return app.account(currentAccountId).available();
        }
    }

    /** What a form's execution may change, read before it. */
    private record Snapshot(Money balance, Money available, int accounts, Map<String, Object> customer) {
    }

    private Snapshot snapshot(CounterCustomer customer) {
        return new Snapshot(customer.balance(), customer.available(), customer.app().accounts().size(),
                jdbc().sql("select phone, address, occupation, id_expiry from customers where id = ?")
                        .param(customer.id()).query().singleRow());
    }

    /** A realistic sample, with the amounts and currencies pinned to what the customer's accounts can carry out. */
    private static Map<String, String> executable(String type, Map<String, String> sample, CounterCustomer customer) {
        Map<String, String> values = new LinkedHashMap<>(sample);
        String current = customer.profile().currentAccount();
        switch (type) {
            case "TIME_DEPOSIT_OPENING" -> values.putAll(Map.of("sourceAccount", current, "currency", "CNY",
                    "amount", "2000.00"));
            case "TIME_DEPOSIT_EARLY_WITHDRAWAL" -> {
                values.putAll(Map.of("depositAccount", customer.profile().timeDepositAccount(), "withdrawal", "FULL",
                        "targetAccount", current));
                values.remove("amount");
            }
            case "TRANSFER_REMITTANCE" -> values.putAll(Map.of("fromAccount", current, "amount", "300.00"));
            case "DEPOSIT_CERTIFICATE" -> values.putAll(Map.of("account", current, "currency", "CNY",
                    "amount", "5000.00"));
            case "FOREIGN_CURRENCY_EXCHANGE" -> values.putAll(Map.of("account", current, "sellCurrency", "CNY",
                    "sellAmount", "1000.00", "buyCurrency", "USD"));
            // the booking holds its amount: within the account's 100,000.00, from tomorrow
            case "LARGE_CASH_WITHDRAWAL_BOOKING" -> values.putAll(Map.of("account", current, "amount", "60000.00",
                    "withdrawalDate", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(3).toString()));
            default -> {
            }
        }
        return values;
    }

    private static Map<String, String> sample(String type, CounterCustomer customer) {
        return new FormSamples(Clock.systemDefaultZone(), 11L).sample(type, customer.profile());
    }

    private String submitAtBranch(CounterCustomer customer, String type, Map<String, String> overrides) {
        Map<String, String> values = executable(type, sample(type, customer), customer);
        values.putAll(overrides);
        SimulatedApp.Draft draft = customer.app().createDraft(type, values);
        return customer.app().submit(draft.id(), Branch.BRANCH_ID).id();
    }

    /** The customer holds the phone up to the counter's scanner; the console shows the form. */
    private TellerConsole.View scan(SimulatedApp app, String draftId) {
        counter().camera().present(app.formQrShownOnScreen(draftId));
        return console().awaitForm(draftId, PATIENCE);
    }

    private TellerConsole.View scanExpectingRefusal(String qr) {
        long before = console().current().version();
        counter().camera().present(qr);
        TellerConsole.View[] view = new TellerConsole.View[1];
        await().atMost(PATIENCE).until(() -> (view[0] = console().current()).version() > before
                && "REFUSED".equals(view[0].state()));
        return view[0];
    }

    private void assertEffect(String type, Map<String, String> values, CounterCustomer customer, Snapshot before) {
        Money balance = customer.balance();
        switch (type) {
            case "TIME_DEPOSIT_OPENING" -> {
                assertThat(balance).isEqualTo(before.balance().minus(cny("2000")));
                assertThat(customer.app().accounts()).hasSize(before.accounts() + 1);
            }
            case "TIME_DEPOSIT_EARLY_WITHDRAWAL" -> {
                assertThat(balance).isEqualTo(before.balance().plus(cny("10000")));
                assertThat(jdbc().sql("select status from accounts where account_number = ?")
                        .param(customer.profile().timeDepositAccount()).query(String.class).single())
                        .isEqualTo("CLOSED");
            }
            case "TRANSFER_REMITTANCE" -> assertThat(balance).isEqualTo(before.balance().minus(cny("300")));
            case "DEPOSIT_CERTIFICATE" -> {
                assertThat(balance).isEqualTo(before.balance());
                assertThat(customer.available()).isEqualTo(before.available().minus(cny("5000")));
            }
            case "FOREIGN_CURRENCY_EXCHANGE" -> {
                assertThat(balance).isEqualTo(before.balance().minus(cny("1000")));
                assertThat(customer.app().accounts()).anySatisfy(a -> {
                    assertThat(a.balance().currencyCode()).isEqualTo("USD");
                    assertThat(a.balance().isPositive()).isTrue();
                });
            }
            case "CARD_LOSS_REPLACEMENT" -> {
                String expected = values.get("lossKind").equals("FORMAL") ? "BLOCKED" : "TEMPORARILY_BLOCKED";
                assertThat(jdbc().sql("select status from cards where card_number = ?")
                        .param(customer.profile().cardNumber()).query(String.class).single()).isEqualTo(expected);
                int active = jdbc().sql("select count(*) from cards where customer_id = ? and status = 'ACTIVE'")
                        .param(customer.id()).query(Integer.class).single();
                assertThat(active).isEqualTo(values.get("replace").equals("YES") ? 1 : 0);
                assertThat(balance).isEqualTo(before.balance());
            }
            case "PERSONAL_INFO_CHANGE" -> {
                Map<String, Object> now = jdbc().sql(
                        "select phone, address, occupation, id_expiry from customers where id = ?")
                        .param(customer.id()).query().singleRow();
                if (values.containsKey("newMobile")) {
                    assertThat(now.get("phone")).isEqualTo(values.get("newMobile"));
                }
                if (values.containsKey("newAddress")) {
                    assertThat(now.get("address")).isEqualTo(values.get("newAddress"));
                }
                if (values.containsKey("newOccupation")) {
                    assertThat(now.get("occupation")).isEqualTo(values.get("newOccupation"));
                }
                if (values.containsKey("newIdExpiry")) {
                    assertThat(String.valueOf(now.get("id_expiry"))).isEqualTo(values.get("newIdExpiry"));
                }
                assertThat(now).isNotEqualTo(before.customer());
            }
            case "PERSONAL_ACCOUNT_OPENING" -> {
                assertThat(customer.app().accounts()).hasSize(before.accounts() + 1);
                Money deposit = cny(values.getOrDefault("initialDeposit", "0"));
                assertThat(customer.app().accounts().stream().map(SimulatedApp.Account::balance))
                        .contains(deposit);
            }
            case "LARGE_CASH_WITHDRAWAL_BOOKING" -> {
                assertThat(jdbc().sql("select count(*) from cash_bookings where customer_id = ? and amount = ?"
                                + " and status = 'BOOKED'")
                        .params(customer.id(), cny(values.get("amount")).minorUnits()).query(Integer.class).single())
                        .isEqualTo(1);
                assertThat(balance).isEqualTo(before.balance());
                assertThat(customer.available()).isEqualTo(before.available().minus(cny(values.get("amount"))));
            }
            case "PASSWORD_RESET" -> {
                assertThat(jdbc().sql("select must_change_password from customers where id = ?")
                        .param(customer.id()).query(Boolean.class).single()).isTrue();
                assertThat(balance).isEqualTo(before.balance());
            }
            default -> throw new AssertionError("no expected effect written for " + type);
        }
    }

    /** The voucher in the app is the one the counter printed, and says what was done, for whom, by whom. */
    private void assertVoucher(String type, CounterCustomer customer, String reference) {
        assertThat(customer.app().vouchers()).singleElement().satisfies(voucher -> {
            assertThat(voucher.reference()).isEqualTo(reference);
            assertThat(voucher.type()).isEqualTo(type);
            assertThat(voucher.tellerId()).isEqualTo(Branch.TELLER_ID);
            assertThat(voucher.contentHash()).matches("[0-9a-f]{64}");
        });
        byte[] pdf = customer.app().voucherPdf(reference);
        await().atMost(PATIENCE).until(() -> printed(reference).isPresent());
        assertThat(printed(reference).orElseThrow().pdf()).isEqualTo(pdf);
        FormDefinition form = CATALOG.get(type);
        assertThat(text(pdf)).contains(reference, form.label().zh(), form.label().en(), customer.profile().name(),
                Branch.TELLER_ID, Branch.BRANCH_ID);
    }

    private Optional<PrintedDocument> printed(String reference) {
        return counter().printer().documents().stream().filter(d -> d.reference().equals(reference)).findFirst();
    }

    private boolean stagedAtHub(String tokenId) {
        return branch.hubContext().getBean(HazelcastInstance.class).getMap(StagedForms.MAP).containsKey(tokenId);
    }

    private TellerCounter counter() {
        return branch.counter();
    }

    /** Teller T0042 signed in at the console, once per test. */
    private TellerConsole console() {
        if (console == null) {
            console = new TellerConsole(branch.hubUrl(), Branch.TELLER_ID, Branch.TELLER_PASSWORD);
        }
        return console;
    }

    private JdbcClient jdbc() {
        return branch.channelApiContext().getBean(JdbcClient.class);
    }

    private static String text(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Money cny(String amount) {
        return Money.parse(amount, "CNY");
    }

    private static String accountNumber(Random random) {
        return "6222" + digits(random, 12);
    }

    private static String digits(Random random, int n) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < n; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }
}
