package io.branchlink.hub.fleet;

import io.branchlink.hub.device.DeviceRecord;
import io.branchlink.hub.device.DeviceReported;
import io.branchlink.hub.device.Devices;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Cash per cassette as the Prometheus gauge {@code branchlink_hub_cash_notes{device,cassette,denomination}}, read
 * from the shared registry at each scrape. A gauge is registered when a device first reports a cassette (at start
 * for those already in the registry); the denomination label is the currency and the major amount, such as
 * {@code CNY 100.00}.
 */
@Component
class FleetMetrics implements MeterBinder {

    static final String CASH_NOTES = "branchlink.hub.cash.notes";

    private final Devices devices;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private volatile MeterRegistry meters;

    FleetMetrics(Devices devices) {
        this.devices = devices;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.meters = registry;
        devices.all().forEach(this::register);
    }

    @EventListener
    void deviceReported(DeviceReported reported) {
        devices.find(reported.deviceId()).ifPresent(this::register);
    }

    private void register(DeviceRecord device) {
        MeterRegistry registry = meters;
        if (registry == null) {
            return;
        }
        for (DeviceRecord.CashUnitView unit : device.cashUnits()) {
            String denomination = label(unit.denomination());
            String key = device.deviceId() + '\u0000' + unit.unitId() + '\u0000' + denomination;
            if (registered.add(key)) {
                String deviceId = device.deviceId();
                String unitId = unit.unitId();
                Gauge.builder(CASH_NOTES, devices, d -> count(d, deviceId, unitId))
                        .description("Notes in an ITM's cassette, as last reported")
                        .tag("device", deviceId)
                        .tag("cassette", unitId)
                        .tag("denomination", denomination)
                        .strongReference(true)
                        .register(registry);
            }
        }
    }

    private static double count(Devices devices, String deviceId, String unitId) {
        return devices.find(deviceId).stream()
                .flatMap(device -> device.cashUnits().stream())
                .filter(unit -> unit.unitId().equals(unitId))
                .mapToDouble(DeviceRecord.CashUnitView::count)
                .findFirst()
                .orElse(Double.NaN);
    }

    static String label(DeviceRecord.Amount amount) {
        int digits = Currency.getInstance(amount.currency()).getDefaultFractionDigits();
        return amount.currency() + " " + BigDecimal.valueOf(amount.minorUnits(), Math.max(0, digits)).toPlainString();
    }
}
