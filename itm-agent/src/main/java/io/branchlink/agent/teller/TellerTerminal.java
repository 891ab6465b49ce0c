package io.branchlink.agent.teller;

import io.branchlink.agent.device.CompletionCode;
import io.branchlink.agent.device.Device;
import io.branchlink.agent.device.Outcome;
import io.branchlink.agent.device.QrFrameDecoder;
import io.branchlink.agent.device.QrScanner;
import io.branchlink.agent.device.ReceiptPrinter.PrintedDocument;
import io.branchlink.agent.device.ReceiptPrinter;
import io.branchlink.agent.link.MqttLink;
import io.branchlink.agent.service.ServiceControlled;
import io.branchlink.agent.service.ServiceSwitch;
import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.DeviceFaulted;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.PrintVoucher;
import io.branchlink.protocol.mqtt.QrScanned;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent of a teller terminal (flow 3, docs/counter-business.md): a scanner loop publishes each QR code held in
 * front of the counter's camera once as {@code qr-scanned}, and {@code print-voucher} commands from the hub are
 * printed once each. It reuses the ITM's MQTT link (presence with a Last Will, retained state of kind
 * {@code TELLER}) and frame decoder.
 *
 * @see io.branchlink.agent.teller.TellerTerminalTests
 */
public final class TellerTerminal implements Closeable, ServiceControlled {

    private static final Logger log = LoggerFactory.getLogger(TellerTerminal.class);
    private static final Duration MIN_FAULT_PAUSE = Duration.ofMillis(200);

    private final TellerConfig config;
    private final QrScanner scanner;
    private final ReceiptPrinter printer;
    private final Clock clock;
    private final MqttLink mqtt;
    private final Thread scanThread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean started = new AtomicBoolean();
    private final ServiceSwitch service;
    private volatile boolean running = true;
    private boolean scannerFaulted;
    private String lastText;
    private Instant lastSeenAt;

    public TellerTerminal(TellerConfig config, QrScanner scanner, ReceiptPrinter printer) {
        this(config, scanner, printer, Clock.systemUTC());
    }

    /** @param clock times events and measures the debounce window */
    public TellerTerminal(TellerConfig config, QrScanner scanner, ReceiptPrinter printer, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.printer = Objects.requireNonNull(printer, "printer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.service = new ServiceSwitch(config.deviceId());
        this.mqtt = new MqttLink(MqttLink.Settings.of(config.mqtt(), config.branchId(), config.deviceId(),
                config.willDelay(), config.maxReconnectDelay()), clock, this::onCommand);
        this.scanThread = new Thread(this::scanLoop, "teller-scanner-" + config.deviceId());
        this.scanThread.setDaemon(true);
    }

    /** Opens the scanner and the printer, connects to the hub in the background and starts the scanner loop. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        for (Device device : List.of(scanner, printer)) {
            Outcome outcome = device.start(Duration.ofSeconds(5));
            if (!outcome.success()) {
                log.warn("device {} did not start: {} {}", device.component(), outcome.code(), outcome.message());
            }
        }
        mqtt.publishState(deviceState());
        mqtt.start();
        scanThread.start();
        log.info("teller terminal started terminal={} branch={}", config.deviceId(), config.branchId());
    }

    public boolean isConnected() {
        return mqtt.isConnected();
    }

    @Override
    public ServiceStatus status() {
        return service.status();
    }

    public TellerConfig config() {
        return config;
    }

    /** Stops the scanner loop, signs off MQTT ({@code offline} published) and closes the devices. */
    @Override
    public void close() {
        running = false;
        stopped.countDown();
        scanThread.interrupt();
        try {
            scanThread.join(config.frameTimeout().plusSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mqtt.close();
        scanner.close();
        printer.close();
        log.info("teller terminal stopped terminal={}", config.deviceId());
    }

    private void scanLoop() {
        while (running) {
            QrScanner.FrameResult result;
            try {
                result = scanner.captureFrame(config.frameTimeout());
            } catch (RuntimeException e) {
                scannerFault(Outcome.of(CompletionCode.HARDWARE_ERROR, "E-SCANNER", e.getClass().getSimpleName()));
                pause();
                continue;
            }
            if (!running) {
                return;
            }
            if (result.frame() == null) {
                if (result.outcome().code() != CompletionCode.TIMEOUT) {
                    scannerFault(result.outcome());
                    pause();
                }
                continue;
            }
            scannerFaulted = false;
            try {
                handleFrame(result);
            } catch (RuntimeException e) {
                log.warn("frame handling failed: {}", e.getClass().getName());
            }
        }
    }

    private void handleFrame(QrScanner.FrameResult result) {
        Optional<String> decoded = QrFrameDecoder.decode(result.frame());
        if (decoded.isEmpty()) {
            log.debug("frame without a readable code");
            return;
        }
        String text = decoded.get();
        Instant now = clock.instant();
        boolean repeat = text.equals(lastText) && Duration.between(lastSeenAt, now).compareTo(config.debounce()) < 0;
        if (repeat) {
            lastSeenAt = now;
            log.debug("same code still in front of the scanner");
            return;
        }
        if (service.status() != ServiceStatus.IN_SERVICE) {
            log.info("code scanned while out of service, not sent chars={}", text.length());
            return;
        }
        QrScanned event;
        try {
            event = QrScanned.of(UUID.randomUUID().toString(), text, now);
        } catch (IllegalArgumentException e) {
            log.info("scanned text refused chars={}: {}", text.length(), e.getMessage());
            return;
        }
        if (!mqtt.publishEvent(event)) {
            // not remembered as seen: held up again once the hub is back, the same code is a new scan
            log.warn("qr scanned but not sent, the hub is not connected terminal={} chars={}", config.deviceId(),
                    text.length());
            return;
        }
        lastText = text;
        lastSeenAt = now;
        log.info("qr scanned terminal={} scanId={} chars={}", config.deviceId(), event.scanId(), text.length());
    }

    private void scannerFault(Outcome outcome) {
        if (!scannerFaulted) {
            scannerFaulted = true;
            fault(scanner, outcome);
        }
    }

    private void pause() {
        Duration pause = config.frameTimeout().compareTo(MIN_FAULT_PAUSE) < 0 ? MIN_FAULT_PAUSE
                : config.frameTimeout();
        try {
            stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** On the link's callback thread: the QoS 1 acknowledgement goes only after the document is printed. */
    private void onCommand(Command command) {
        switch (service.take(command)) {
            case REPEAT -> { }
            case SERVICE -> {
                service.apply();
                mqtt.publishState(deviceState());
            }
            case OTHER -> {
                if (command instanceof PrintVoucher voucher) {
                    printVoucher(voucher);
                }
            }
        }
    }

    private void printVoucher(PrintVoucher voucher) {
        Outcome printed = printer.printDocument(new PrintedDocument(voucher.reference(), voucher.contentHash(),
                voucher.pdf()));
        if (printed.success()) {
            log.info("voucher printed terminal={} commandId={} reference={}", config.deviceId(), voucher.commandId(),
                    voucher.reference());
        } else {
            fault(printer, printed);
        }
    }

    private void fault(Device device, Outcome outcome) {
        log.warn("device fault component={} code={} error={} message={}", device.component(), outcome.code(),
                outcome.errorCode(), outcome.message());
        mqtt.publishEvent(DeviceFaulted.of(device.component(), outcome.errorCode() != null ? outcome.errorCode()
                : outcome.code().name(), outcome.message(), clock.instant()));
    }

    private DeviceState deviceState() {
        return DeviceState.of(DeviceState.DeviceKind.TELLER, service.reported(), List.of(), clock.instant());
    }
}
