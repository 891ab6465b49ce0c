package io.branchlink.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.agent.device.Device;
import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.system.AgentConfig;
import io.branchlink.agent.system.ItmAgent;
import io.branchlink.agent.system.ItmDevices;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.branchlink.testsupport.FakeIsoHost;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.function.Consumer;

/** One ITM built from simulated devices and the real agent, wired to a fake ISO host, for end-to-end tests. */
final class SimulatedItm implements AutoCloseable {

    static final String KEY_HEX = "2b7e151628aed2a6abf7158809cf4f3c";
    static final Currency CNY = Currency.getInstance("CNY");

    final SimulatedCashDispenser dispenser = SimulatedCashDispenser.cny(50, 50);
    final SimulatedCashAcceptor acceptor = SimulatedCashAcceptor.cny();
    final SimulatedCamera camera = new SimulatedCamera(11);
    final SimulatedReceiptPrinter printer = new SimulatedReceiptPrinter();
    final SimulatedScreen screen = new SimulatedScreen();
    final Money initialCash = dispenser.physicalCash();
    final FakeIsoHost hub;
    final Path journalDir;
    ItmAgent agent;

    SimulatedItm(FakeIsoHost hub, Path journalDir) {
        this.hub = hub;
        this.journalDir = journalDir;
    }

    AgentConfig config() {
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

    ItmDevices devices() {
        return new ItmDevices(dispenser, acceptor, camera, printer, screen);
    }

    /** Powers the agent up (again): devices are power-cycled, their cash stays where it physically is. */
    SimulatedItm powerOn(Consumer<JournalRecord> journalListener) {
        devices().all().forEach(Device::close);
        agent = new ItmAgent(config(), devices(), Clock.systemUTC(), journalListener);
        agent.start();
        assertThat(agent.awaitHostReady(Duration.ofSeconds(5))).isTrue();
        return this;
    }

    SimulatedItm powerOn() {
        return powerOn(r -> { });
    }

    /** Cash that left the dispenser equals what the host's ledger says was withdrawn. */
    void assertDispenserMatchesHost() {
        Money left = initialCash.minus(dispenser.physicalCash());
        assertThat(left).as("cash out of the machine vs host ledger")
                .isEqualTo(hub.net(TransactionKind.WITHDRAWAL, CNY));
        assertThat(dispenser.deliveredToCustomers()).isEqualTo(left);
    }

    @Override
    public void close() {
        if (agent != null) {
            agent.close();
        }
    }
}
