package io.branchlink.demo;

import io.branchlink.agent.device.NoteMix;
import io.branchlink.agent.system.TransactionOutcome;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.app.AppException;
import io.branchlink.sim.app.FormSamples;
import io.branchlink.sim.app.SimulatedApp;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The demo's scripted morning at branch BR001, told step by step: withdrawals, a deposit, refusals the customers
 * would meet, counter business pre-filled in the app and confirmed with one click at the teller console, and the
 * money invariants at the end. Each step states what a person should see and checks it.
 */
public final class Scenario {

    private final Branch branch;
    private final PrintStream out;
    private final List<String> failures = new ArrayList<>();
    private final List<SimulatedApp.Voucher> vouchersProduced = new ArrayList<>();

    public Scenario(Branch branch, PrintStream out) {
        this.branch = branch;
        this.out = out;
    }

    /** Runs every step; returns the failures, empty when the whole scenario went as it should. */
    public List<String> run() {
        SimulatedApp alice = branch.phone("alice-phone");
        alice.login("alice", "alice-demo-pass");
        UUID aliceAccount = alice.accounts().get(0).id();
        SimulatedApp bob = branch.phone("bob-phone");
        bob.login("bob", "bob-demo-pass");
        UUID bobAccount = bob.accounts().get(0).id();
        SimulatedApp grace = branch.phone("grace-phone");
        grace.login("grace", "grace-demo-pass");
        UUID graceAccount = grace.accounts().get(0).id();
        Itm itm1 = branch.itm("ITM00101");
        Itm itm2 = branch.itm("ITM00102");
        step("alice, bob and grace turn on the fingerprint unlock: a passkey on each phone, their second factor", () -> {
            for (SimulatedApp phone : List.of(alice, bob, grace)) {
                phone.registerPasskey(Branch.APP_ORIGIN);
            }
            return expect(alice.hasPasskey() && bob.hasPasskey() && grace.hasPasskey(), "registered");
        });

        SimulatedApp.Staged aliceToken = alice.stageWithdrawal(aliceAccount, cny("500"), Branch.BRANCH_ID);
        String aliceQr = alice.qrShownOnScreen(aliceToken);
        step("alice withdraws 500.00 CNY at ITM00101", () -> {
            itm1.camera().present(aliceQr);
            TransactionOutcome outcome = itm1.agent().runWithdrawal();
            return expect(outcome.result() == TransactionOutcome.Result.COMPLETED, outcome
                    + "; balance now " + alice.account(aliceAccount).balance());
        });
        step("the same QR code shown again at ITM00102 is refused", () -> {
            itm2.camera().present(aliceQr);
            TransactionOutcome outcome = itm2.agent().runWithdrawal();
            return expect(outcome.result() == TransactionOutcome.Result.DECLINED, outcome.result() + " " + outcome.irc());
        });
        step("bob deposits 1,000.00 CNY (ten 100s, one suspect note handed back) at ITM00102", () -> {
            SimulatedApp.Staged token = bob.stageDeposit(bobAccount, Branch.BRANCH_ID);
            itm2.acceptor().insert(NoteMix.ofMajor("CNY", 100, 10), 1);
            itm2.camera().present(bob.qrShownOnScreen(token));
            TransactionOutcome outcome = itm2.agent().runDeposit();
            return expect(outcome.result() == TransactionOutcome.Result.COMPLETED
                    && cny("1000").equals(outcome.delivered()), outcome + "; balance now "
                    + bob.account(bobAccount).balance());
        });
        step("bob cannot stage more than his balance", () -> refused(() -> bob.stageWithdrawal(bobAccount,
                cny("5000"), Branch.BRANCH_ID), "NOT_SUFFICIENT_FUNDS"));
        step("grace's phone was bound two hours ago: 2,000.00 CNY is over her cool-off limit", () -> refused(
                () -> grace.stageWithdrawal(graceAccount, cny("2000"), Branch.BRANCH_ID), "EXCEEDS_LIMIT"));
        step("grace withdraws 1,000.00 CNY at ITM00102, within the cool-off limit", () -> {
            SimulatedApp.Staged token = grace.stageWithdrawal(graceAccount, cny("1000"), Branch.BRANCH_ID);
            itm2.camera().present(grace.qrShownOnScreen(token));
            TransactionOutcome outcome = itm2.agent().runWithdrawal();
            return expect(outcome.result() == TransactionOutcome.Result.COMPLETED, outcome.toString());
        });
        step("a second withdrawal the same day is over grace's cool-off daily limit, however small", () -> refused(
                () -> grace.stageWithdrawal(graceAccount, cny("100"), Branch.BRANCH_ID), "EXCEEDS_LIMIT"));
        step("alice stages three more withdrawals within the hour: the risk engine asks for a second factor on the"
                + " third and her phone gives the fingerprint", () -> {
            for (int i = 0; i < 3; i++) {
                SimulatedApp.Staged token = alice.stageWithdrawal(aliceAccount, cny("100"), Branch.BRANCH_ID);
                alice.cancel(token.tokenId());
            }
            SimulatedApp.StepUpTaken stepUp = alice.lastStepUp();
            return expect(stepUp != null && "CARDLESS_WITHDRAWAL".equals(stepUp.action())
                    && "BIOMETRIC".equals(stepUp.factor()), "step-up " + stepUp);
        });
        counterBusiness(alice, aliceAccount, bob, aliceQr);
        step("the books balance and each ITM holds exactly the cash its GL account says", () -> {
            List<String> violations = branch.moneyInvariantViolations();
            return expect(violations.isEmpty(), violations.isEmpty() ? "ITM00101 " + itm1.physicalCash()
                    + ", ITM00102 " + itm2.physicalCash() : String.join("; ", violations));
        });
        return List.copyOf(failures);
    }

