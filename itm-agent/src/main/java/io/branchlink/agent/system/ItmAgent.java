package io.branchlink.agent.system;

import io.branchlink.agent.device.CashAcceptor;
import io.branchlink.agent.device.CashDispenser;
import io.branchlink.agent.device.CompletionCode;
import io.branchlink.agent.device.Device;
import io.branchlink.agent.device.NoteMix;
import io.branchlink.agent.device.Outcome;
import io.branchlink.agent.device.QrScanner;
import io.branchlink.agent.device.ReceiptPrinter.Receipt;
import io.branchlink.agent.device.Screen;
import io.branchlink.agent.journal.Journal;
import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.journal.JournalRecovery;
import io.branchlink.agent.journal.JournalStep;
import io.branchlink.agent.journal.ReversalForwarder;
import io.branchlink.agent.journal.Reversals;
import io.branchlink.agent.link.IsoHostLink;
import io.branchlink.agent.link.MqttLink;
import io.branchlink.agent.session.Session;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.session.SessionState;
import io.branchlink.agent.system.TransactionOutcome.Result;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.iso8583.FinancialResponse;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.mqtt.CashUnitsChanged;
import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.DeviceEvent;
import io.branchlink.protocol.mqtt.DeviceFaulted;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.PutInService;
import io.branchlink.protocol.mqtt.PutOutOfService;
import io.branchlink.protocol.mqtt.TransactionCompleted;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenFormatException;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.rc.Irc;
import io.branchlink.protocol.rc.IsoResponseCodes;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ITM agent: scans the customer's QR code, runs the withdrawal or deposit through the session state machine,
 * journals every step before the device acts, authorizes with the hub over ISO 8583, reverses what did not
 * complete, and reports to the hub over MQTT. One customer transaction runs at a time; commands from the hub take
 * effect between transactions.
 *
 * <p>Tested end to end with simulated devices in devices-sim: {@code io.branchlink.sim.device.ItmAgentEndToEndTests}
 * and {@code AgentRecoveryTests}.
 */
public final class ItmAgent implements Closeable {

    /** Whether the ITM takes customers. */
    public enum ServiceStatus { IN_SERVICE, OUT_OF_SERVICE }

    private static final Logger log = LoggerFactory.getLogger(ItmAgent.class);
    private static final DateTimeFormatter TXN_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** The broker is on the branch's LAN: after a hub restart the ITM is back on MQTT within seconds. */
    private static final Duration MQTT_MAX_RECONNECT_DELAY = Duration.ofSeconds(5);

