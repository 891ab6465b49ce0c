package io.branchlink.hub.teller;

import io.branchlink.hub.channel.ChannelClient;
import io.branchlink.hub.channel.ChannelUnavailableException;
import io.branchlink.hub.channel.HubForms;
import io.branchlink.hub.device.DeviceCommands;
import io.branchlink.hub.form.StagedForms;
import io.branchlink.protocol.hubapi.ExecutionRequest;
import io.branchlink.protocol.mqtt.PrintVoucher;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A teller's confirmation or rejection of the form on their terminal. Under the cluster lock of the form's draft id:
 * a stored outcome is returned as it is; otherwise channel-api executes the decision with the form's confirmation
 * id (which the hub created when it first stored the form; retries with it are safe), the outcome is stored, the
 * staged form dropped, and for {@code EXECUTED} the voucher is sent to the terminal's printer. So a second click, a
 * refresh or a second tab, on any node, gets the same outcome, and channel-api sees one decision per form.
 *
 * @see io.branchlink.hub.teller.TellerConsoleIntegrationTests
 */
@Service
class DecideForm {

    static final String CONFIRM = "CONFIRM";
    static final String REJECT = "REJECT";
    private static final Logger log = LoggerFactory.getLogger(DecideForm.class);

    private final TellerViews views;
    private final Decisions decisions;
    private final StagedForms staged;
    private final ChannelClient channel;
    private final TellerAudit audit;
    private final DeviceCommands commands;
    private final Clock clock;
    private final CashBookingCounter bookings;

    DecideForm(TellerViews views, Decisions decisions, StagedForms staged, ChannelClient channel, TellerAudit audit,
            DeviceCommands commands, Clock clock, CashBookingCounter bookings) {
        this.bookings = bookings;
        this.views = views;
        this.decisions = decisions;
        this.staged = staged;
        this.channel = channel;
        this.audit = audit;
        this.commands = commands;
        this.clock = clock;
    }

    /** A decision that could not be made, with the HTTP status and bilingual text the console shows. */
    static final class NotDecided extends RuntimeException {

        final HttpStatus status;
        final String code;
        final Message text;

        NotDecided(HttpStatus status, String code, Message text) {
            super(code, null, false, false);
            this.status = status;
            this.code = code;
            this.text = text;
        }
    }