    /**
     * Flow 3: alice's time deposit and bob's card-loss report, pre-filled in the app, scanned at the counter and
     * confirmed with one click on teller T0042's console; then the vouchers the customers find in the app.
     */
    private void counterBusiness(SimulatedApp alice, UUID aliceAccount, SimulatedApp bob, String usedWithdrawalQr) {
        TellerCounter counter = branch.counter();
        TellerConsole console = new TellerConsole(branch.hubUrl(), Branch.TELLER_ID, Branch.TELLER_PASSWORD);
        FormSamples samples = new FormSamples(Clock.systemDefaultZone(), 7L);
        Map<String, String> deposit = new LinkedHashMap<>(samples.sample("TIME_DEPOSIT_OPENING",
                DemoCustomers.ALICE));
        deposit.putAll(Map.of("sourceAccount", DemoCustomers.ALICE.currentAccount(), "currency", "CNY",
                "amount", "5000.00", "term", "Y1"));
        Money aliceBefore = alice.account(aliceAccount).balance();
        SimulatedApp.Draft[] aliceDraft = new SimulatedApp.Draft[1];
        TellerConsole.View[] shown = new TellerConsole.View[1];
        TellerConsole.Decision[] confirmed = new TellerConsole.Decision[1];
        step("alice pre-fills a one-year time deposit of 5,000.00 CNY in the app and submits it at BR001", () -> {
            SimulatedApp.Draft draft = alice.createDraft("TIME_DEPOSIT_OPENING", deposit);
            aliceDraft[0] = alice.submit(draft.id(), Branch.BRANCH_ID);
            return expect("STAGED".equals(aliceDraft[0].status()), "draft " + aliceDraft[0].status() + " at "
                    + aliceDraft[0].branchId() + ", QR code valid until " + aliceDraft[0].tokenExpiresAt());
        });
        step("at the counter the scanner reads her code and teller T0042's console shows the form", () -> {
            counter.camera().present(alice.formQrShownOnScreen(aliceDraft[0].id()));
            shown[0] = console.awaitForm(aliceDraft[0].id(), Duration.ofSeconds(10));
            return expect(!shown[0].idCheckFields().isEmpty(), shown[0].type() + ", check against the ID card: "
                    + String.join(", ", shown[0].idCheckFields()));
        });
        step("one click confirms: the deposit is opened and the voucher printed", () -> {
            confirmed[0] = console.confirm(aliceDraft[0].id(), shown[0].confirmationId());
            Money after = alice.account(aliceAccount).balance();
            String reference = confirmed[0].voucherReference().orElse("none");
            boolean printed = awaitPrinted(counter, reference);
            return expect("EXECUTED".equals(confirmed[0].outcome()) && aliceBefore.minus(cny("5000")).equals(after)
                    && printed, confirmed[0].outcome() + " " + confirmed[0].message() + "; current account "
                    + aliceBefore + " -> " + after + "; voucher " + reference + (printed ? " printed" : " not printed"));
        });
        step("a second click executes nothing twice", () -> {
            TellerConsole.Decision again = console.confirm(aliceDraft[0].id(), shown[0].confirmationId());
            return expect(again.voucherReference().equals(confirmed[0].voucherReference())
                    && aliceBefore.minus(cny("5000")).equals(alice.account(aliceAccount).balance()),
                    "same outcome " + again.outcome() + ", same voucher " + again.voucherReference().orElse("none"));
        });
        step("bob reports his debit card lost and asks for a new one; T0042 confirms", () -> {
            Map<String, String> loss = new LinkedHashMap<>(samples.sample("CARD_LOSS_REPLACEMENT", DemoCustomers.BOB));
            loss.putAll(Map.of("lossKind", "FORMAL", "replace", "YES"));
            SimulatedApp.Draft draft = bob.submit(bob.createDraft("CARD_LOSS_REPLACEMENT", loss).id(),
                    Branch.BRANCH_ID);
            counter.camera().present(bob.formQrShownOnScreen(draft.id()));
            TellerConsole.View view = console.awaitForm(draft.id(), Duration.ofSeconds(10));
            TellerConsole.Decision decision = console.confirm(draft.id(), view.confirmationId());
            String reference = decision.voucherReference().orElse("none");
            boolean printed = awaitPrinted(counter, reference);
            return expect("EXECUTED".equals(decision.outcome()) && printed, decision.outcome() + " "
                    + decision.message() + "; voucher " + reference + (printed ? " printed" : " not printed"));
        });
        step("alice's used withdrawal code shown at the counter is refused with a clear message", () -> {
            long before = console.current().version();
            counter.camera().present(usedWithdrawalQr);
            TellerConsole.View view = awaitNewView(console, before);
            return expect("REFUSED".equals(view.state()), view.state() + " " + view.code() + ": " + view.messageEn());
        });
        step("the vouchers are in the customers' apps", () -> {
            List<SimulatedApp.Voucher> vouchers = new ArrayList<>(alice.vouchers());
            vouchers.addAll(bob.vouchers());
            StringBuilder detail = new StringBuilder();
            for (SimulatedApp.Voucher voucher : vouchers) {
                detail.append(String.format("%n        %s  %-22s %,6d bytes  sha256 %s…", voucher.reference(),
                        voucher.type(), voucher.sizeBytes(), voucher.contentHash().substring(0, 16)));
                vouchersProduced.add(voucher);
            }
            return expect(vouchers.size() == 2, vouchers.size() + " vouchers:" + detail);
        });
    }

