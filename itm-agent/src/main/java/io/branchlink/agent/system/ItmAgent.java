package io.branchlink.agent.system;

import io.branchlink.agent.deposit.Deposit;
import io.branchlink.agent.device.Device;
import io.branchlink.agent.device.Outcome;
import io.branchlink.agent.journal.Journal;
import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.journal.JournalRecovery;
import io.branchlink.agent.journal.ReversalForwarder;
import io.branchlink.agent.journal.TransactionEndings;
import io.branchlink.agent.link.IsoHostLink;
import io.branchlink.agent.link.MqttLink;
import io.branchlink.agent.service.ServiceControlled;
import io.branchlink.agent.service.ServiceSwitch;
import io.branchlink.agent.transaction.EndTransaction;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import io.branchlink.agent.transaction.TransactionSettings;
import io.branchlink.agent.withdrawal.Withdrawal;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.mqtt.AuthoriseSession;
import io.branchlink.protocol.mqtt.CashUnitsChanged;
import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.DeviceEvent;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.ResetDevice;
import io.branchlink.protocol.mqtt.SetCashCounts;
import io.branchlink.protocol.mqtt.ShowSessionCode;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenFormatException;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.rc.Irc;
import io.branchlink.protocol.rc.IsoResponseCodes;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ITM agent: wires the journal, the hub links and the devices, recovers the journal on start, reads the
 * customer's QR code ({@link ReadCustomerCode}) and hands the visit to the flow it is for ({@link Withdrawal} or
 * {@link Deposit}), and takes the hub's commands. The other way round, the idle screen shows the session code the hub
 * sent ({@link ClaimedSessions}), and a phone's claim of it comes back as an authorisation that the agent serves with
 * the same flows ({@link #serveClaimedSession}). One customer transaction runs at a time; commands from the hub
 * (service status, reset, reconciled cash counts) take effect between transactions.
 *
 * <p>Tested end to end with simulated devices in devices-sim: {@code io.branchlink.sim.device.ItmAgentEndToEndTests}
 * and {@code AgentRecoveryTests}.
 */
public final class ItmAgent implements Closeable, ServiceControlled {

    private static final Logger log = LoggerFactory.getLogger(ItmAgent.class);
    /** The broker is on the branch's LAN: after a hub restart the ITM is back on MQTT within seconds. */
    private static final Duration MQTT_MAX_RECONNECT_DELAY = Duration.ofSeconds(5);

    private final AgentConfig config;
    private final ItmDevices devices;
    private final Clock clock;
    private final Journal journal;
    private final IsoHostLink host;
    private final ReversalForwarder forwarder;
    private final MqttLink mqtt;
    private final TransactionServices services;
    private final EndTransaction ended;
    private final ReadCustomerCode readCode;
    private final Withdrawal withdrawal;
    private final Deposit deposit;
    private final ReentrantLock transaction = new ReentrantLock();
    private final ServiceSwitch service;
    /** Reset and set-cash-counts commands waiting for the current transaction to end. */
    private final Queue<Command> maintenance = new ConcurrentLinkedQueue<>();
    private final ClaimedSessions sessions;

    public ItmAgent(AgentConfig config, ItmDevices devices) {
        this(config, devices, Clock.systemUTC(), record -> { });
    }

    /**
     * @param journalListener called after each journal record is on the disk (monitoring; tests cut the power there)
     */
    public ItmAgent(AgentConfig config, ItmDevices devices, Clock clock, Consumer<JournalRecord> journalListener) {
        this.config = Objects.requireNonNull(config, "config");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.journal = Journal.open(config.journalDir(), journalListener);
        this.host = new IsoHostLink(new IsoHostLink.Settings(config.hubHost(), config.hubPort(), config.terminalId(),
                config.branchId(), config.macKey(), Duration.ofSeconds(5), config.reconnectDelay(),
                Duration.ofSeconds(5)), journal.stans()::next, clock);
        this.forwarder = new ReversalForwarder(journal,
                advice -> host.reverse(advice, config.hostTimeout()),
                advice -> host.advise(advice, config.hostTimeout()), config.terminalId(), config.branchId(),
                config.reversalRetryMin(), config.reversalRetryMax(), clock, this::reversalSettled);
        this.service = new ServiceSwitch(config.deviceId());
        this.mqtt = config.mqtt() == null ? null
                : new MqttLink(MqttLink.Settings.of(config.mqtt(), config.branchId(), config.deviceId(),
                        Duration.ofSeconds(5), MQTT_MAX_RECONNECT_DELAY), clock, this::onCommand);
        this.services = new TransactionServices(new TransactionSettings(config.terminalId(), config.branchId(),
                config.currency(), config.zone(), config.hostTimeout(), config.cashTakenTimeout(),
                config.confirmTimeout(), config.reversalWait()), journal, new TransactionEndings(journal, clock), host,
                forwarder, IsoResponseCodes.standard(), devices.dispenser(), devices.acceptor(), devices.screen(),
                devices.printer(), this::publish, clock);
        this.ended = new EndTransaction(services);
        this.readCode = new ReadCustomerCode(services, devices.scanner(), config.scanTimeout());
        this.withdrawal = new Withdrawal(services);
        this.deposit = new Deposit(services);
        this.sessions = new ClaimedSessions(clock);
    }

    /**
     * Opens the devices, replays the journal (power-fail recovery) and connects to the hub; returns what recovery
     * did. The links connect in the background: see {@link #awaitHostReady}.
     */
    public List<JournalRecovery.Result> start() {
        for (Device device : devices.all()) {
            Outcome outcome = device.start(Duration.ofSeconds(5));
            if (!outcome.success()) {
                log.warn("device {} did not start: {} {}", device.component(), outcome.code(), outcome.message());
            }
        }
        List<JournalRecovery.Result> recovered =
                new JournalRecovery(journal, devices.dispenser(), devices.acceptor(), clock).recover();
        returnStrayEscrow(recovered);
        host.start();
        forwarder.start();
        if (mqtt != null) {
            mqtt.publishState(deviceState());
            mqtt.start();
        }
        showWelcome();
        return recovered;
    }

    /** Waits until the ISO 8583 link is signed on. */
    public boolean awaitHostReady(Duration timeout) {
        return host.awaitSignedOn(timeout);
    }

    /** Waits until an MQTT connection is up; true at once when the agent runs without MQTT. */
    public boolean isMqttConnected() {
        return mqtt == null || mqtt.isConnected();
    }

    @Override
    public ServiceStatus status() {
        return service.status();
    }

    public Journal journal() {
        return journal;
    }

    /** Waits until the transaction's reversal has its 0430; true when it did within {@code timeout}. */
    public boolean awaitReversalSettled(String txnId, Duration timeout) {
        return forwarder.awaitSettled(txnId, timeout);
    }

    /** Serves the next customer with a withdrawal QR code. */
    public TransactionOutcome runWithdrawal() {
        return serve(TokenType.WITHDRAWAL);
    }

    /** Serves the next customer with a deposit QR code. */
    public TransactionOutcome runDeposit() {
        return serve(TokenType.DEPOSIT);
    }

    /**
     * The customer pressed "cardless": the screen shows the current session code for the app to scan. Returns the
     * code shown, or empty when the hub has sent none that is still valid (the screen then says so).
     */
    public Optional<String> pressCardless() {
        transaction.lock();
        try {
            Optional<ShowSessionCode> code = sessions.current();
            if (code.isPresent()) {
                services.show("SCAN_WITH_APP", "Scan this code with the BranchLink app", sessionDetails(code.get()));
            } else {
                services.show("SESSION_CODE_UNAVAILABLE", "Please show your QR code to the camera instead", Map.of());
            }
            return code.map(ShowSessionCode::code);
        } finally {
            transaction.unlock();
        }
    }

    /** The session code the hub last sent, while it is valid: what the idle screen shows. */
    public Optional<String> sessionCode() {
        return sessions.current().map(ShowSessionCode::code);
    }

    /**
     * Serves the next claimed session: waits up to {@code wait} for the hub's authorisation of a code this ITM
     * showed, then completes it with ISO 8583 exactly as if the camera had read the token (0200, 0210, dispense or
     * count, 0420 on any failure). An authorisation that expired while queued is not sent; its hold is released by
     * channel-api when the token expires.
     *
     * @return the outcome, or empty when no authorisation came in time
     */
    public Optional<TransactionOutcome> serveClaimedSession(Duration wait) {
        Optional<AuthoriseSession> next = sessions.next(wait);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        AuthoriseSession authorisation = next.get();
        TransactionKind kind = TransactionKind.valueOf(authorisation.kind());
        transaction.lock();
        try {
            if (service.status() == ServiceStatus.OUT_OF_SERVICE) {
                services.show("OUT_OF_SERVICE", "This machine is temporarily out of service", Map.of());
                return Optional.of(TransactionOutcome.of(TransactionEnd.rejected(kind, Irc.SYSTEM_ERROR,
                        "OUT_OF_SERVICE")));
            }
            if (!authorisation.expiresAt().isAfter(clock.instant())) {
                log.info("claimed session expired before it was served session={}",
                        authorisation.sessionId().substring(0, 8));
                services.show("SESSION_EXPIRED", "This request has expired. Please scan the code again", Map.of());
                return Optional.of(TransactionOutcome.of(TransactionEnd.rejected(kind, Irc.TOKEN_EXPIRED,
                        "SESSION_EXPIRED")));
            }
            QrToken claims;
            try {
                claims = QrTokenCodec.parse(authorisation.token()).claims();
            } catch (TokenFormatException e) {
                log.warn("claimed session token unreadable session={}", authorisation.sessionId().substring(0, 8));
                return Optional.of(TransactionOutcome.of(TransactionEnd.rejected(kind, Irc.TOKEN_INVALID,
                        "QR_NOT_RECOGNISED")));
            }
            log.info("serving claimed session session={} kind={}", authorisation.sessionId().substring(0, 8), kind);
            return Optional.of(TransactionOutcome.of(kind == TransactionKind.WITHDRAWAL
                    ? withdrawal.run(authorisation.token(), claims)
                    : deposit.run(authorisation.token())));
        } finally {
            transaction.unlock();
            applyRequestedStatus();
        }
    }

    /** Serves the next customer, whatever cash transaction their QR code is for. */
    public TransactionOutcome serveNextCustomer() {
        return serve(null);
    }

    @Override
    public void close() {
        forwarder.close();
        host.close();
        if (mqtt != null) {
            mqtt.close();
        }
        journal.close();
    }

    /** Leaves without a word to anyone, as a power cut does: the journal stays as it is on the disk. */
    public void abandon() {
        forwarder.close();
        host.close();
        if (mqtt != null) {
            mqtt.abandon();
        }
        journal.close();
    }

    /** Reads the customer's code, then hands the visit to the flow the code is for. */
    private TransactionOutcome serve(TokenType expected) {
        transaction.lock();
        try {
            if (service.status() == ServiceStatus.OUT_OF_SERVICE) {
                services.show("OUT_OF_SERVICE", "This machine is temporarily out of service", Map.of());
                return TransactionOutcome.of(TransactionEnd.rejected(ReadCustomerCode.kindOf(expected),
                        Irc.SYSTEM_ERROR, "OUT_OF_SERVICE"));
            }
            ReadCustomerCode.Read read = readCode.read(expected);
            if (read instanceof ReadCustomerCode.Read.Refused refused) {
                return TransactionOutcome.of(refused.end());
            }
            ReadCustomerCode.Read.Token token = (ReadCustomerCode.Read.Token) read;
            return TransactionOutcome.of(token.claims().type() == TokenType.WITHDRAWAL
                    ? withdrawal.run(token.text(), token.claims())
                    : deposit.run(token.text()));
        } finally {
            transaction.unlock();
            applyRequestedStatus();
        }
    }

    private void reversalSettled(JournalRecord completed) {
        ended.reversalSettled(completed);
    }

    private void publish(DeviceEvent event) {
        if (mqtt != null) {
            mqtt.publishEvent(event);
        }
    }

    private DeviceState deviceState() {
        return DeviceState.of(DeviceState.DeviceKind.ITM, service.reported(), devices.dispenser().cashUnits(),
                clock.instant());
    }

    private void onCommand(Command command) {
        if (command instanceof ShowSessionCode shown) {
            sessions.show(shown);
            showWelcomeIfIdle();
            return;
        }
        if (command instanceof AuthoriseSession authorisation) {
            sessions.take(authorisation);
            return;
        }
        ServiceSwitch.Taken taken = service.take(command);
        if (taken == ServiceSwitch.Taken.OTHER && (command instanceof ResetDevice
                || command instanceof SetCashCounts)) {
            maintenance.add(command);
        }
        if (taken != ServiceSwitch.Taken.REPEAT) {
            applyRequestedStatus();
        }
    }

    /** The idle screen: the welcome, with the current session code for the phone to scan when there is one. */
    private void showWelcome() {
        Optional<ShowSessionCode> code = sessions.current();
        services.show("WELCOME", code.isPresent() ? "Please scan your QR code, or scan this one with the app"
                : "Please scan your QR code", code.map(ItmAgent::sessionDetails).orElse(Map.of()));
    }

    private void showWelcomeIfIdle() {
        if (!transaction.tryLock()) {
            return;
        }
        try {
            String shown = devices.screen().current().screenId();
            if (service.status() == ServiceStatus.IN_SERVICE && ("WELCOME".equals(shown) || "OFF".equals(shown))) {
                showWelcome();
            }
        } finally {
            transaction.unlock();
        }
    }

    private static Map<String, String> sessionDetails(ShowSessionCode code) {
        return Map.of("sessionCode", code.code(), "sessionId", code.sessionId(),
                "sessionExpiresAt", code.expiresAt().toString());
    }

    /** Takes requested maintenance and a requested service change only between transactions. */
    private void applyRequestedStatus() {
        if (!transaction.tryLock()) {
            return;
        }
        try {
            boolean changed = false;
            for (Command command = maintenance.poll(); command != null; command = maintenance.poll()) {
                changed |= maintain(command);
            }
            if (changed && mqtt != null) {
                mqtt.publishState(deviceState());
            }
            if (service.apply()) {
                if (mqtt != null) {
                    mqtt.publishState(deviceState());
                }
                if (service.status() == ServiceStatus.IN_SERVICE) {
                    showWelcome();
                } else {
                    services.show("OUT_OF_SERVICE", "This machine is temporarily out of service", Map.of());
                }
            }
        } finally {
            transaction.unlock();
        }
    }

    /** Carries out a reset or a reconciliation; true when the device's reported state may have changed. */
    private boolean maintain(Command command) {
        if (command instanceof ResetDevice reset) {
            log.info("command reset-device id={}", reset.commandId());
            for (Device device : devices.all()) {
                device.disable();
                device.release();
                device.close();
                Outcome outcome = device.start(Duration.ofSeconds(5));
                if (!outcome.success()) {
                    services.fault(device, outcome);
                }
            }
            return true;
        }
        if (command instanceof SetCashCounts counts) {
            for (SetCashCounts.Count count : counts.counts()) {
                Outcome outcome = devices.dispenser().setCount(count.unitId(), count.count());
                log.info("command set-cash-counts id={} unit={} count={} outcome={}", counts.commandId(),
                        count.unitId(), count.count(), outcome.code());
            }
            publish(CashUnitsChanged.of(devices.dispenser().cashUnits(), clock.instant()));
            return true;
        }
        return false;
    }

    /** Notes in escrow that no unfinished journal entry explains (power lost between count and journal). */
    /**
     * Escrow left after recovery is given back, unless it holds the notes of a deposit being advised: those are the
     * bank's now (the 0220 credits them), so they go into the cassette.
     */
    private void returnStrayEscrow(List<JournalRecovery.Result> recovered) {
        boolean advised = recovered.stream().anyMatch(r -> r.action() == JournalRecovery.Action.ADVICE_QUEUED
                || r.action() == JournalRecovery.Action.ADVICE_RESENT);
        if (advised && !devices.acceptor().escrow().isEmpty()) {
            log.warn("escrow holds {} of an advised deposit; storing it", devices.acceptor().escrow());
            devices.acceptor().store();
        } else if (!devices.acceptor().escrow().isEmpty()) {
            log.warn("escrow holds {} with no journaled deposit; returning it", devices.acceptor().escrow());
            devices.acceptor().rollback();
        }
    }
}
