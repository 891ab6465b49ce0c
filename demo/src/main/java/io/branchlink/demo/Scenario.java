package io.branchlink.demo;

import io.branchlink.agent.device.NoteMix;
import io.branchlink.agent.system.TransactionOutcome;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.app.AppException;
import io.branchlink.sim.app.SimulatedApp;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The demo's scripted morning at branch BR001, told step by step: withdrawals, a deposit, refusals the customers
 * would meet, and the money invariants at the end. Each step states what a person should see and checks it.
 */
public final class Scenario {

    private final Branch branch;
    private final PrintStream out;
    private final List<String> failures = new ArrayList<>();

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
        step("the books balance and each ITM holds exactly the cash its GL account says", () -> {
            List<String> violations = branch.moneyInvariantViolations();
            return expect(violations.isEmpty(), violations.isEmpty() ? "ITM00101 " + itm1.physicalCash()
                    + ", ITM00102 " + itm2.physicalCash() : String.join("; ", violations));
        });
        return List.copyOf(failures);
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
