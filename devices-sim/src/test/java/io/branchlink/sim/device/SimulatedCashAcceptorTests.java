package io.branchlink.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.agent.device.CompletionCode;
import io.branchlink.agent.device.NoteMix;
import io.branchlink.protocol.money.Money;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedCashAcceptorTests {

    SimulatedCashAcceptor acceptor;

    @BeforeEach
    void open() {
        acceptor = SimulatedCashAcceptor.cny();
        assertThat(acceptor.start(Duration.ofSeconds(1)).success()).isTrue();
    }

    @Test
    void countsGenuineNotesIntoEscrowAndHandsBackSuspectOnes() {
        acceptor.insert(NoteMix.ofMajor("CNY", 100, 2, 50, 1), 2);
        acceptor.cashInStart();
        var counted = acceptor.count();
        assertThat(counted.accepted().total()).isEqualTo(Money.parse("250", "CNY"));
        assertThat(counted.suspectNotesReturned()).isEqualTo(2);
        assertThat(acceptor.escrow().total()).isEqualTo(Money.parse("250", "CNY"));
    }

    @Test
    void storesEscrowIntoTheCassettes() {
        acceptor.insert(NoteMix.ofMajor("CNY", 100, 3), 0).cashInStart();
        acceptor.count();
        assertThat(acceptor.store().stored().total()).isEqualTo(Money.parse("300", "CNY"));
        assertThat(acceptor.storedTotal()).isEqualTo(Money.parse("300", "CNY"));
        assertThat(acceptor.escrow().isEmpty()).isTrue();
    }

    @Test
    void aJamOnStoreKeepsTheNotesInside() {
        acceptor.insert(NoteMix.ofMajor("CNY", 100, 3), 0).cashInStart();
        acceptor.count();
        acceptor.jamOnNextStore();
        var store = acceptor.store();
        assertThat(store.outcome().code()).isEqualTo(CompletionCode.HARDWARE_ERROR);
        assertThat(acceptor.jammed().total()).isEqualTo(Money.parse("300", "CNY"));
        assertThat(acceptor.physicalCash()).isEqualTo(Money.parse("300", "CNY"));
        assertThat(acceptor.storedTotal()).isEqualTo(Money.parse("0", "CNY"));
    }

    @Test
    void rollsBackOrFailsToAndThenKeepsTheEscrow() {
        acceptor.insert(NoteMix.ofMajor("CNY", 50, 2), 0).cashInStart();
        acceptor.count();
        acceptor.failNextRollback();
        assertThat(acceptor.rollback().outcome().success()).isFalse();
        assertThat(acceptor.escrow().total()).isEqualTo(Money.parse("100", "CNY"));
        assertThat(acceptor.rollback().returned().total()).isEqualTo(Money.parse("100", "CNY"));
        assertThat(acceptor.returnedToCustomers().total()).isEqualTo(Money.parse("100", "CNY"));
        assertThat(acceptor.physicalCash().minorUnits()).isZero();
    }
}
