package io.branchlink.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.agent.device.CashDispenser.Taken;
import io.branchlink.agent.device.CompletionCode;
import io.branchlink.agent.device.NoteMix;
import io.branchlink.protocol.money.Money;
import java.time.Duration;
import java.util.Currency;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SimulatedCashDispenserTests {

    SimulatedCashDispenser dispenser;

    @BeforeEach
    void open() {
        dispenser = SimulatedCashDispenser.cny(10, 10);
        assertThat(dispenser.start(Duration.ofSeconds(1)).success()).isTrue();
    }

    static Money cny(String amount) {
        return Money.parse(amount, "CNY");
    }

    @Nested
    class Denominate {

        @Test
        void usesTheFewestNotes() {
            assertThat(dispenser.denominate(cny("350")).mix()).isEqualTo(NoteMix.ofMajor("CNY", 100, 3, 50, 1));
        }

        @Test
        void fallsBackToSmallerNotesWhenACassetteRunsLow() {
            SimulatedCashDispenser low = SimulatedCashDispenser.cny(2, 10);
            assertThat(low.denominate(cny("400")).mix()).isEqualTo(NoteMix.ofMajor("CNY", 100, 2, 50, 4));
        }

        @Test
        void refusesAnAmountNoMixCanMake() {
            assertThat(dispenser.denominate(cny("120")).outcome().code()).isEqualTo(CompletionCode.INVALID_DATA);
            assertThat(dispenser.denominate(cny("5000")).outcome().code()).isEqualTo(CompletionCode.INVALID_DATA);
        }
    }

    @Nested
    class CashOut {

        @Test
        void dispensesPresentsAndCountsWhatWasTaken() {
            Money before = dispenser.physicalCash();
            NoteMix mix = dispenser.denominate(cny("250")).mix();
            assertThat(dispenser.dispense(mix).stacked()).isEqualTo(mix);
            assertThat(dispenser.present().presented()).isEqualTo(mix);
            assertThat(dispenser.waitForTaken(Duration.ofSeconds(45)).taken()).isEqualTo(Taken.TAKEN);
            assertThat(dispenser.counters().delivered()).isEqualTo(cny("250"));
            assertThat(dispenser.physicalCash()).isEqualTo(before.minus(cny("250")));
        }

        @Test
        void jamsAfterTheScriptedNumberOfNotes() {
            dispenser.jamAfterNotes(2);
            var result = dispenser.dispense(NoteMix.ofMajor("CNY", 100, 3, 50, 1));
            assertThat(result.outcome().code()).isEqualTo(CompletionCode.PARTIAL);
            assertThat(result.outcome().errorCode()).isEqualTo("E-PICK-JAM");
            assertThat(result.stacked()).isEqualTo(NoteMix.ofMajor("CNY", 100, 2));
            assertThat(dispenser.dispense(NoteMix.ofMajor("CNY", 50, 1)).outcome().success()).isTrue();
        }

        @Test
        void shortDispensesWithoutAJam() {
            dispenser.shortDispense(1);
            var result = dispenser.dispense(NoteMix.ofMajor("CNY", 100, 2));
            assertThat(result.outcome().errorCode()).isEqualTo("E-SHORT-PICK");
            assertThat(result.stacked().total()).isEqualTo(cny("100"));
        }

        @Test
        void retractsCashTheCustomerDidNotTakeAndKeepsItInside() {
            Money before = dispenser.physicalCash();
            dispenser.customerDoesNotTake();
            dispenser.dispense(NoteMix.ofMajor("CNY", 100, 2));
            dispenser.present();
            var taken = dispenser.waitForTaken(Duration.ofSeconds(45));
            assertThat(taken.taken()).isEqualTo(Taken.NOT_TAKEN);
            assertThat(taken.outcome().code()).isEqualTo(CompletionCode.TIMEOUT);
            assertThat(dispenser.retract().moved().total()).isEqualTo(cny("200"));
            assertThat(dispenser.retractBin().total()).isEqualTo(cny("200"));
            assertThat(dispenser.physicalCash()).isEqualTo(before);
            assertThat(dispenser.counters().delivered()).isEqualTo(cny("0"));
        }

        @Test
        void rejectsStackedNotesToTheRejectBin() {
            dispenser.dispense(NoteMix.ofMajor("CNY", 50, 3));
            assertThat(dispenser.reject().moved().total()).isEqualTo(cny("150"));
            assertThat(dispenser.counters().inStacker()).isEqualTo(cny("0"));
            assertThat(dispenser.rejectBin().total()).isEqualTo(cny("150"));
        }

        @Test
        void randomFaultsAreReproducibleFromTheSeed() {
            SimulatedCashDispenser.FaultRates rates = new SimulatedCashDispenser.FaultRates(0.5, 0);
            StringBuilder first = new StringBuilder();
            StringBuilder second = new StringBuilder();
            for (StringBuilder run : new StringBuilder[] {first, second}) {
                SimulatedCashDispenser d = new SimulatedCashDispenser(Currency.getInstance("CNY"),
                        Map.of(10_000L, 100), 42, rates);
                d.start(Duration.ofSeconds(1));
                for (int i = 0; i < 10; i++) {
                    run.append(d.dispense(NoteMix.ofMajor("CNY", 100, 3)).stacked().noteCount());
                    d.reject();
                }
            }
            assertThat(first.toString()).isEqualTo(second.toString()).matches(".*[012].*");
        }
    }

    @Test
    void refusesToOperateBeforeItIsEnabled() {
        SimulatedCashDispenser closed = SimulatedCashDispenser.cny(1, 1);
        assertThat(closed.dispense(NoteMix.ofMajor("CNY", 100, 1)).outcome().code())
                .isEqualTo(CompletionCode.SEQUENCE_ERROR);
    }
}
