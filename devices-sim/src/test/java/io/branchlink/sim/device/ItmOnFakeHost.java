package io.branchlink.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.agent.device.Device;
import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.system.AgentConfig;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.itm.SimulatedItm;
import io.branchlink.testsupport.FakeIsoHost;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.function.Consumer;

/** A simulated ITM wired to a fake ISO host, with short timeouts, for end-to-end tests of the agent. */
final class ItmOnFakeHost extends SimulatedItm {

    static final String KEY_HEX = "2b7e151628aed2a6abf7158809cf4f3c";
    static final Currency CNY = Currency.getInstance("CNY");

    final FakeIsoHost hub;
    final Money initialCash;

    ItmOnFakeHost(FakeIsoHost hub, Path journalDir) {
        super(config(hub, journalDir), SimulatedCashDispenser.cny(50, 50), SimulatedCashAcceptor.cny(),
                new SimulatedCamera(11), new SimulatedReceiptPrinter(), new SimulatedScreen());
        this.hub = hub;
        this.initialCash = dispenser().physicalCash();
    }

    static AgentConfig config(FakeIsoHost hub, Path journalDir) {
        return AgentConfig.builder("ITM00101", "BR001", KEY_HEX)
                .hub("127.0.0.1", hub.port())
                .journalDir(journalDir)
                .hostTimeout(Duration.ofMillis(500))
                .reversalWait(Duration.ofSeconds(3))
                .reversalRetry(Duration.ofMillis(20), Duration.ofMillis(200))
                .reconnectDelay(Duration.ofMillis(50))
                .scanTimeout(Duration.ofMillis(200))
                .build();
    }

    /** Powers the agent up (again): devices are power-cycled, their cash stays where it physically is. */
    ItmOnFakeHost powerOn(Consumer<JournalRecord> journalListener) {
        devices().all().forEach(Device::close);
        start(Clock.systemUTC(), journalListener);
        assertThat(agent().awaitHostReady(Duration.ofSeconds(5))).isTrue();
        return this;
    }

    ItmOnFakeHost powerOn() {
        return powerOn(r -> { });
    }

    /** Cash that left the dispenser equals what the host's ledger says was withdrawn. */
    void assertDispenserMatchesHost() {
        Money left = initialCash.minus(dispenser().physicalCash());
        assertThat(left).as("cash out of the machine vs host ledger")
                .isEqualTo(hub.net(TransactionKind.WITHDRAWAL, CNY));
        assertThat(dispenser().deliveredToCustomers()).isEqualTo(left);
    }
}
