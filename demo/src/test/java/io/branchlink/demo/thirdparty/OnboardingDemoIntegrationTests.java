package io.branchlink.demo.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.demo.Branch;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.app.AppException;
import io.branchlink.sim.app.SimulatedApp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the demo branch a visitor opens an account from a simulated phone: channel-api sends the code through the SMS
 * gateway stub and asks the identity provider stub; the new customer logs in with a bound phone and a Class II
 * electronic account, which stages no cardless cash.
 */
class OnboardingDemoIntegrationTests {

    static final String VISITORS_NUMBER = "13900139077";
    static final String RESIDENT_ID = "11010519491231002X";

    @Test
    void aVisitorOpensAClassTwoAccountFromThePhone(@TempDir Path workDir) {
        try (Branch branch = Branch.start(Branch.Settings.forTests(workDir))) {
            SimulatedApp phone = branch.phone("visitor-phone");

            SimulatedApp.Onboarded onboarded = phone.onboard(VISITORS_NUMBER, "王芳 Wang Fang", RESIDENT_ID,
                    "wangfang", "wangfang-demo-pass", "sdk-liveness-token",
                    branch.smsGateway().inbox(VISITORS_NUMBER));

            assertThat(onboarded.accountClass()).isEqualTo("TYPE_II");
            assertThat(branch.smsGateway().inbox(VISITORS_NUMBER).messages()).hasSize(1);
            assertThat(branch.identityProvider().checks()).extracting(IdentityCheckStub.Check::result)
                    .containsExactly("MATCH");
            assertThat(phone.accounts()).singleElement()
                    .satisfies(a -> assertThat(a.id()).isEqualTo(onboarded.accountId()));
            assertThat(phone.verifyOtp(phone.otpCode())).isTrue();
            assertThat(phone.login("wangfang", "wangfang-demo-pass")).as("the phone is bound").isTrue();
            assertThatThrownBy(() -> phone.stageWithdrawal(onboarded.accountId(), Money.parse("100.00", "CNY"), null))
                    .isInstanceOfSatisfying(AppException.class,
                            e -> assertThat(e.irc()).isEqualTo("INVALID_TRANSACTION"));

            SimulatedApp impostor = branch.phone("impostor-phone");
            assertThatThrownBy(() -> impostor.onboard("13900139078", "Mismatch Li", "310104200001010017",
                    "impostor", "impostor-demo-pass", "sdk-liveness-token", branch.smsGateway().inbox("13900139078")))
                    .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.irc()).isEqualTo("DO_NOT_HONOUR"));
            assertThat(branch.moneyInvariantViolations()).isEmpty();
        }
    }
}
