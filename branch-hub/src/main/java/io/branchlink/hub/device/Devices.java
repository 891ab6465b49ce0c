package io.branchlink.hub.device;

import java.util.List;
import java.util.Optional;

/** The branch's device registry as other features read it: every device the hub has heard of. */
public interface Devices {

    /** The Hazelcast map holding the registry: device id to the {@link DeviceRecord} as JSON. */
    String MAP = "hub.devices";

    /** Every known device, ordered by id. */
    List<DeviceRecord> all();

    Optional<DeviceRecord> find(String deviceId);
}
