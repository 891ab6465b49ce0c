package io.branchlink.agent.device;

import java.time.Duration;

/**
 * The lifecycle bookkeeping of a {@link Device}, so that each implementation only writes its operations; {@link
 * #requireEnabled()} gives the {@code SEQUENCE_ERROR} outcome an operation returns when the device is not enabled.
 */
public abstract class AbstractDevice implements Device {

    /** Where a device is in its lifecycle. */
    protected enum Lifecycle { CLOSED, OPEN, CLAIMED, ENABLED }

    private Lifecycle lifecycle = Lifecycle.CLOSED;
    private DeviceState state = DeviceState.CLOSED;

    @Override
    public synchronized Outcome open() {
        if (lifecycle != Lifecycle.CLOSED) {
            return sequenceError("already open");
        }
        lifecycle = Lifecycle.OPEN;
        state = DeviceState.IDLE;
        return Outcome.ok();
    }

    @Override
    public synchronized Outcome claim(Duration timeout) {
        if (lifecycle != Lifecycle.OPEN) {
            return sequenceError("claim needs an open, unclaimed device");
        }
        lifecycle = Lifecycle.CLAIMED;
        return Outcome.ok();
    }

    @Override
    public synchronized Outcome enable() {
        if (lifecycle == Lifecycle.ENABLED) {
            return Outcome.ok();
        }
        if (lifecycle != Lifecycle.CLAIMED) {
            return sequenceError("enable needs a claimed device");
        }
        lifecycle = Lifecycle.ENABLED;
        return Outcome.ok();
    }

    @Override
    public synchronized Outcome disable() {
        if (lifecycle == Lifecycle.ENABLED) {
            lifecycle = Lifecycle.CLAIMED;
        }
        return Outcome.ok();
    }

    @Override
    public synchronized Outcome release() {
        if (lifecycle == Lifecycle.ENABLED || lifecycle == Lifecycle.CLAIMED) {
            lifecycle = Lifecycle.OPEN;
        }
        return Outcome.ok();
    }

    @Override
    public synchronized Outcome close() {
        lifecycle = Lifecycle.CLOSED;
        state = DeviceState.CLOSED;
        return Outcome.ok();
    }

    @Override
    public synchronized DeviceState state() {
        return state;
    }

    protected synchronized Lifecycle lifecycle() {
        return lifecycle;
    }

    protected synchronized void setState(DeviceState state) {
        this.state = state;
    }

    /** Empty when the device is enabled, otherwise the sequence-error outcome to return. */
    protected synchronized java.util.Optional<Outcome> requireEnabled() {
        return lifecycle == Lifecycle.ENABLED ? java.util.Optional.empty()
                : java.util.Optional.of(sequenceError(component() + " is not enabled"));
    }

    protected static Outcome sequenceError(String message) {
        return Outcome.of(CompletionCode.SEQUENCE_ERROR, "SEQUENCE", message);
    }
}
