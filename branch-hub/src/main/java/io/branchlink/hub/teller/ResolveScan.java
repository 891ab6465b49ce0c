package io.branchlink.hub.teller;

import io.branchlink.hub.channel.ChannelClient;
import io.branchlink.hub.channel.ChannelUnavailableException;
import io.branchlink.hub.channel.HubForms;
import io.branchlink.hub.device.DeviceKinds;
import io.branchlink.hub.form.StagedForm;
import io.branchlink.hub.form.StagedForms;
import io.branchlink.hub.system.HubProperties;
import io.branchlink.hub.token.TokenPreCheck;
import io.branchlink.prefill.catalog.Choice;
import io.branchlink.prefill.catalog.FieldDefinition;
import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.prefill.catalog.FormDefinition;
import io.branchlink.protocol.hubapi.Customer;
import io.branchlink.protocol.hubapi.HubProblemCode;
import io.branchlink.protocol.hubapi.TokenStatus;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.QrScanned;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenFailure;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.qr.TokenVerification;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns a teller terminal's scan into what its console shows: the code is checked as a FORM token (signature with
 * channel-api's keys, expiry) before anything else; a valid token's form comes from {@code hub.forms.staged}, else
 * from channel-api's token lookup (and is then stored here); a submitted form with no branch yet is staged at this
 * branch through channel-api, since the customer came to its counter. Every other case is a refusal with its
 * reason. A CASH_BOOKING code is a large-cash booking, resolved by {@link CashBookingCounter}. Scans from devices
 * that are not teller terminals are ignored. The scanned text is never logged.
 *
 * @see io.branchlink.hub.teller.TellerConsoleIntegrationTests
 */
@Service
class ResolveScan {

    private static final Logger log = LoggerFactory.getLogger(ResolveScan.class);
    /** Scans the hub did not act on because no teller terminal sent them, by reason. */
    static final String IGNORED_SCANS = "branchlink.hub.teller.scans.ignored";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Map<String, Message> OUTCOMES = Map.of(
            "EXECUTED", new Message("executed", "已办理"),
            "REJECTED", new Message("rejected", "已拒绝"),
            "FAILED", new Message("failed", "办理失败"));

    private final DeviceKinds devices;
    private final TokenPreCheck tokens;
    private final StagedForms staged;
    private final ChannelClient channel;
    private final Decisions decisions;
    private final TellerViews views;
    private final TellerAudit audit;
    private final FormCatalog catalog;
    private final TellerProperties tellers;
    private final String branchId;
    private final MeterRegistry meters;
    private final CashBookingCounter bookings;

    ResolveScan(DeviceKinds devices, TokenPreCheck tokens, StagedForms staged, ChannelClient channel,
            Decisions decisions, TellerViews views, TellerAudit audit, FormCatalog catalog, TellerProperties tellers,
            HubProperties hub, MeterRegistry meters, CashBookingCounter bookings) {
        this.meters = meters;
        this.bookings = bookings;
        this.devices = devices;
        this.tokens = tokens;
        this.staged = staged;
        this.channel = channel;
        this.decisions = decisions;
        this.views = views;
        this.audit = audit;
        this.catalog = catalog;
        this.tellers = tellers;
        this.branchId = hub.branchId();
    }

    /** A {@code qr-scanned} event from {@code terminalId}. */
    void scanned(String terminalId, QrScanned scan) {
        Optional<DeviceState.DeviceKind> kind = devices.kindOf(terminalId);
        if (kind.isPresent() && kind.get() == DeviceState.DeviceKind.TICKET_MACHINE) {
            return; // a queue-ticket machine's scan belongs to the queue (hub.queue.TicketMachine)
        }
        if (kind.isEmpty() || kind.get() != DeviceState.DeviceKind.TELLER) {
            String reason = kind.map(k -> "DEVICE_KIND_" + k).orElse("DEVICE_KIND_UNKNOWN");
            log.warn("teller.scan ignored terminal={} scanId={} reason={}", terminalId, scan.scanId(), reason);
            meters.counter(IGNORED_SCANS, "reason", reason).increment();
            return;
        }
        Resolution resolution = resolve(scan.text());
        TellerView view = resolution.withScan(scan);
        TellerView shown = views.show(terminalId, view);
        if (shown.version() == 0 || !scan.scanId().equals(shown.scanId())) {
            return;
        }
        String teller = tellers.tellerAt(terminalId);
        ConsoleFormRef ref = ConsoleFormRef.of(view);
        if (TellerView.FORM.equals(view.state())) {
            audit.record("SCAN", teller, terminalId, ref.draftId, ref.type,
                    resolution.stagedOnArrival() ? "FORM_STAGED_ON_ARRIVAL" : "FORM_SHOWN");
        } else {
            audit.record("REFUSAL", teller, terminalId, ref.draftId, ref.type, view.code());
        }
    }

