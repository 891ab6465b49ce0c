package io.branchlink.agent.device;

/** The state of a device as the agent sees it, after JavaPOS {@code getState}: closed, idle, busy or in error. */
public enum DeviceState {
    CLOSED,
    IDLE,
    BUSY,
    ERROR
}