    /** The vouchers the scenario produced, for the summary. */
    public List<SimulatedApp.Voucher> vouchersProduced() {
        return List.copyOf(vouchersProduced);
    }

    /** The printer works while the console answers; the teller takes the voucher from it a moment later. */
    private static boolean awaitPrinted(TellerCounter counter, String reference) {
        return Await.until(() -> counter.printer().documents().stream().anyMatch(d -> d.reference().equals(reference)),
                Duration.ofSeconds(10));
    }

    private static TellerConsole.View awaitNewView(TellerConsole console, long after) {
        TellerConsole.View[] view = {console.current()};
        Await.until(() -> (view[0] = console.current()).version() > after, Duration.ofSeconds(10));
        return view[0];
    }

    private void step(String description, Supplier<Result> action) {
        Result result;
        try {
            result = action.get();
        } catch (RuntimeException e) {
            result = new Result(false, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        out.printf("%s %s%n      %s%n", result.passed() ? "[ ok ]" : "[FAIL]", description, result.detail());
        if (!result.passed()) {
            failures.add(description + ": " + result.detail());
        }
    }

    private static Result refused(Supplier<?> call, String irc) {
        try {
            call.get();
            return new Result(false, "was accepted");
        } catch (AppException e) {
            return expect(irc.equals(e.irc()), "refused with " + e.irc());
        }
    }

    private static Result expect(boolean passed, String detail) {
        return new Result(passed, detail);
    }

    private static Money cny(String amount) {
        return Money.parse(amount, "CNY");
    }

    private record Result(boolean passed, String detail) {
    }
}
