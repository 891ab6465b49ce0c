package io.branchlink.sim.queue;

import io.branchlink.agent.link.MqttBroker;
import io.branchlink.agent.link.MqttLink;
import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.PrintTicket;
import io.branchlink.protocol.mqtt.QrScanned;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A branch's queue-ticket machine: the customer holds the app's code to its reader ({@link #show}), it publishes
 * the code as {@code qr-scanned}, and prints each {@code print-ticket} command of the hub once (a QoS 1 duplicate
 * is the same command id). What it printed is kept for tests and the demo ({@link #printed}).
 */
public final class SimulatedTicketMachine implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedTicketMachine.class);

    private final String deviceId;
    private final MqttLink mqtt;
    private final Clock clock;
    private final List<PrintTicket> printed = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();

    public SimulatedTicketMachine(MqttBroker broker, String branchId, String deviceId, Clock clock) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mqtt = new MqttLink(MqttLink.Settings.of(broker, branchId, deviceId, Duration.ofSeconds(5),
                Duration.ofSeconds(5)), clock, this::onCommand);
    }

    /** Connects to the hub in the background, with its retained state (kind {@code TICKET_MACHINE}). */
    public void start() {
        mqtt.publishState(DeviceState.of(DeviceState.DeviceKind.TICKET_MACHINE, DeviceState.Status.IN_SERVICE,
                List.of(), clock.instant()));
        mqtt.start();
        log.info("ticket machine started device={}", deviceId);
    }

    public boolean isConnected() {
        return mqtt.isConnected();
    }

    /**
     * The customer holds the app's code to the reader.
     *
     * @return the scan id, which the printed ticket answers; empty when the hub is not connected
     */
    public Optional<String> show(String code) {
        String scanId = UUID.randomUUID().toString();
        waiting.put(scanId, new CountDownLatch(1));
        if (!mqtt.publishEvent(QrScanned.of(scanId, code, clock.instant()))) {
            waiting.remove(scanId);
            return Optional.empty();
        }
        log.info("ticket machine read a code device={} scanId={} chars={}", deviceId, scanId, code.length());
        return Optional.of(scanId);
    }

    /** Shows the code and waits for its ticket; empty when none is printed within {@code timeout}. */
    public Optional<PrintTicket> takeTicket(String code, Duration timeout) throws InterruptedException {
        Optional<String> scanId = show(code);
        if (scanId.isEmpty()) {
            return Optional.empty();
        }
        CountDownLatch latch = waiting.get(scanId.get());
        boolean answered = latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        waiting.remove(scanId.get());
        return answered ? printed.stream().filter(t -> t.scanId().equals(scanId.get())).findFirst()
                : Optional.empty();
    }

    /** Every ticket printed, oldest first. */
    public List<PrintTicket> printed() {
        return List.copyOf(printed);
    }

    @Override
    public void close() {
        mqtt.close();
        log.info("ticket machine stopped device={}", deviceId);
    }

    private void onCommand(Command command) {
        if (!(command instanceof PrintTicket ticket)) {
            log.info("ticket machine ignores command={} device={}", command.getClass().getSimpleName(), deviceId);
            return;
        }
        if (printed.stream().anyMatch(t -> t.commandId().equals(ticket.commandId()))) {
            return;
        }
        printed.add(ticket);
        log.info("ticket printed device={} number={} forms={}", deviceId, ticket.label(), ticket.formsStaged());
        CountDownLatch latch = waiting.get(ticket.scanId());
        if (latch != null) {
            latch.countDown();
        }
    }
}
