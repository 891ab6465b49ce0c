package io.branchlink.channel.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskDecision.Outcome;
import io.branchlink.channel.risk.RiskDecision.StepUpFactor;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskLocation;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.risk.RiskSignals;
import io.branchlink.protocol.money.Money;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** Each default rule, with a case that triggers it and one that does not (the nearest miss). */
class RiskDefaultRulesTests {

    /** 10:00 in Shanghai, a Monday: no night rule. */
    static final Instant DAY = Instant.parse("2026-03-02T02:00:00Z");
    /** 02:00 in Shanghai. */
    static final Instant NIGHT = Instant.parse("2026-03-01T18:00:00Z");
    static final RiskLocation NEAR_BRANCH = new RiskLocation(31.2400, 121.4800, "B-SH");
    static final RiskLocation BEIJING_PHONE_AT_SHANGHAI_BRANCH = new RiskLocation(39.9042, 116.4074, "B-SH");

    static RuleSet rules;

    private final FeatureState state = RiskFeatureStateTests.newState();
    private final UUID customer = UUID.randomUUID();

    @BeforeAll
    static void loadDefaultRules() throws IOException, RuleSetLoader.RefusedException {
        rules = new RuleSetLoader(FeatureCatalogue.standard()).load(
                new ClassPathResource(CelRiskRules.DEFAULT_RULES).getInputStream().readAllBytes(), "default",
                Instant.EPOCH);
    }

    private Request ask(RiskAction action, String amount) {
        return new Request(action, amount);
    }

    /** A request being built; the customer's phone is "phone-1" unless another is named. */
    final class Request {
        RiskAction action;
        String amount;
        String device = "phone-1";
        String counterparty;
        RiskLocation location;
        Integer age;
        UUID who = customer;
        RiskChannel channel = RiskChannel.APP;
        RiskSignals signals = RiskSignals.NONE;

        Request(RiskAction action, String amount) {
            this.action = action;
            this.amount = amount;
        }

        Request device(String value) {
            device = value;
            return this;
        }

        Request to(String value) {
            counterparty = value;
            return this;
        }

        Request at(RiskLocation value) {
            location = value;
            return this;
        }

        Request age(int value) {
            age = value;
            return this;
        }

        Request by(UUID value) {
            who = value;
            return this;
        }

        Request on(RiskChannel value) {
            channel = value;
            return this;
        }

        Request reporting(RiskSignals value) {
            signals = value;
            return this;
        }

        RuleSet.Verdict decide(Instant now) {
            RiskRequest request = new RiskRequest(action, who, device, null,
                    amount == null ? null : Money.parse(amount, "CNY"), counterparty, location, channel, age, signals);
            return rules.evaluate(state.features(request, now));
        }

        void happened(Instant at) {
            state.record(new RiskEvent(at, action, who, device, null,
                    amount == null ? null : Money.parse(amount, "CNY"), counterparty, location, channel));
        }
    }

    private void usualPhone() {
        ask(RiskAction.LOGIN, null).happened(DAY.minus(Duration.ofDays(40)));
    }

    /** phone-1 used on three days spanning ten, the last 30 days ago: trusted. */
    private void trustedPhone() {
        for (int days : new int[] {40, 35, 30}) {
            ask(RiskAction.LOGIN, null).happened(DAY.minus(Duration.ofDays(days)));
        }
    }

    /** Cash collected at NEAR_BRANCH on {@code days} different days of the last month. */
    private void usualBranch(int days) {
        for (int i = 1; i <= days; i++) {
            ask(RiskAction.REDEMPTION, "200.00").device("itm-1").at(NEAR_BRANCH)
                    .happened(DAY.minus(Duration.ofDays(7L * i)));
        }
    }