    /** The view for a scanned text; never throws for any text. */
    Resolution resolve(String text) {
        Optional<TokenVerification> checked = tokens.check(text, TokenType.FORM, branchId);
        if (checked.isEmpty()) {
            return isBranchLinkFormat(text) ? refused(Refusal.CANNOT_VERIFY) : refused(Refusal.NOT_BRANCHLINK);
        }
        if (checked.get() instanceof TokenVerification.Invalid invalid) {
            if (invalid.token() != null && invalid.token().type() == TokenType.CASH_BOOKING
                    && (invalid.failure() == TokenFailure.WRONG_TYPE || invalid.failure() == TokenFailure.EXPIRED)) {
                return bookings.resolve(text);
            }
            return switch (invalid.failure()) {
                case MALFORMED, UNSUPPORTED_VERSION -> refused(Refusal.NOT_BRANCHLINK);
                case UNKNOWN_KEY, BAD_SIGNATURE -> refused(Refusal.FORGED);
                case EXPIRED -> refused(Refusal.EXPIRED, TIME.format(invalid.token().expiresAt()));
                case WRONG_TYPE -> invalid.token().type() == TokenType.DEPOSIT
                        ? refused(Refusal.USE_ITM, "deposit", "存款")
                        : refused(Refusal.USE_ITM, "withdrawal", "取款");
                case WRONG_BRANCH -> refused(Refusal.OTHER_BRANCH, invalid.token().branchId());
            };
        }
        QrToken valid = ((TokenVerification.Valid) checked.get()).token();
        String tokenId = valid.tokenIdHex();
        Optional<StagedForm> form = staged.find(tokenId);
        if (form.isPresent()) {
            return showOrDecided(form.get());
        }
        Optional<TokenStatus> status;
        try {
            status = channel.formToken(tokenId);
        } catch (ChannelUnavailableException e) {
            return refused(Refusal.CHANNEL_UNAVAILABLE);
        }
        if (status.isEmpty()) {
            return refused(Refusal.UNKNOWN_FORM);
        }
        TokenStatus token = status.get();
        String state = token.status() == null ? "" : token.status();
        switch (state) {
            case "STAGED":
                if (token.form() != null && branchId.equals(token.branchId())) {
                    return staged.stage(token.form()).map(this::showOrDecided)
                            .orElseGet(() -> refused(Refusal.EXPIRED, TIME.format(token.form().expiresAt())));
                }
                return refused(Refusal.OTHER_BRANCH, token.branchId() == null ? "?" : token.branchId());
            case "EXECUTED", "REJECTED", "FAILED":
                return alreadyDecided(state, token.decidedAt());
            case "CANCELLED":
                return refused(Refusal.CANCELLED);
            case "EXPIRED":
                return refused(Refusal.EXPIRED, token.form() == null ? "-" : TIME.format(token.form().expiresAt()));
            case "SUBMITTED":
                return stageOnArrival(valid);
            default:
                return refused(Refusal.UNKNOWN_FORM);
        }
    }

    /**
     * A submitted form with no branch yet, shown at this branch's counter: channel-api stages it here, and the form
     * is stored as the feed would store it (the feed's later {@code STAGED} for it is then a put of the same form).
     */
    private Resolution stageOnArrival(QrToken token) {
        String tokenId = token.tokenIdHex();
        HubForms.StageAnswer answer;
        try {
            answer = channel.stageForm(tokenId);
        } catch (ChannelUnavailableException e) {
            return refused(Refusal.CHANNEL_UNAVAILABLE);
        }
        TokenStatus status = answer.token();
        if (answer.staged()) {
            if (status == null || status.form() == null || !branchId.equals(status.branchId())) {
                log.warn("form staging on arrival answered without this branch's form token={}",
                        tokenId.substring(0, 8));
                return refused(Refusal.CHANNEL_UNAVAILABLE);
            }
            log.info("form staged on arrival draftId={} token={} type={}", status.form().draftId(),
                    tokenId.substring(0, 8), status.form().type());
            return staged.stage(status.form()).map(this::showOrDecided)
                    .map(Resolution::asStagedOnArrival)
                    .orElseGet(() -> refused(Refusal.EXPIRED, TIME.format(token.expiresAt())));
        }
        log.info("form staging on arrival refused token={} code={}", tokenId.substring(0, 8), answer.code());
        HubProblemCode problem = answer.problem();
        if (problem == null) {
            return refused(Refusal.CHANNEL_UNAVAILABLE);
        }
        return switch (problem) {
            case FORM_OTHER_BRANCH -> refused(Refusal.OTHER_BRANCH,
                    status == null || status.branchId() == null ? "?" : status.branchId());
            case FORM_EXPIRED -> refused(Refusal.EXPIRED, TIME.format(token.expiresAt()));
            case FORM_CANCELLED -> refused(Refusal.CANCELLED);
            case FORM_ALREADY_DECIDED -> status == null || status.status() == null
                    ? refused(Refusal.ALREADY_DECIDED, "decided", "-", "已处理")
                    : alreadyDecided(status.status(), status.decidedAt());
            case FORM_UNKNOWN -> refused(Refusal.UNKNOWN_FORM);
            default -> refused(Refusal.CHANNEL_UNAVAILABLE);
        };
    }

