package io.branchlink.agent.device;

/** Whether a device has power and answers, kept apart from {@link DeviceState} as JavaPOS does. */
public enum PowerState {
    ONLINE,
    OFF,
    OFFLINE
}
