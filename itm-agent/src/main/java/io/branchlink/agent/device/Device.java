package io.branchlink.agent.device;

import java.time.Duration;

/**
 * The lifecycle every device shares, after JavaPOS {@code BaseControl}: {@code open} → {@code claim} →
 * {@code enable} → operate → {@code release} → {@code close}. Operations other than these need an enabled device.
 */
public interface Device {

    /** A short name for logs and fault events, such as {@code CASH_DISPENSER}. */
    String component();

    Outcome open();

    /** Takes exclusive use of the device, waiting at most {@code timeout} for another holder to let go. */
    Outcome claim(Duration timeout);

    Outcome enable();

    Outcome disable();

    Outcome release();

    Outcome close();

    DeviceState state();

    default PowerState powerState() {
        return PowerState.ONLINE;
    }

    /** Opens, claims and enables the device; the first failure stops and is returned. */
    default Outcome start(Duration claimTimeout) {
        Outcome outcome = open();
        if (outcome.success()) {
            outcome = claim(claimTimeout);
        }
        if (outcome.success()) {
            outcome = enable();
        }
        return outcome;
    }
}
