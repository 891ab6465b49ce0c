package io.branchlink.it.deposit;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.agent.device.NoteMix;
import io.branchlink.agent.system.TransactionOutcome;
import io.branchlink.agent.system.TransactionOutcome.Result;
import io.branchlink.it.support.EndToEndTest;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.sim.app.SimulatedApp;
import org.junit.jupiter.api.Test;

/** Flow 2 of ARCHITECTURE.md: the acceptor counts, the customer confirms, the hub credits, the notes are kept. */
class CardlessDepositIntegrationTests extends EndToEndTest {

    @Test
    void anApprovedDepositIsStoredAndCreditedOnce() {
        Customer customer = customer("100");
        Money cashBefore = itm2().physicalCash();
        SimulatedApp.Staged staged = customer.app().stageDeposit(customer.accountId(), "BR001");
        itm2().acceptor().insert(NoteMix.ofMajor("CNY", 100, 5, 50, 2), 1);
        itm2().camera().present(customer.app().qrShownOnScreen(staged));

        TransactionOutcome outcome = itm2().agent().runDeposit();

        assertThat(outcome.result()).isEqualTo(Result.COMPLETED);
        assertThat(outcome.delivered()).isEqualTo(Money.parse("600", "CNY"));
        assertThat(customer.balance()).isEqualTo(Money.parse("700", "CNY"));
        assertThat(itm2().physicalCash()).isEqualTo(cashBefore.plus(Money.parse("600", "CNY")));
        assertThat(customer.app().tokenStatus(staged.tokenId())).isEqualTo("USED");
    }

    @Test
    void aDeclinedDepositReturnsTheNotesAndCreditsNothing() {
        Money cashBefore = itm2().physicalCash();
        Money returnedBefore = itm2().acceptor().returnedToCustomers().total();
        itm2().acceptor().insert(NoteMix.ofMajor("CNY", 100, 3), 0);
        itm2().camera().present(forgedToken(TokenType.DEPOSIT, null));

        TransactionOutcome outcome = itm2().agent().runDeposit();

        assertThat(outcome.result()).isIn(Result.DECLINED, Result.REJECTED);
        assertThat(itm2().physicalCash()).isEqualTo(cashBefore);
        assertThat(itm2().acceptor().returnedToCustomers().total())
                .isEqualTo(returnedBefore.plus(Money.parse("300", "CNY")));
    }
}
