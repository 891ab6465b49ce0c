package io.branchlink.agent.transaction;

import io.branchlink.agent.device.CashAcceptor;
import io.branchlink.agent.device.CashDispenser;
import io.branchlink.agent.device.Device;
import io.branchlink.agent.device.Outcome;
import io.branchlink.agent.device.ReceiptPrinter;
import io.branchlink.agent.device.Screen;
import io.branchlink.agent.journal.Journal;
import io.branchlink.agent.journal.ReversalForwarder;
import io.branchlink.agent.journal.TransactionEndings;
import io.branchlink.agent.link.IsoHostLink;
import io.branchlink.protocol.mqtt.CashUnitsChanged;
import io.branchlink.protocol.mqtt.DeviceEvent;
import io.branchlink.protocol.mqtt.DeviceFaulted;
import io.branchlink.protocol.rc.IsoResponseCodes;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the steps of a customer transaction act on: the journal, the hub link, the devices and the hub's event
 * stream, and the small acts every step shares (show a screen, report a fault).
 *
 * @param events sends a device event to the hub (dropped when the agent runs without MQTT)
 */
public record TransactionServices(TransactionSettings settings, Journal journal, TransactionEndings endings,
        IsoHostLink host, ReversalForwarder forwarder, IsoResponseCodes responseCodes, CashDispenser dispenser,
        CashAcceptor acceptor, Screen screen, ReceiptPrinter printer, Consumer<DeviceEvent> events, Clock clock) {

    private static final Logger log = LoggerFactory.getLogger(TransactionServices.class);

    public TransactionServices {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(endings, "endings");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(forwarder, "forwarder");
        Objects.requireNonNull(responseCodes, "responseCodes");
        Objects.requireNonNull(dispenser, "dispenser");
        Objects.requireNonNull(acceptor, "acceptor");
        Objects.requireNonNull(screen, "screen");
        Objects.requireNonNull(printer, "printer");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(clock, "clock");
    }

    public void show(String screenId, String message, Map<String, String> details) {
        screen.show(new Screen.View(screenId, message, details, clock.instant()));
    }

    /** Logs a device failure and reports it to the hub as {@code device-faulted}. */
    public void fault(Device device, Outcome outcome) {
        log.warn("device fault component={} code={} error={} message={}", device.component(), outcome.code(),
                outcome.errorCode(), outcome.message());
        events.accept(DeviceFaulted.of(device.component(), outcome.errorCode() != null ? outcome.errorCode()
                : outcome.code().name(), outcome.message(), clock.instant()));
    }

    /** Reports the dispenser's cash units after cash moved. */
    public void publishCashUnits() {
        events.accept(CashUnitsChanged.of(dispenser.cashUnits(), clock.instant()));
    }
}
