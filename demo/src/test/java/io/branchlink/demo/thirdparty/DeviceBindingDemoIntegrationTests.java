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
 * In the demo branch, channel-api sends binding codes through the SMS gateway stub, and a simulated phone binds
 * with the code from the customer's inbox or with approval from the customer's bound phone; each phone it binds
 * gets a soft-OTP secret whose codes channel-api verifies.
 */
class DeviceBindingDemoIntegrationTests {

    static final String ALICES_NUMBER = "13800138001";

    @Test
    void aNewPhoneBindsWithTheSmsCodeOrWithApprovalFromABoundPhone(@TempDir Path workDir) {
        try (Branch branch = Branch.start(Branch.Settings.forTests(workDir))) {
            SimulatedApp tablet = branch.phone("alice-tablet");
            assertThat(tablet.login("alice", "alice-demo-pass")).isFalse();
            var account = tablet.accounts().get(0).id();
            assertThatThrownBy(() -> tablet.stageWithdrawal(account, Money.parse("100.00", "CNY"), null))
                    .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.irc()).isEqualTo("STEP_UP_REQUIRED"));

            SimulatedApp.BoundDevice bound = tablet.bindDevice("Alice's tablet",
                    branch.smsGateway().inbox(ALICES_NUMBER));

            assertThat(bound.deviceId()).isEqualTo("alice-tablet");
            assertThat(branch.smsGateway().inbox(ALICES_NUMBER).messages()).hasSize(1);
            assertThat(tablet.login("alice", "alice-demo-pass")).isTrue();
            assertThat(tablet.hasOtp()).isTrue();
            assertThat(tablet.verifyOtp(tablet.otpCode())).isTrue();

            SimulatedApp laptop = branch.phone("alice-laptop");
            laptop.login("alice", "alice-demo-pass");
            String challengeId = laptop.requestBindingApproval("Alice's laptop");
            SimulatedApp phone = branch.phone("alice-phone");
            phone.login("alice", "alice-demo-pass");
            assertThat(phone.pendingBindings()).singleElement()
                    .satisfies(p -> assertThat(p.deviceId()).isEqualTo("alice-laptop"));
            phone.approveBinding(challengeId);

            assertThat(laptop.completeBinding(challengeId).name()).isEqualTo("Alice's laptop");
            assertThat(laptop.verifyOtp(laptop.otpCode())).isTrue();
            assertThatThrownBy(() -> phone.verifyOtp("123456")).as("seeded by the demo data, not enrolled")
                    .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.status()).isEqualTo(409));
            assertThat(phone.boundDevices()).extracting(SimulatedApp.BoundDevice::deviceId)
                    .contains("alice-phone", "alice-tablet", "alice-laptop");
            assertThat(branch.smsGateway().inbox(ALICES_NUMBER).messages()).as("no SMS for an approval").hasSize(1);
            assertThat(branch.moneyInvariantViolations()).isEmpty();
        }
    }
}
