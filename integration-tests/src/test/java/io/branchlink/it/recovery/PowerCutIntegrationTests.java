package io.branchlink.it.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.branchlink.it.support.EndToEndTest;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.app.SimulatedApp;
import io.branchlink.sim.device.SimulatedPowerLoss;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An ITM loses power in the middle of counting out notes; on restart its journal finishes the story once. */
class PowerCutIntegrationTests extends EndToEndTest {

    @Test
    void aRestartAfterAPowerCutMidDispenseReversesWhatWasNotDelivered() {
        Customer customer = customer("3000");
        SimulatedApp.Staged staged = customer.app().stageWithdrawal(customer.accountId(), Money.parse("800", "CNY"),
                "BR001");
        itm2().camera().present(customer.app().qrShownOnScreen(staged));
        itm2().dispenser().powerCutAfterNotes(3);

        assertThatThrownBy(() -> itm2().agent().runWithdrawal()).isInstanceOf(SimulatedPowerLoss.class);
        itm2().powerCut();
        assertThat(customer.balance()).as("approved before the power went").isEqualTo(Money.parse("2200", "CNY"));

        itm2().start();

        assertThat(itm2().agent().awaitHostReady(Duration.ofSeconds(30))).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(customer.balance()).as("the notes never left the machine").isEqualTo(
                        Money.parse("3000", "CNY")));
        assertThat(entries("CARDLESS_WITHDRAWAL_REVERSAL", itm2().terminalId(), stanOf(staged))).isEqualTo(1);
    }

    /** The STAN the ITM used for the token's redemption, from channel-api's record. */
    private int stanOf(SimulatedApp.Staged staged) {
        return branch.channelApiContext().getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("select stan from cardless_transactions where token_id = ?").param(staged.tokenId())
                .query(Integer.class).single();
    }
}