    private final AgentConfig config;
    private final ItmDevices devices;
    private final Clock clock;
    private final Journal journal;
    private final IsoHostLink host;
    private final ReversalForwarder forwarder;
    private final MqttLink mqtt;
    private final IsoResponseCodes responseCodes = IsoResponseCodes.standard();
    private final ReentrantLock transaction = new ReentrantLock();
    private final Set<String> seenCommands = Collections.synchronizedSet(new LinkedHashSet<>());
    private volatile ServiceStatus status = ServiceStatus.IN_SERVICE;
    private volatile ServiceStatus requested = ServiceStatus.IN_SERVICE;

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
                advice -> host.reverse(advice, config.hostTimeout()), config.terminalId(), config.branchId(),
                config.reversalRetryMin(), config.reversalRetryMax(), clock, this::reversalSettled);
        this.mqtt = config.mqttUrl() == null ? null
                : new MqttLink(new MqttLink.Settings(config.mqttUrl(), config.branchId(), config.deviceId(),
                        config.mqttUsername(), config.mqttPassword(), config.mqttPersistenceDir(),
                        Duration.ofDays(7), Duration.ofSeconds(5), Duration.ofSeconds(30), MQTT_MAX_RECONNECT_DELAY),
                        clock, this::onCommand);
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
        returnStrayEscrow();
        host.start();
        forwarder.start();
        if (mqtt != null) {
            mqtt.publishState(deviceState());
            mqtt.start();
        }
        show("WELCOME", "Please scan your QR code", Map.of());
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

    public ServiceStatus status() {
        return status;
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

    private TransactionOutcome serve(TokenType expected) {
        transaction.lock();
        try {
            if (status == ServiceStatus.OUT_OF_SERVICE) {
                show("OUT_OF_SERVICE", "This machine is temporarily out of service", Map.of());
                return TransactionOutcome.rejected(kindOf(expected), Irc.SYSTEM_ERROR, "OUT_OF_SERVICE");
            }
            show("SCAN_QR", "Please show your QR code to the camera", Map.of());
            QrScanner.FrameResult frame = devices.scanner().captureFrame(config.scanTimeout());
            if (!frame.outcome().success() || frame.frame() == null) {
                show("SCAN_TIMEOUT", "No QR code was shown", Map.of());
                return TransactionOutcome.rejected(kindOf(expected), Irc.FORMAT_ERROR, "SCAN_TIMEOUT");
            }
            Optional<String> text = QrFrameDecoder.decode(frame.frame());
            if (text.isEmpty()) {
                log.info("qr frame did not decode terminal={}", config.terminalId());
                show("QR_UNREADABLE", "The QR code could not be read. Please hold it steady and try again",
                        Map.of());
                return TransactionOutcome.rejected(kindOf(expected), Irc.FORMAT_ERROR, "QR_UNREADABLE");
            }
            QrToken claims;
            try {
                claims = QrTokenCodec.parse(text.get()).claims();
            } catch (TokenFormatException e) {
                log.info("qr text is not a BranchLink token terminal={} failure={}", config.terminalId(),
                        e.getMessage());
                show("QR_NOT_RECOGNISED", "This is not a BranchLink QR code", Map.of());
                return TransactionOutcome.rejected(kindOf(expected), Irc.TOKEN_INVALID, "QR_NOT_RECOGNISED");
            }
            if (claims.type() == TokenType.FORM || (expected != null && claims.type() != expected)) {
                show("QR_WRONG_SERVICE", "This QR code is for another service", Map.of("service",
                        claims.type().name()));
                return TransactionOutcome.rejected(kindOf(expected), Irc.INVALID_TRANSACTION, "QR_WRONG_SERVICE");
            }
            return claims.type() == TokenType.WITHDRAWAL ? withdraw(text.get(), claims) : deposit(text.get());
        } finally {
            transaction.unlock();
            applyRequestedStatus();
        }
    }

    // ---------------------------------------------------------------- withdrawal

    private TransactionOutcome withdraw(String token, QrToken claims) {
        int stan = journal.stans().next();
        Session session = newSession(TransactionKind.WITHDRAWAL, stan);
        session.fire(SessionEvent.TOKEN_SCANNED);
        Money amount = claims.amount();
        if (amount == null || !amount.currencyCode().equals(config.currency())) {
            session.fire(SessionEvent.TOKEN_REJECTED);
            show("QR_WRONG_SERVICE", "This QR code carries no amount this machine can pay", Map.of());
            return TransactionOutcome.rejected(TransactionKind.WITHDRAWAL, Irc.INVALID_AMOUNT, "QR_WRONG_SERVICE");
        }
        CashDispenser.DenominateResult mix = devices.dispenser().denominate(amount);
        if (!mix.outcome().success()) {
            session.fire(SessionEvent.TOKEN_REJECTED);
            show("CANNOT_DISPENSE", "This machine cannot pay that amount now", Map.of("amount", amount.toString()));
            return TransactionOutcome.rejected(TransactionKind.WITHDRAWAL, Irc.INVALID_AMOUNT, "CANNOT_DISPENSE");
        }
        FinancialRequest request = request(TransactionKind.WITHDRAWAL, amount, stan, token);
        JournalRecord base = authRequested(session, request);
        session.fire(SessionEvent.WITHDRAWAL_REQUESTED);
        show("AUTHORIZING", "Please wait", Map.of());

        IsoHostLink.Authorization answer = host.authorize(request, config.hostTimeout());
        if (answer instanceof IsoHostLink.Authorization.TimedOut) {
            journal.append(base.next(JournalStep.AUTH_TIMED_OUT, clock.instant()));
            session.fire(SessionEvent.HOST_TIMED_OUT);
            show("HOST_TIMEOUT", "The bank did not answer in time; no money was taken", Map.of());
            return reverse(session, base, zero(amount), "HOST_TIMEOUT");
        }
        if (answer instanceof IsoHostLink.Authorization.NotSent notSent) {
            return notSent(session, base, notSent);
        }
        FinancialResponse response = ((IsoHostLink.Authorization.Answered) answer).response();
        if (!response.responseCode().approved()) {
            return declined(session, base, response);
        }
        journal.append(base.next(JournalStep.AUTH_APPROVED, clock.instant())
                .withResponseCode(response.responseCode().code()));
        session.fire(SessionEvent.APPROVED);
        show("DISPENSING", "Counting your cash", Map.of("amount", amount.toString()));

        CashDispenser dispenser = devices.dispenser();
        journal.append(base.next(JournalStep.INTENT_DISPENSE, clock.instant())
                .withCounter(dispenser.counters().delivered()));
        CashDispenser.DispenseResult dispensed = mix.mix() == null
                ? new CashDispenser.DispenseResult(Outcome.of(CompletionCode.INVALID_DATA, "MIX", "no mix"),
                        NoteMix.empty(amount.currency()))
                : dispenser.dispense(mix.mix());
        journal.append(base.next(JournalStep.DONE_DISPENSE, clock.instant())
                .withActual(dispensed.stacked().total()));
        if (!dispensed.outcome().success()) {
            fault(dispenser, dispensed.outcome());
        }
        if (dispensed.stacked().isEmpty()) {
            session.fire(SessionEvent.NOTHING_STACKED);
            show("DISPENSE_FAILED", "Sorry, the cash could not be dispensed; your account will not be charged",
                    Map.of());
            return reverse(session, base, zero(amount), "DISPENSE_FAILED");
        }
        session.fire(SessionEvent.CASH_STACKED);

        journal.append(base.next(JournalStep.INTENT_PRESENT, clock.instant()));
        CashDispenser.PresentResult presented = dispenser.present();
        journal.append(base.next(JournalStep.DONE_PRESENT, clock.instant())
                .withActual(presented.presented().total()));
        if (!presented.outcome().success() || presented.presented().isEmpty()) {
            fault(dispenser, presented.outcome());
            session.fire(SessionEvent.PRESENT_FAILED);
            return retractAndReverse(session, base, amount);
        }
        show("TAKE_CASH", "Please take your cash", Map.of("amount", presented.presented().total().toString()));
        CashDispenser.TakenResult taken = dispenser.waitForTaken(config.cashTakenTimeout());
        if (taken.taken() == CashDispenser.Taken.NOT_TAKEN) {
            journal.append(base.next(JournalStep.CASH_NOT_TAKEN, clock.instant()));
            session.fire(SessionEvent.CASH_NOT_TAKEN);
            return retractAndReverse(session, base, amount);
        }
        Money delivered = presented.presented().total();
        journal.append(base.next(JournalStep.CASH_TAKEN, clock.instant()).withActual(delivered));
        session.fire(SessionEvent.CASH_TAKEN);
        publishCashUnits();
        if (delivered.minorUnits() < amount.minorUnits()) {
            session.fire(SessionEvent.SHORT_AMOUNT_DELIVERED);
            show("PARTIAL_DISPENSE", "Only part of the amount could be paid; the rest is returned to your account",
                    Map.of("paid", delivered.toString(), "returned", amount.minus(delivered).toString()));
            return reverse(session, base, delivered, "PARTIAL_DISPENSE");
        }
        journal.append(base.next(JournalStep.COMPLETED, clock.instant()).withActual(delivered));
        session.fire(SessionEvent.FULL_AMOUNT_DELIVERED);
        printReceipt("Cash withdrawal", request, delivered);
        show("THANK_YOU", "Thank you", Map.of("amount", delivered.toString()));
        return finish(base, Result.COMPLETED, Irc.APPROVED, delivered, "THANK_YOU");
    }

    private TransactionOutcome retractAndReverse(Session session, JournalRecord base, Money amount) {
        CashDispenser dispenser = devices.dispenser();
        journal.append(base.next(JournalStep.INTENT_RETRACT, clock.instant()));
        CashDispenser.MoveResult retracted = dispenser.retract();
        CashDispenser.MoveResult rejected = dispenser.reject();
        journal.append(base.next(JournalStep.DONE_RETRACT, clock.instant())
                .withActual(retracted.moved().plus(rejected.moved()).total()));
        if (!retracted.outcome().success() && retracted.outcome().code() != CompletionCode.SEQUENCE_ERROR) {
            fault(dispenser, retracted.outcome());
            session.fire(SessionEvent.RETRACT_FAILED);
            return exception(session, base, amount, "cash left at the exit could not be retracted", "RETRACT_FAILED");
        }
        session.fire(SessionEvent.CASH_RETRACTED);
        publishCashUnits();
        show("CASH_RETRACTED", "The cash was not taken and has been retracted; your account will not be charged",
                Map.of());
        return reverse(session, base, zero(amount), "CASH_RETRACTED");
    }

    // ---------------------------------------------------------------- deposit

    private TransactionOutcome deposit(String token) {
        CashAcceptor acceptor = devices.acceptor();
        int stan = journal.stans().next();
        Session session = newSession(TransactionKind.DEPOSIT, stan);
        session.fire(SessionEvent.TOKEN_SCANNED);
        show("INSERT_CASH", "Please insert your notes", Map.of());
        Outcome started = acceptor.cashInStart();
        if (!started.success()) {
            fault(acceptor, started);
            session.fire(SessionEvent.TOKEN_REJECTED);
            show("CANNOT_ACCEPT", "This machine cannot take deposits now", Map.of());
            return TransactionOutcome.rejected(TransactionKind.DEPOSIT, Irc.SYSTEM_ERROR, "CANNOT_ACCEPT");
        }
        session.fire(SessionEvent.CASH_IN_STARTED);
        CashAcceptor.CountResult counted = acceptor.count();
        Money amount = counted.accepted().total();
        if (counted.accepted().isEmpty()) {
            session.fire(SessionEvent.NO_NOTES_ACCEPTED);
            show("NO_NOTES", "No notes could be accepted; please take them back",
                    Map.of("returned", Integer.toString(counted.suspectNotesReturned())));
            return TransactionOutcome.rejected(TransactionKind.DEPOSIT, Irc.INVALID_AMOUNT, "NO_NOTES");
        }
        FinancialRequest request = request(TransactionKind.DEPOSIT, amount, stan, token);
        JournalRecord base = new JournalRecord(session.txnId(), TransactionKind.DEPOSIT, JournalStep.CASH_COUNTED,
                clock.instant(), stan, amount.currencyCode(), amount.minorUnits(), null, null,
                request.transmittedAt(), request.localDateTime(), request.rrn(), null, null, null, null);
        journal.append(base);
        session.fire(SessionEvent.NOTES_COUNTED);

        Map<String, String> details = new LinkedHashMap<>();
        details.put("amount", amount.toString());
        details.put("notes", counted.accepted().toString());
        details.put("suspectReturned", Integer.toString(counted.suspectNotesReturned()));
        Screen.Confirmation confirmation = devices.screen().awaitConfirmation(
                Screen.View.of("CONFIRM_DEPOSIT", "Please confirm the amount", details), config.confirmTimeout());
        if (confirmation != Screen.Confirmation.CONFIRMED) {
            session.fire(SessionEvent.CUSTOMER_CANCELLED);
            return returnNotes(session, base, Result.CANCELLED, Irc.DO_NOT_HONOUR, "CANCELLED");
        }
        session.fire(SessionEvent.CUSTOMER_CONFIRMED);
        journal.append(base.next(JournalStep.AUTH_REQUESTED, clock.instant()));
        show("AUTHORIZING", "Please wait", Map.of());

        IsoHostLink.Authorization answer = host.authorize(request, config.hostTimeout());
        if (answer instanceof IsoHostLink.Authorization.TimedOut) {
            journal.append(base.next(JournalStep.AUTH_TIMED_OUT, clock.instant()));
            session.fire(SessionEvent.HOST_TIMED_OUT);
            return returnNotes(session, base, Result.REVERSAL_PENDING, Irc.HOST_UNREACHABLE, "HOST_TIMEOUT");
        }
        if (answer instanceof IsoHostLink.Authorization.NotSent notSent) {
            log.info("deposit txn={} not sent: {}", session.txnId(), notSent.reason());
            journal.append(base.next(JournalStep.AUTH_NOT_SENT, clock.instant()));
            session.fire(SessionEvent.DECLINED);
            return returnNotes(session, base, Result.DECLINED, Irc.HOST_UNREACHABLE, "SERVICE_UNAVAILABLE");
        }
        FinancialResponse response = ((IsoHostLink.Authorization.Answered) answer).response();
        if (!response.responseCode().approved()) {
            journal.append(base.next(JournalStep.AUTH_DECLINED, clock.instant())
                    .withResponseCode(response.responseCode().code()));
            session.fire(SessionEvent.DECLINED);
            return returnNotes(session, base, Result.DECLINED, responseCodes.irc(response.responseCode()), "DECLINED");
        }
        journal.append(base.next(JournalStep.AUTH_APPROVED, clock.instant())
                .withResponseCode(response.responseCode().code()));
        session.fire(SessionEvent.APPROVED);
        journal.append(base.next(JournalStep.INTENT_STORE, clock.instant()).withCounter(acceptor.storedTotal()));
        CashAcceptor.StoreResult stored = acceptor.store();
        if (!stored.outcome().success()) {
            journal.append(base.next(JournalStep.STORE_FAILED, clock.instant()));
            fault(acceptor, stored.outcome());
            session.fire(SessionEvent.STORE_FAILED);
            show("DEPOSIT_CREDITED", "Your deposit is credited; the branch will check the machine",
                    Map.of("amount", amount.toString()));
            return exception(session, base, amount, "approved deposit: notes jammed on store, kept and credited",
                    "DEPOSIT_CREDITED");
        }
        journal.append(base.next(JournalStep.DONE_STORE, clock.instant()).withActual(stored.stored().total()));
        journal.append(base.next(JournalStep.COMPLETED, clock.instant()).withActual(amount));
        session.fire(SessionEvent.NOTES_STORED);
        publishCashUnits();
        printReceipt("Cash deposit", request, amount);
        show("THANK_YOU", "Your deposit is credited", Map.of("amount", amount.toString()));
        return finish(base, Result.COMPLETED, Irc.APPROVED, amount, "THANK_YOU");
    }

    /** In RETURNING or RETURNING_UNANSWERED: gives the escrow back, then ends or reverses. */
    private TransactionOutcome returnNotes(Session session, JournalRecord base, Result result, Irc irc,
            String screenId) {
        Money zero = zero(base.amountMoney());
        boolean unanswered = session.state() == SessionState.RETURNING_UNANSWERED;
        journal.append(base.next(JournalStep.INTENT_RETURN, clock.instant()));
        CashAcceptor.RollbackResult rollback = devices.acceptor().rollback();
        if (!rollback.outcome().success()) {
            journal.append(base.next(JournalStep.RETURN_FAILED, clock.instant()));
            fault(devices.acceptor(), rollback.outcome());
            session.fire(SessionEvent.RETURN_FAILED);
            show("NOTES_KEPT", "Your notes could not be returned; the branch will contact you",
                    Map.of("amount", base.amountMoney().toString()));
            return exception(session, base, base.amountMoney(), unanswered
                    ? "host did not answer and the notes could not be returned"
                    : "notes could be neither stored nor returned", "NOTES_KEPT");
        }
        journal.append(base.next(JournalStep.DONE_RETURN, clock.instant()).withActual(rollback.returned().total()));
        session.fire(SessionEvent.NOTES_RETURNED);
        show(screenId, "Please take your notes back", Map.of("amount", rollback.returned().total().toString()));
        if (unanswered) {
            return reverse(session, base, zero, screenId);
        }
        journal.append(base.next(JournalStep.COMPLETED, clock.instant()).withActual(zero));
        return finish(base, result, irc, zero, screenId);
    }

    // ---------------------------------------------------------------- shared endings

    private JournalRecord authRequested(Session session, FinancialRequest request) {
        JournalRecord base = new JournalRecord(session.txnId(), request.kind(), JournalStep.AUTH_REQUESTED,
                clock.instant(), request.stan(), request.amount().currencyCode(), request.amount().minorUnits(), null,
                null, request.transmittedAt(), request.localDateTime(), request.rrn(), null, null, null, null);
        journal.append(base);
        return base;
    }

    private TransactionOutcome notSent(Session session, JournalRecord base, IsoHostLink.Authorization.NotSent why) {
        log.info("txn={} 0200 not sent: {}", session.txnId(), why.reason());
        journal.append(base.next(JournalStep.AUTH_NOT_SENT, clock.instant()));
        journal.append(base.next(JournalStep.COMPLETED, clock.instant()).withActual(zero(base.amountMoney())));
        session.fire(SessionEvent.DECLINED);
        show("SERVICE_UNAVAILABLE", "The bank cannot be reached; please try again later", Map.of());
        session.fire(SessionEvent.CUSTOMER_INFORMED);
        return finish(base, Result.DECLINED, Irc.HOST_UNREACHABLE, zero(base.amountMoney()), "SERVICE_UNAVAILABLE");
    }

    private TransactionOutcome declined(Session session, JournalRecord base, FinancialResponse response) {
        journal.append(base.next(JournalStep.AUTH_DECLINED, clock.instant())
                .withResponseCode(response.responseCode().code()));
        journal.append(base.next(JournalStep.COMPLETED, clock.instant()).withActual(zero(base.amountMoney())));
        session.fire(SessionEvent.DECLINED);
        Irc irc = responseCodes.irc(response.responseCode());
        show("DECLINED", "Sorry, the transaction was declined", Map.of("reason", response.responseCode().meaning()));
        session.fire(SessionEvent.CUSTOMER_INFORMED);
        return finish(base, Result.DECLINED, irc, zero(base.amountMoney()), "DECLINED");
    }

    /** In REVERSING: journals the 0420, lets the forwarder send it and waits briefly for the 0430. */
    private TransactionOutcome reverse(Session session, JournalRecord base, Money delivered, String screenId) {
        Reversals.queue(journal, base, delivered, clock);
        forwarder.kick();
        if (forwarder.awaitSettled(base.txnId(), config.reversalWait())) {
            session.fire(SessionEvent.REVERSAL_ACKNOWLEDGED);
            return finish(base, Result.REVERSED, Irc.APPROVED, delivered, screenId);
        }
        return finish(base, Result.REVERSAL_PENDING, Irc.HOST_UNREACHABLE, delivered, screenId);
    }

    private TransactionOutcome exception(Session session, JournalRecord base, Money kept, String why,
            String screenId) {
        journal.append(base.next(JournalStep.EXCEPTION_RECORDED, clock.instant()).withActual(kept).withNote(why));
        journal.append(base.next(JournalStep.COMPLETED, clock.instant()).withActual(kept));
        session.fire(SessionEvent.EXCEPTION_RECORDED);
        log.warn("exception record txn={} kind={} stan={} amount={} why={}", base.txnId(), base.kind(), base.stan(),
                kept, why);
        publish(DeviceFaulted.of("AGENT", "EXCEPTION_RECORD", "txn " + base.txnId() + ": " + why, clock.instant()));
        Result result = Result.EXCEPTION;
        return finish(base, result, base.kind() == TransactionKind.DEPOSIT && why.contains("credited") ? Irc.APPROVED
                : Irc.SYSTEM_ERROR, kept, screenId);
    }

    private TransactionOutcome finish(JournalRecord base, Result result, Irc irc, Money delivered, String screenId) {
        if (result != Result.REVERSAL_PENDING) {
            publish(TransactionCompleted.of(base.txnId(), base.stan(), base.rrn(), base.kind(), delivered, irc, null,
                    clock.instant()));
        }
        return new TransactionOutcome(base.txnId(), base.kind(), result, irc, base.stan(), base.rrn(),
                base.amountMoney(), delivered, screenId);
    }

    private void reversalSettled(JournalRecord completed) {
        publish(TransactionCompleted.of(completed.txnId(), completed.stan(), completed.rrn(), completed.kind(),
                completed.actualMoney(), Irc.APPROVED, null, clock.instant()));
    }

    // ---------------------------------------------------------------- helpers

    private Session newSession(TransactionKind kind, int stan) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(config.zone()));
        Session session = new Session(config.terminalId() + "-" + TXN_TIME.format(now) + "-"
                + String.format("%06d", stan), kind);
        session.stan(stan);
        return session;
    }

    private FinancialRequest request(TransactionKind kind, Money amount, int stan, String token) {
        LocalDateTime local = LocalDateTime.now(clock.withZone(config.zone()));
        // RRN (field 37): last digit of the year, day of the year, hour, then the STAN: unique per terminal and day.
        String rrn = String.format("%d%03d%02d%06d", local.getYear() % 10, local.getDayOfYear(), local.getHour(), stan);
        return new FinancialRequest(kind, amount, clock.instant(), stan, local, rrn, config.terminalId(),
                config.branchId(), token);
    }

    private void printReceipt(String title, FinancialRequest request, Money amount) {
        List<String> lines = new ArrayList<>();
        lines.add("BranchLink " + title);
        lines.add("Terminal " + config.terminalId() + "  Branch " + config.branchId());
        lines.add("Date " + request.localDateTime());
        lines.add("STAN " + String.format("%06d", request.stan()) + "  RRN " + request.rrn());
        lines.add("Amount " + amount);
        Outcome printed = devices.printer().print(new Receipt(lines));
        if (!printed.success()) {
            fault(devices.printer(), printed);
        }
    }

    private void show(String screenId, String message, Map<String, String> details) {
        devices.screen().show(new Screen.View(screenId, message, details, clock.instant()));
    }

    private void fault(Device device, Outcome outcome) {
        log.warn("device fault component={} code={} error={} message={}", device.component(), outcome.code(),
                outcome.errorCode(), outcome.message());
        publish(DeviceFaulted.of(device.component(), outcome.errorCode() != null ? outcome.errorCode()
                : outcome.code().name(), outcome.message(), clock.instant()));
    }

    private void publishCashUnits() {
        publish(CashUnitsChanged.of(devices.dispenser().cashUnits(), clock.instant()));
    }

    private void publish(DeviceEvent event) {
        if (mqtt != null) {
            mqtt.publishEvent(event);
        }
    }

    private DeviceState deviceState() {
        return DeviceState.of(DeviceState.DeviceKind.ITM, status == ServiceStatus.IN_SERVICE
                ? DeviceState.Status.IN_SERVICE : DeviceState.Status.OUT_OF_SERVICE,
                devices.dispenser().cashUnits(), clock.instant());
    }

    private void onCommand(Command command) {
        if (!seenCommands.add(command.commandId())) {
            log.info("command id={} already handled", command.commandId());
            return;
        }
        if (command instanceof PutOutOfService out) {
            log.info("command put-out-of-service id={} reason={}", out.commandId(), out.reason());
            requested = ServiceStatus.OUT_OF_SERVICE;
        } else if (command instanceof PutInService in) {
            log.info("command put-in-service id={}", in.commandId());
            requested = ServiceStatus.IN_SERVICE;
        }
        applyRequestedStatus();
    }

    /** Takes a requested service change only between transactions. */
    private void applyRequestedStatus() {
        if (!transaction.tryLock()) {
            return;
        }
        try {
            if (status != requested) {
                status = requested;
                log.info("service status terminal={} status={}", config.terminalId(), status);
                if (mqtt != null) {
                    mqtt.publishState(deviceState());
                }
                show(status == ServiceStatus.IN_SERVICE ? "WELCOME" : "OUT_OF_SERVICE",
                        status == ServiceStatus.IN_SERVICE ? "Please scan your QR code"
                                : "This machine is temporarily out of service", Map.of());
            }
        } finally {
            transaction.unlock();
        }
    }

    /** Notes in escrow that no unfinished journal entry explains (power lost between count and journal). */
    private void returnStrayEscrow() {
        if (!devices.acceptor().escrow().isEmpty()) {
            log.warn("escrow holds {} with no journaled deposit; returning it", devices.acceptor().escrow());
            devices.acceptor().rollback();
        }
    }

    private static Money zero(Money like) {
        return new Money(0, like.currency());
    }

    private static TransactionKind kindOf(TokenType type) {
        return type == TokenType.DEPOSIT ? TransactionKind.DEPOSIT
                : type == TokenType.WITHDRAWAL ? TransactionKind.WITHDRAWAL : null;
    }
}