    TellerView.Decision decide(TellerProperties.Account teller, String draftId, String confirmationId,
            String decision, String reason) {
        Optional<TellerView.Decision> done = decisions.find(draftId);
        if (done.isPresent()) {
            return mine(teller, done.get());
        }
        TellerView.ConsoleForm form = views.current(teller.terminal()).form();
        if (form == null || !form.draftId().equals(draftId)) {
            throw new NotDecided(HttpStatus.FORBIDDEN, "NOT_AT_YOUR_TERMINAL",
                    new Message("This form is not on your terminal.", "此业务不在您的柜台终端上。"));
        }
        if (confirmationId != null && !confirmationId.equals(form.confirmationId())) {
            throw new NotDecided(HttpStatus.CONFLICT, "STALE_CONFIRMATION",
                    new Message("This page shows an older copy of the form. Reload it.", "页面内容已过期，请刷新。"));
        }
        AtomicReference<TellerView.Decision> outcome = new AtomicReference<>();
        boolean locked;
        try {
            locked = decisions.underLock(draftId, 30, () -> outcome.set(decisions.find(draftId)
                    .orElseGet(() -> execute(teller, form, decision, reason))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            throw new NotDecided(HttpStatus.SERVICE_UNAVAILABLE, "BUSY",
                    new Message("Another decision on this form is in progress. Try again.", "此业务正在处理中，请稍后重试。"));
        }
        return mine(teller, outcome.get());
    }

    private TellerView.Decision execute(TellerProperties.Account teller, TellerView.ConsoleForm form, String decision,
            String reason) {
        String action = CONFIRM.equals(decision) ? "CONFIRM" : "REJECT";
        if (CashBookingCounter.TYPE.equals(form.type())) {
            return payOut(teller, form, action);
        }
        HubForms.ExecutionAnswer answer;
        try {
            answer = channel.execute(new ExecutionRequest(form.confirmationId(), form.tokenId(), teller.id(),
                    teller.terminal(), decision, reason));
        } catch (ChannelUnavailableException e) {
            audit.record(action, teller.id(), teller.terminal(), form.draftId(), form.type(), "CHANNEL_UNAVAILABLE");
            throw new NotDecided(HttpStatus.SERVICE_UNAVAILABLE, "CHANNEL_UNAVAILABLE",
                    new Message("The bank's system cannot be reached; nothing was done. Try again.",
                            "暂时无法连接银行系统，业务未办理，请重试。"));
        }
        if (!answer.decided()) {
            audit.record(action, teller.id(), teller.terminal(), form.draftId(), form.type(), answer.code());
            if (answer.status() == 410 || answer.status() == 403 || answer.status() == 404) {
                staged.remove(form.tokenId());
            }
            throw notDone(answer);
        }
        HubForms.Outcome result = answer.outcome();
        HubForms.Voucher voucher = result.voucher();
        String reference = voucher != null ? voucher.reference() : result.voucherReference();
        TellerView.Decision stored = new TellerView.Decision(form.draftId(), form.type(),
                result.confirmationId() != null ? result.confirmationId() : form.confirmationId(), result.outcome(),
                result.message(), result.result() == null ? Map.of() : result.result(),
                result.tellerId() != null ? result.tellerId() : teller.id(), teller.terminal(),
                result.decidedAt() != null ? result.decidedAt() : clock.instant(), reference,
                voucher == null ? null : voucher.contentHash(), answer.status() == 409);
        decisions.store(stored);
        staged.remove(form.tokenId());
        views.decided(teller.terminal(), stored);
        audit.record(action, teller.id(), teller.terminal(), form.draftId(), form.type(),
                stored.decidedElsewhere() ? "ALREADY_DECIDED_" + stored.outcome() : stored.outcome());
        if ("EXECUTED".equals(stored.outcome()) && !stored.decidedElsewhere() && voucher != null) {
            print(teller.terminal(), voucher);
        }
        return stored;
    }

    /**
     * A booking on the console: CONFIRM pays it out through channel-api, REJECT (the teller does not pay it, the
     * customer's ID did not match) only closes it here and the booking stays open.
     */
    private TellerView.Decision payOut(TellerProperties.Account teller, TellerView.ConsoleForm form, String action) {
        TellerView.Decision stored;
        if ("CONFIRM".equals(action)) {
            try {
                stored = bookings.pay(teller, form);
            } catch (NotDecided e) {
                audit.record(action, teller.id(), teller.terminal(), form.draftId(), form.type(), e.code);
                throw e;
            }
        } else {
            stored = new TellerView.Decision(form.draftId(), form.type(), form.confirmationId(), "REJECTED",
                    "Not paid out; the booking stays open.", Map.of(), teller.id(), teller.terminal(),
                    clock.instant(), null, null, false);
        }
        decisions.store(stored);
        views.decided(teller.terminal(), stored);
        audit.record(action, teller.id(), teller.terminal(), form.draftId(), form.type(), stored.outcome());
        if ("EXECUTED".equals(stored.outcome()) && stored.voucherReference() != null) {
            print(teller.terminal(), new HubForms.Voucher(stored.voucherReference(), stored.voucherContentHash(),
                    null));
        }
        return stored;
    }

    /** Keeps the voucher for the console's link and asks the terminal's printer to print it. */
    private void print(String terminalId, HubForms.Voucher voucher) {
        try {
            byte[] pdf = voucher.pdf() != null ? voucher.pdf()
                    : channel.voucher(voucher.reference()).orElse(null);
            if (pdf == null) {
                log.warn("teller.voucher missing reference={} terminal={}", voucher.reference(), terminalId);
                return;
            }
            decisions.storeVoucher(voucher.reference(), terminalId, voucher.contentHash(), pdf);
            PrintVoucher command = PrintVoucher.of(UUID.randomUUID().toString(), voucher.reference(),
                    voucher.contentHash(), pdf, clock.instant());
            commands.send(terminalId, command);
            log.info("teller.voucher sent reference={} terminal={} commandId={} bytes={}", voucher.reference(),
                    terminalId, command.commandId(), pdf.length);
        } catch (RuntimeException e) {
            log.error("teller.voucher not sent reference={} terminal={} error={}", voucher.reference(), terminalId,
                    e.getClass().getName());
        }
    }

    private static TellerView.Decision mine(TellerProperties.Account teller, TellerView.Decision decision) {
        if (!teller.terminal().equals(decision.terminalId())) {
            throw new NotDecided(HttpStatus.FORBIDDEN, "NOT_AT_YOUR_TERMINAL",
                    new Message("This form was decided at another terminal.", "此业务已在其他柜台终端处理。"));
        }
        return decision;
    }

    private static NotDecided notDone(HubForms.ExecutionAnswer answer) {
        return switch (answer.status()) {
            case 410 -> new NotDecided(HttpStatus.GONE, answer.code(),
                    new Message("The form expired; nothing was done.", "此业务已过期，未办理。"));
            case 403 -> new NotDecided(HttpStatus.CONFLICT, answer.code(),
                    new Message("The form was moved to another branch; nothing was done.", "此业务已改到其他网点，未办理。"));
            case 404 -> new NotDecided(HttpStatus.NOT_FOUND, answer.code(),
                    new Message("The bank does not know this form; nothing was done.", "银行系统中没有此业务，未办理。"));
            default -> new NotDecided(HttpStatus.BAD_GATEWAY, answer.code(),
                    new Message("The bank refused the request (" + answer.code() + "); nothing was done.",
                            "银行系统拒绝了请求（" + answer.code() + "），未办理。"));
        };
    }
}
