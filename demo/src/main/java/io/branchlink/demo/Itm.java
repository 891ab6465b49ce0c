package io.branchlink.demo;

import io.branchlink.agent.system.AgentConfig;
import io.branchlink.sim.device.SimulatedCamera;
import io.branchlink.sim.device.SimulatedCashAcceptor;
import io.branchlink.sim.device.SimulatedCashDispenser;
import io.branchlink.sim.device.SimulatedReceiptPrinter;
import io.branchlink.sim.device.SimulatedScreen;
import io.branchlink.sim.itm.SimulatedItm;

/**
 * One ITM of the simulated branch: the simulated ITM of devices-sim, configured for this branch's hub (see
 * {@code Branch}).
 */
public final class Itm extends SimulatedItm {

    Itm(AgentConfig config, SimulatedCashDispenser dispenser, SimulatedCashAcceptor acceptor, SimulatedCamera camera,
            SimulatedReceiptPrinter printer, SimulatedScreen screen) {
        super(config, dispenser, acceptor, camera, printer, screen);
    }
}
