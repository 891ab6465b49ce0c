package io.branchlink.demo;

import io.branchlink.agent.teller.TellerConfig;
import io.branchlink.agent.teller.TellerTerminal;
import io.branchlink.sim.device.SimulatedCamera;
import io.branchlink.sim.device.SimulatedReceiptPrinter;

/**
 * One counter of the simulated branch: the teller terminal's agent with its simulated scanner camera and voucher
 * printer, so a test or the demo can play the customer holding a phone up to the scanner and look at what was
 * printed.
 */
public final class TellerCounter implements AutoCloseable {

    private final TellerConfig config;
    private final SimulatedCamera camera;
    private final SimulatedReceiptPrinter printer;
    private volatile TellerTerminal terminal;

    TellerCounter(TellerConfig config, SimulatedCamera camera, SimulatedReceiptPrinter printer) {
        this.config = config;
        this.camera = camera;
        this.printer = printer;
    }

    /** Starts the terminal's agent: it connects to the hub's broker and starts reading its scanner. */
    public TellerTerminal start() {
        TellerTerminal started = new TellerTerminal(config, camera, printer);
        started.start();
        terminal = started;
        return started;
    }

    public String terminalId() {
        return config.deviceId();
    }

    public TellerTerminal terminal() {
        return terminal;
    }

    /** The scanner: {@code camera().present(qrText)} is the customer holding the phone up to it. */
    public SimulatedCamera camera() {
        return camera;
    }

    /** The voucher printer; {@code printer().documents()} is what it printed. */
    public SimulatedReceiptPrinter printer() {
        return printer;
    }

    @Override
    public void close() {
        if (terminal != null) {
            terminal.close();
        }
    }
}
