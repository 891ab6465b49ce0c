package io.branchlink.agent.device;

/** How a device operation ended, after the XFS4IoT {@code CompletionCodeEnum}. */
public enum CompletionCode {
    /** Done as asked. */
    SUCCESS,
    /** Done in part: fewer notes than asked were moved (a jam or an empty cassette mid-operation). */
    PARTIAL,
    /** The operation waited for the customer or the hardware and the time ran out. */
    TIMEOUT,
    /** The hardware failed; the device error code says how. */
    HARDWARE_ERROR,
    /** The request cannot be carried out as given, for example an amount no note mix can make. */
    INVALID_DATA,
    /** The device is not in a state that allows the operation (not enabled, or nothing to act on). */
    SEQUENCE_ERROR
}
