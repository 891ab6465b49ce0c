package io.branchlink.hub.device;

import io.branchlink.protocol.mqtt.DeviceState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The fleet as Prometheus gauges, read from the shared registry at each scrape: devices online, and devices by
 * last reported status ({@code UNKNOWN} before a device reports any); the faults counter lives with
 * {@link DeviceRegistry}.
 */
@Component
class DeviceMetrics implements MeterBinder {

    static final String UNKNOWN = "UNKNOWN";

    private final DeviceRegistry registry;

    DeviceMetrics(DeviceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("branchlink.hub.devices.online", registry, r -> count(DeviceRecord::online))
                .description("Devices of the branch that are connected to the broker")
                .strongReference(true)
                .register(meters);
        Stream.concat(Arrays.stream(DeviceState.Status.values()).map(Enum::name), Stream.of(UNKNOWN))
                .forEach(status -> Gauge.builder("branchlink.hub.devices", registry,
                                r -> count(device -> status.equals(statusOf(device))))
                        .description("Devices of the branch by last reported status")
                        .tag("status", status)
                        .strongReference(true)
                        .register(meters));
    }

    private double count(Predicate<DeviceRecord> which) {
        return registry.all().stream().filter(which).count();
    }

    private static String statusOf(DeviceRecord device) {
        return device.status() == null ? UNKNOWN : device.status().name();
    }
}
