package io.branchlink.channel.loan;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.CreditBureauDouble;
import io.branchlink.channel.support.SmsGatewayDouble;
import io.branchlink.channel.support.TestBank;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.app.SimulatedApp;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The software's share of "3 minutes from application to first drawdown": a customer's new phone, just bound with
 * an SMS code, applies, signs (passing the step-up with its soft-OTP code, as the app does) and draws, through the
 * simulated app over HTTP. Prints the time of each run and the median (docs/loans.md, "Time to cash"); a
 * benchmark-ish figure on a shared machine, so nothing is asserted about it.
 */
class LoanTimeToCashIntegrationTests extends ChannelIntegrationTest {

    private static final int RUNS = 5;

    @Test
    void applicationToFirstDrawdownThroughTheSimulatedApp() {
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            TestBank.Customer customer = bank.customer(0, null);
            CreditBureauDouble.cleanReport(customer.idNumber());
            SimulatedApp app = new SimulatedApp(URI.create("http://127.0.0.1:" + port), customer.deviceId());
            app.login(customer.username(), TestBank.PASSWORD);
            app.bindDevice("phone", () -> SmsGatewayDouble.messagesTo(customer.phone()).stream()
                    .map(m -> m.path("text").asText()).toList());

            long start = System.nanoTime();
            SimulatedApp.LoanApplication application = app.applyForLoan(customer.accountId(), null);
            SimulatedApp.Loan signed = app.signLoan(application.loan().id());
            SimulatedApp.Drawdown drawn = app.drawLoan(signed.id(), Money.parse("8000.00", "CNY"), 12,
                    "EQUAL_INSTALMENT");
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            millis.add(elapsed);

            assertThat(application.status()).isEqualTo("APPROVED");
            assertThat(signed.status()).isEqualTo("ACTIVE");
            assertThat(app.lastStepUp()).as("signing passed a step-up").isNotNull();
            assertThat(drawn.instalments()).isEqualTo(12);
            assertThat(app.account(customer.accountId()).balance()).isEqualTo(Money.parse("8000.00", "CNY"));
            System.out.printf("loan time to cash run=%d apply+sign+draw=%d ms%n", run + 1, elapsed);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("loan time to cash runs=%d median=%d ms min=%d ms max=%d ms%n", RUNS, sorted.get(RUNS / 2),
                sorted.get(0), sorted.get(RUNS - 1));
    }
}
