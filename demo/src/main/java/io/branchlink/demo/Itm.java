package io.branchlink.demo;

import io.branchlink.agent.system.AgentConfig;
import io.branchlink.agent.system.ItmAgent;
import io.branchlink.agent.system.ItmDevices;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.device.SimulatedCamera;
import io.branchlink.sim.device.SimulatedCashAcceptor;
import io.branchlink.sim.device.SimulatedCashDispenser;
import io.branchlink.sim.device.SimulatedReceiptPrinter;
import io.branchlink.sim.device.SimulatedScreen;

/**
 * One ITM of the simulated branch: its agent and the simulated devices it drives, so a test or the demo can play
 * the customer (present a QR code, insert notes, take or leave the cash) and count what is physically inside.
 */
public final class Itm implements AutoCloseable {

    private final String terminalId;
    private final AgentConfig config;
    private final SimulatedCashDispenser dispenser;
    private final SimulatedCashAcceptor acceptor;
    private final SimulatedCamera camera;
    private final SimulatedReceiptPrinter printer;
    private final SimulatedScreen screen;
    private volatile ItmAgent agent;

    Itm(AgentConfig config, SimulatedCashDispenser dispenser, SimulatedCashAcceptor acceptor, SimulatedCamera camera,
            SimulatedReceiptPrinter printer, SimulatedScreen screen) {
        this.terminalId = config.terminalId();
        this.config = config;
        this.dispenser = dispenser;
        this.acceptor = acceptor;
        this.camera = camera;
        this.printer = printer;
        this.screen = screen;
    }

    /** Starts (or, after {@link #powerCut()}, restarts) the agent on the same journal and devices. */
    public ItmAgent start() {
        ItmAgent started = new ItmAgent(config, new ItmDevices(dispenser, acceptor, camera, printer, screen));
        started.start();
        agent = started;
        return started;
    }

    /** The agent stops dead, as in a power cut: no goodbye to the hub, the journal stays as it is on the disk. */
    public void powerCut() {
        agent.abandon();
    }

    public String terminalId() {
        return terminalId;
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