    private static void decidedBy(RuleSet.Verdict verdict, String ruleId, Outcome outcome) {
        assertThat(verdict.outcome()).isEqualTo(outcome);
        assertThat(verdict.reasons()).isNotEmpty();
        assertThat(verdict.reasons().get(0).ruleId()).isEqualTo(ruleId);
        assertThat(verdict.reasons().get(0).description()).isNotBlank();
        assertThat(verdict.reasons().get(0).features()).isNotEmpty().doesNotContainValue(null);
    }

    private static void notMatched(RuleSet.Verdict verdict, String ruleId) {
        assertThat(verdict.reasons()).extracting(r -> r.ruleId()).doesNotContain(ruleId);
    }

    @Test
    void aUsualActionIsAllowedWithoutReasons() {
        usualPhone();
        RuleSet.Verdict verdict = ask(RiskAction.CARDLESS_WITHDRAWAL, "500.00").at(NEAR_BRANCH).decide(DAY);
        assertThat(verdict.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(verdict.reasons()).isEmpty();
        assertThat(verdict.factors()).isEmpty();
    }

    @Nested
    class AccountTakeover {

        @Test
        void cashOutAboveTheLimitSoonAfterAPhoneChangeIsDenied() {
            usualPhone();
            ask(RiskAction.PHONE_CHANGE, null).happened(DAY.minus(Duration.ofHours(3)));
            decidedBy(ask(RiskAction.CARDLESS_WITHDRAWAL, "1500.00").decide(DAY), "ato-cooloff-cash-out",
                    Outcome.DENY);
        }

        @Test
        void cashOutAfterTheCoolOffIsNot() {
            usualPhone();
            ask(RiskAction.PHONE_CHANGE, null).happened(DAY.minus(Duration.ofHours(25)));
            notMatched(ask(RiskAction.CARDLESS_WITHDRAWAL, "1500.00").decide(DAY), "ato-cooloff-cash-out");
        }

        @Test
        void aLargePaymentToANewPayeeSoonAfterAPhoneBindingIsDenied() {
            usualPhone();
            ask(RiskAction.DEVICE_BINDING, null).device("phone-2").happened(DAY.minus(Duration.ofHours(2)));
            decidedBy(ask(RiskAction.TRANSFER, "1500.00").device("phone-2").to("new-payee").decide(DAY),
                    "ato-cooloff-new-payee", Outcome.DENY);
        }

        @Test
        void aPayeePaidBeforeOrASmallAmountIsNotDeniedInTheCoolOff() {
            usualPhone();
            ask(RiskAction.TRANSFER, "300.00").to("landlord").happened(DAY.minus(Duration.ofDays(20)));
            ask(RiskAction.PHONE_CHANGE, null).happened(DAY.minus(Duration.ofHours(2)));
            notMatched(ask(RiskAction.TRANSFER, "1500.00").to("landlord").decide(DAY), "ato-cooloff-new-payee");
            notMatched(ask(RiskAction.TRANSFER, "1000.00").to("new-payee").decide(DAY), "ato-cooloff-new-payee");
        }

        @Test
        void bindingAnotherPhoneSoonAfterAPhoneChangeStepsUp() {
            usualPhone();
            ask(RiskAction.PHONE_CHANGE, null).happened(DAY.minus(Duration.ofHours(1)));
            RuleSet.Verdict verdict = ask(RiskAction.DEVICE_BINDING, null).device("phone-2").decide(DAY);
            decidedBy(verdict, "ato-phone-change-then-new-device", Outcome.STEP_UP);
            assertThat(verdict.factors()).containsExactly(StepUpFactor.SOFT_OTP, StepUpFactor.BIOMETRIC);
        }

        @Test
        void bindingAPhoneWithoutAPhoneChangeDoesNot() {
            usualPhone();
            notMatched(ask(RiskAction.DEVICE_BINDING, null).device("phone-2").decide(DAY),
                    "ato-phone-change-then-new-device");
        }

        @Test
        void aLargeAmountFromANewPhoneStepsUp() {
            usualPhone();
            decidedBy(ask(RiskAction.TRANSFER, "1000.00").device("phone-2").to("payee-1").decide(DAY),
                    "ato-new-device-large-amount", Outcome.STEP_UP);
        }

        @Test
        void aRedemptionOrDepositAtTheItmIsNotSteppedUpForTheDevice() {
            usualPhone();
            notMatched(ask(RiskAction.REDEMPTION, "5000.00").device("itm-7").on(RiskChannel.ITM).decide(DAY),
                    "ato-new-device-large-amount");
            notMatched(ask(RiskAction.CARDLESS_DEPOSIT, "5000.00").device("itm-7").on(RiskChannel.ITM).decide(DAY),
                    "ato-new-device-large-amount");
        }

        @Test
        void aSmallAmountFromANewPhoneDoesNot() {
            usualPhone();
            notMatched(ask(RiskAction.TRANSFER, "999.00").device("phone-2").to("payee-1").decide(DAY),
                    "ato-new-device-large-amount");
        }
    }

    @Nested
    class DeviceIntegrity {

        @Test
        void anAppOnAnEmulatorIsDenied() {
            usualPhone();
            decidedBy(ask(RiskAction.LOGIN, null).reporting(RiskSignals.device(false, true)).decide(DAY),
                    "device-emulator", Outcome.DENY);
        }

        @Test
        void anAppThatFoundNoEmulatorOrDidNotCheckIsNot() {
            usualPhone();
            notMatched(ask(RiskAction.LOGIN, null).reporting(RiskSignals.device(true, false)).decide(DAY),
                    "device-emulator");
            notMatched(ask(RiskAction.LOGIN, null).decide(DAY), "device-emulator");
        }

        @Test
        void aLargeAmountFromARootedPhoneNeedsTheBiometricFactor() {
            usualPhone();
            RuleSet.Verdict verdict = ask(RiskAction.CARDLESS_WITHDRAWAL, "1000.00")
                    .reporting(RiskSignals.device(true, false)).decide(DAY);
            decidedBy(verdict, "rooted-device-large-amount", Outcome.STEP_UP);
            assertThat(verdict.factors()).containsExactly(StepUpFactor.BIOMETRIC);
        }

        @Test
        void aSmallAmountFromARootedPhoneIsNotSteppedUp() {
            usualPhone();
            notMatched(ask(RiskAction.CARDLESS_WITHDRAWAL, "999.00").reporting(RiskSignals.device(true, false))
                    .decide(DAY), "rooted-device-large-amount");
        }
    }

    @Nested
    class RemoteCashOut {

        @Test
        void aPhoneFarFromTheBranchIsDenied() {
            usualPhone();
            decidedBy(ask(RiskAction.CARDLESS_WITHDRAWAL, "300.00").at(BEIJING_PHONE_AT_SHANGHAI_BRANCH).decide(DAY),
                    "remote-cash-out", Outcome.DENY);
        }

        @Test
        void aPhoneNearTheBranchIsNot() {
            usualPhone();
            notMatched(ask(RiskAction.CARDLESS_WITHDRAWAL, "300.00").at(NEAR_BRANCH).decide(DAY), "remote-cash-out");
        }
    }

    @Nested
    class Velocity {

        @Test
        void aBurstOfWithdrawalsStepsUp() {
            usualPhone();
            for (int i = 3; i > 0; i--) {
                ask(RiskAction.CARDLESS_WITHDRAWAL, "100.00").happened(DAY.minus(Duration.ofMinutes(10L * i)));
            }
            decidedBy(ask(RiskAction.CARDLESS_WITHDRAWAL, "100.00").decide(DAY), "velocity-burst", Outcome.STEP_UP);
        }

        @Test
        void fivePaymentsInFiveMinutesStepUp() {
            usualPhone();
            for (int i = 5; i > 0; i--) {
                ask(RiskAction.TRANSFER, "100.00").to("payee-" + i).happened(DAY.minus(Duration.ofSeconds(50L * i)));
            }
            decidedBy(ask(RiskAction.CARDLESS_WITHDRAWAL, "100.00").decide(DAY), "velocity-burst", Outcome.STEP_UP);
        }

        @Test
        void loginsAndRedemptionsDoNotMakeABurst() {
            usualPhone();
            for (int i = 4; i > 0; i--) {
                ask(RiskAction.LOGIN, null).happened(DAY.minus(Duration.ofMinutes(i)));
            }
            for (int i = 3; i > 0; i--) {
                ask(RiskAction.CARDLESS_WITHDRAWAL, "100.00").happened(DAY.minus(Duration.ofMinutes(10L * i)));
            }
            notMatched(ask(RiskAction.REDEMPTION, "100.00").decide(DAY), "velocity-burst");
            notMatched(ask(RiskAction.CARDLESS_DEPOSIT, null).decide(DAY), "velocity-burst");
        }

        @Test
        void twoWithdrawalsAnHourDoNot() {
            usualPhone();
            ask(RiskAction.CARDLESS_WITHDRAWAL, "100.00").happened(DAY.minus(Duration.ofMinutes(20)));
            ask(RiskAction.CARDLESS_WITHDRAWAL, "100.00").happened(DAY.minus(Duration.ofMinutes(10)));
            notMatched(ask(RiskAction.CARDLESS_WITHDRAWAL, "100.00").decide(DAY), "velocity-burst");
        }

        @Test
        void aPhoneSharedByManyCustomersIsDenied() {
            usualPhone();
            for (int i = 0; i < 3; i++) {
                ask(RiskAction.LOGIN, null).device("shared").by(UUID.randomUUID())
                        .happened(DAY.minus(Duration.ofHours(1)));
            }
            RuleSet.Verdict verdict = ask(RiskAction.LOGIN, null).device("shared").decide(DAY);
            decidedBy(verdict, "velocity-shared-device", Outcome.DENY);
            assertThat(verdict.hold().kinds()).containsExactly(RiskHold.Kind.DEVICE);
        }

        @Test
        void aPhoneSharedByTwoIsNot() {
            usualPhone();
            for (int i = 0; i < 2; i++) {
                ask(RiskAction.LOGIN, null).device("shared").by(UUID.randomUUID())
                        .happened(DAY.minus(Duration.ofHours(1)));
            }
            notMatched(ask(RiskAction.LOGIN, null).device("shared").decide(DAY), "velocity-shared-device");
        }
    }

    @Nested
    class Mules {

        @Test
        void yetAnotherNewPayeeAfterFiveStepsUp() {
            usualPhone();
            for (int i = 0; i < 5; i++) {
                ask(RiskAction.TRANSFER, "50.00").to("payee-" + i).happened(DAY.minus(Duration.ofHours(5 - i)));
            }
            decidedBy(ask(RiskAction.TRANSFER, "50.00").to("payee-new").decide(DAY), "mule-fan-out",
                    Outcome.STEP_UP);
        }

        @Test
        void aKnownPayeeAfterFiveDoesNot() {
            usualPhone();
            for (int i = 0; i < 5; i++) {
                ask(RiskAction.TRANSFER, "50.00").to("payee-" + i).happened(DAY.minus(Duration.ofHours(5 - i)));
            }
            notMatched(ask(RiskAction.TRANSFER, "50.00").to("payee-0").decide(DAY), "mule-fan-out");
        }

        @Test
        void aPayeeManyCustomersPaidTodayIsDenied() {
            usualPhone();
            for (int i = 0; i < 5; i++) {
                ask(RiskAction.TRANSFER, "900.00").by(UUID.randomUUID()).device("phone-x" + i).to("mule")
                        .happened(DAY.minus(Duration.ofHours(2)));
            }
            decidedBy(ask(RiskAction.TRANSFER, "900.00").to("mule").decide(DAY), "mule-fan-in", Outcome.DENY);
        }

        @Test
        void aPayeeFourCustomersPaidIsNot() {
            usualPhone();
            for (int i = 0; i < 4; i++) {
                ask(RiskAction.TRANSFER, "900.00").by(UUID.randomUUID()).device("phone-x" + i).to("mule")
                        .happened(DAY.minus(Duration.ofHours(2)));
            }
            notMatched(ask(RiskAction.TRANSFER, "900.00").to("mule").decide(DAY), "mule-fan-in");
        }
    }

    @Nested
    class ElderCustomers {

        @Test
        void aLargePaymentToANewPayeeStepsUpWithTheSoftOtp() {
            usualPhone();
            RuleSet.Verdict verdict = ask(RiskAction.TRANSFER, "8000.00").to("payee-1").age(72).decide(DAY);
            decidedBy(verdict, "elder-large-new-payee", Outcome.STEP_UP);
            assertThat(verdict.factors()).containsExactly(StepUpFactor.SOFT_OTP);
        }

        @Test
        void theSamePaymentByAYoungerCustomerDoesNot() {
            usualPhone();
            notMatched(ask(RiskAction.TRANSFER, "8000.00").to("payee-1").age(40).decide(DAY),
                    "elder-large-new-payee");
        }

        @Test
        void anUnknownAgeDoesNot() {
            usualPhone();
            notMatched(ask(RiskAction.TRANSFER, "8000.00").to("payee-1").decide(DAY), "elder-large-new-payee");
        }
    }

    @Nested
    class TrustAndNight {

        @Test
        void aTransferFromOneThousandStepsUpUnlessTrusted() {
            usualPhone();
            decidedBy(ask(RiskAction.TRANSFER, "1000.00").to("new-payee").decide(DAY), "second-factor-transfer",
                    Outcome.STEP_UP);
            notMatched(ask(RiskAction.TRANSFER, "999.99").to("new-payee").decide(DAY), "second-factor-transfer");
            notMatched(ask(RiskAction.CARDLESS_WITHDRAWAL, "1000.00").decide(DAY), "second-factor-transfer");
        }

        @Test
        void aTrustedPhonePayingATrustedPayeeSkipsTheSecondFactor() {
            trustedPhone();
            ask(RiskAction.TRANSFER, "300.00").to("landlord").happened(DAY.minus(Duration.ofDays(30)));
            RuleSet.Verdict verdict = ask(RiskAction.TRANSFER, "1500.00").to("landlord").decide(DAY);
            decidedBy(verdict, "trusted-device-trusted-payee", Outcome.ALLOW);
            assertThat(verdict.reasons()).extracting(r -> r.ruleId()).contains("second-factor-transfer");
            assertThat(verdict.skippedSecondFactor()).isTrue();
        }

        @Test
        void aLargeAmountAtNightStepsUp() {
            usualPhone();
            decidedBy(ask(RiskAction.CARDLESS_WITHDRAWAL, "6000.00").decide(NIGHT), "night-large-amount",
                    Outcome.STEP_UP);
        }

        @Test
        void aRedemptionOrDepositAtNightIsNotSteppedUpAtTheItm() {
            usualPhone();
            notMatched(ask(RiskAction.REDEMPTION, "6000.00").on(RiskChannel.ITM).decide(NIGHT), "night-large-amount");
            notMatched(ask(RiskAction.CARDLESS_DEPOSIT, "6000.00").on(RiskChannel.ITM).decide(NIGHT),
                    "night-large-amount");
        }

        @Test
        void theSameAmountByDayDoesNot() {
            usualPhone();
            notMatched(ask(RiskAction.CARDLESS_WITHDRAWAL, "6000.00").decide(DAY), "night-large-amount");
        }

        @Test
        void aTrustedPhonePayingATrustedPayeeIsAllowedAndSkipsTheNightRule() {
            trustedPhone();
            ask(RiskAction.TRANSFER, "100.00").to("landlord").happened(NIGHT.minus(Duration.ofDays(35)));
            RuleSet.Verdict verdict = ask(RiskAction.TRANSFER, "6000.00").to("landlord").decide(NIGHT);
            decidedBy(verdict, "trusted-device-trusted-payee", Outcome.ALLOW);
            assertThat(verdict.trusted()).isTrue();
            assertThat(verdict.reasons()).extracting(r -> r.ruleId()).contains("night-large-amount");
            assertThat(verdict.skippedSecondFactor()).isTrue();
        }

        @Test
        void aTrustedPaymentThatNoLowerRuleStepsUpSkipsNothing() {
            trustedPhone();
            ask(RiskAction.TRANSFER, "100.00").to("landlord").happened(DAY.minus(Duration.ofDays(35)));
            RuleSet.Verdict verdict = ask(RiskAction.TRANSFER, "800.00").to("landlord").decide(DAY);
            decidedBy(verdict, "trusted-device-trusted-payee", Outcome.ALLOW);
            assertThat(verdict.skippedSecondFactor()).isFalse();
        }

        @Test
        void aPhoneUsedOnTwoDaysIsNotTrusted() {
            ask(RiskAction.LOGIN, null).happened(NIGHT.minus(Duration.ofDays(40)));
            ask(RiskAction.TRANSFER, "100.00").to("landlord").happened(NIGHT.minus(Duration.ofDays(20)));
            RuleSet.Verdict verdict = ask(RiskAction.TRANSFER, "6000.00").to("landlord").decide(NIGHT);
            notMatched(verdict, "trusted-device-trusted-payee");
            assertThat(verdict.outcome()).isEqualTo(Outcome.STEP_UP);
            assertThat(verdict.skippedSecondFactor()).isFalse();
        }

        @Test
        void twentyThousandToATrustedPayeeIsNotTrusted() {
            trustedPhone();
            ask(RiskAction.TRANSFER, "100.00").to("landlord").happened(NIGHT.minus(Duration.ofDays(35)));
            notMatched(ask(RiskAction.TRANSFER, "20000.00").to("landlord").decide(NIGHT),
                    "trusted-device-trusted-payee");
        }

        @Test
        void aPayeeLastPaidNinetyDaysAgoIsNotTrusted() {
            ask(RiskAction.TRANSFER, "100.00").to("landlord").happened(NIGHT.minus(Duration.ofDays(90)));
            trustedPhone();
            notMatched(ask(RiskAction.TRANSFER, "6000.00").to("landlord").decide(NIGHT),
                    "trusted-device-trusted-payee");
        }

        @Test
        void aTrustedPhoneStagingAModestWithdrawalAtAUsualBranchIsAllowed() {
            trustedPhone();
            usualBranch(3);
            RuleSet.Verdict verdict = ask(RiskAction.CARDLESS_WITHDRAWAL, "4999.99").at(NEAR_BRANCH).decide(DAY);
            decidedBy(verdict, "trusted-withdrawal-usual-place", Outcome.ALLOW);
            assertThat(verdict.trusted()).isTrue();
        }

        @Test
        void aTrustedPhoneInTheUsualAreaWithoutABranchIsAllowed() {
            trustedPhone();
            usualBranch(3);
            RuleSet.Verdict verdict = ask(RiskAction.CARDLESS_WITHDRAWAL, "800.00")
                    .at(new RiskLocation(NEAR_BRANCH.latitude(), NEAR_BRANCH.longitude(), null)).decide(DAY);
            decidedBy(verdict, "trusted-withdrawal-usual-place", Outcome.ALLOW);
        }

        @Test
        void aBranchUsedOnTwoDaysIsNotUsual() {
            trustedPhone();
            usualBranch(2);
            notMatched(ask(RiskAction.CARDLESS_WITHDRAWAL, "800.00").at(NEAR_BRANCH).decide(DAY),
                    "trusted-withdrawal-usual-place");
        }

        @Test
        void fiveThousandAtAUsualBranchIsNotTrusted() {
            trustedPhone();
            usualBranch(3);
            notMatched(ask(RiskAction.CARDLESS_WITHDRAWAL, "5000.00").at(NEAR_BRANCH).decide(DAY),
                    "trusted-withdrawal-usual-place");
        }
    }
}
