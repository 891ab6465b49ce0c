package io.branchlink.sim.device;

/**
 * Thrown by a simulated device when a scripted power cut hits in the middle of an operation. It is an {@link Error}
 * so that nothing in the agent catches it: the agent object is dead, as it would be, and only the disk and the
 * devices' physical state remain.
 */
public final class SimulatedPowerLoss extends Error {

    public SimulatedPowerLoss(String where) {
        super("power lost " + where, null, false, false);
    }
}
