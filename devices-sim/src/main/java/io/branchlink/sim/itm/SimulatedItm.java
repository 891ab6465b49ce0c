package io.branchlink.sim.itm;

import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.system.AgentConfig;
import io.branchlink.agent.system.ItmAgent;
import io.branchlink.agent.system.ItmDevices;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.device.SimulatedCamera;
import io.branchlink.sim.device.SimulatedCashAcceptor;
import io.branchlink.sim.device.SimulatedCashDispenser;
import io.branchlink.sim.device.SimulatedReceiptPrinter;
import io.branchlink.sim.device.SimulatedScreen;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One ITM built from simulated devices and the real agent, so a test or the demo can play the customer (present a
 * QR code, insert notes, take or leave the cash), cut the power, and count what is physically inside. The devices
 * outlive the agent: after a power cut a new agent starts on the same journal and the same cash.
 */
public class SimulatedItm implements AutoCloseable {

    private final AgentConfig config;
    private final SimulatedCashDispenser dispenser;
    private final SimulatedCashAcceptor acceptor;
    private final SimulatedCamera camera;
    private final SimulatedReceiptPrinter printer;
    private final SimulatedScreen screen;
    private volatile ItmAgent agent;

    public SimulatedItm(AgentConfig config, SimulatedCashDispenser dispenser, SimulatedCashAcceptor acceptor,
            SimulatedCamera camera, SimulatedReceiptPrinter printer, SimulatedScreen screen) {
        this.config = Objects.requireNonNull(config, "config");
        this.dispenser = Objects.requireNonNull(dispenser, "dispenser");
        this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
        this.camera = Objects.requireNonNull(camera, "camera");
        this.printer = Objects.requireNonNull(printer, "printer");
        this.screen = Objects.requireNonNull(screen, "screen");
    }

    /** Starts (or, after {@link #powerCut()}, restarts) the agent on the same journal and devices. */
    public ItmAgent start() {
        return start(Clock.systemUTC(), record -> { });
    }

    /** @param journalListener called after each journal record is on the disk (tests cut the power there) */
    public ItmAgent start(Clock clock, Consumer<JournalRecord> journalListener) {
        ItmAgent started = new ItmAgent(config, devices(), clock, journalListener);
        agent = started;
        started.start();
        return started;
    }

    /** The agent stops dead, as in a power cut: no goodbye to the hub, the journal stays as it is on the disk. */
    public void powerCut() {
        agent.abandon();
    }

    /** The devices behind the agent's ports. */
    public ItmDevices devices() {
        return new ItmDevices(dispenser, acceptor, camera, printer, screen);
    }

    public AgentConfig config() {
        return config;
    }

    public String terminalId() {
        return config.terminalId();
    }

    public ItmAgent agent() {
        return agent;
    }

    public SimulatedCashDispenser dispenser() {
        return dispenser;
    }

    public SimulatedCashAcceptor acceptor() {
        return acceptor;
    }

    public SimulatedCamera camera() {
        return camera;
    }

    public SimulatedReceiptPrinter printer() {
        return printer;
    }

    public SimulatedScreen screen() {
        return screen;
    }

    /** All the cash physically inside the machine: cassettes and bins of the dispenser, and the acceptor's. */
    public Money physicalCash() {
        return dispenser.physicalCash().plus(acceptor.physicalCash());
    }

    @Override
    public void close() {
        if (agent != null) {
            agent.close();
        }
    }
}