    /**
     * The view of a staged form opened from the queue (a called ticket's form), as its scan would show it;
     * {@code openId} stands in for the scan id, so opening the same form twice is one change of the view.
     */
    TellerView opened(StagedForm form, String openId, Instant at) {
        TellerView view = showOrDecided(form).view();
        return new TellerView(0, view.state(), view.code(), view.message(), at, openId, view.form());
    }

    private Resolution showOrDecided(StagedForm form) {
        Optional<TellerView.Decision> decided = decisions.find(form.draftId());
        if (decided.isPresent()) {
            staged.remove(form.tokenId());
            return alreadyDecided(decided.get().outcome(), decided.get().decidedAt());
        }
        return new Resolution(new TellerView(0, TellerView.FORM, null, null, null, null, consoleForm(form)), false);
    }

    private Resolution alreadyDecided(String outcome, Instant decidedAt) {
        Message name = OUTCOMES.getOrDefault(outcome, new Message(outcome, outcome));
        return refused(Refusal.ALREADY_DECIDED, name.en(), decidedAt == null ? "-" : TIME.format(decidedAt),
                name.zh());
    }

    /** The staged form with the catalog's labels; fields the catalog does not know are shown by name, last. */
    TellerView.ConsoleForm consoleForm(StagedForm staged) {
        io.branchlink.protocol.hubapi.StagedForm form = staged.form();
        Optional<FormDefinition> definition = catalog.find(form.type());
        List<TellerView.Field> fields = new ArrayList<>();
        Set<String> shown = new LinkedHashSet<>();
        for (FieldDefinition field : definition.map(FormDefinition::fields).orElse(List.of())) {
            String value = form.values().get(field.name());
            shown.add(field.name());
            if (value == null) {
                continue;
            }
            Message display = field.rules().choices().stream().filter(c -> c.value().equals(value)).findFirst()
                    .map(Choice::label).map(l -> new Message(l.en(), l.zh())).orElse(new Message(value, value));
            fields.add(new TellerView.Field(field.name(), new Message(field.label().en(), field.label().zh()), value,
                    display, field.idCheck()));
        }
        form.values().keySet().stream().filter(name -> !shown.contains(name)).sorted().forEach(name -> fields.add(
                new TellerView.Field(name, new Message(name, name), form.values().get(name),
                        new Message(form.values().get(name), form.values().get(name)), false)));
        Message label = definition.map(d -> new Message(d.label().en(), d.label().zh()))
                .orElse(new Message(form.type(), form.type()));
        Customer customer = form.customer();
        return new TellerView.ConsoleForm(form.draftId(), form.tokenId(), form.type(), label,
                customer == null ? null : new TellerView.Customer(customer.name(), customer.mobileLast4()),
                List.copyOf(fields), form.submittedAt(), form.expiresAt(), staged.confirmationId(), null);
    }

    private static boolean isBranchLinkFormat(String text) {
        try {
            QrTokenCodec.parse(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Resolution refused(Refusal refusal, Object... arguments) {
        return new Resolution(new TellerView(0, TellerView.REFUSED, refusal.name(), refusal.message(arguments), null,
                null, null), false);
    }

    /**
     * A resolved scan, before it is stamped with the scan's id and time.
     *
     * @param stagedOnArrival whether the scan staged a submitted form at this branch
     */
    record Resolution(TellerView view, boolean stagedOnArrival) {

        Resolution asStagedOnArrival() {
            return new Resolution(view, TellerView.FORM.equals(view.state()));
        }

        TellerView withScan(QrScanned scan) {
            return new TellerView(0, view.state(), view.code(), view.message(), scan.at(), scan.scanId(),
                    view.form());
        }
    }

    private record ConsoleFormRef(String draftId, String type) {

        static ConsoleFormRef of(TellerView view) {
            return view.form() == null ? new ConsoleFormRef(null, null)
                    : new ConsoleFormRef(view.form().draftId(), view.form().type());
        }
    }
}
