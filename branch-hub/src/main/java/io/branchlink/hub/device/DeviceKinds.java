package io.branchlink.hub.device;

import io.branchlink.protocol.mqtt.DeviceState;
import java.util.List;
import java.util.Optional;

/** What kind of device an id is, as its retained state last reported to the registry. */
public interface DeviceKinds {

    /** @return the kind, or empty for a device that has not reported its state */
    Optional<DeviceState.DeviceKind> kindOf(String deviceId);

    /** The ITMs that are connected now, by device id (an ITM's device id is its terminal id). */
    List<String> onlineItms();
}
