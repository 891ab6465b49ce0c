package io.branchlink.hub.teller;

import io.branchlink.hub.form.StagedForm;
import io.branchlink.hub.form.StagedForms;
import io.branchlink.hub.queue.QueueSummary;
import io.branchlink.hub.queue.QueuedTicket;
import io.branchlink.hub.queue.TicketQueue;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's queue panel (docs/branch-hub.md, "The queue"): today's tickets, the terminal's called ticket with
 * its customer's staged forms, "Call next" (the next ticket is called to the teller's terminal and its customer's
 * first staged form opens as a scan of its code would open it), opening another of the customer's forms, and
 * "Done". Errors are the console's problems, as {@link TellerController} answers them.
 *
 * @see io.branchlink.hub.teller.QueueConsoleIntegrationTests
 */
@RestController
@RequestMapping("/teller/api/queue")
class QueueController {

    private final TellerProperties tellers;
    private final TicketQueue queue;
    private final StagedForms staged;
    private final ResolveScan scans;
    private final TellerViews views;
    private final TellerAudit audit;
    private final Clock clock;

    QueueController(TellerProperties tellers, TicketQueue queue, StagedForms staged, ResolveScan scans,
            TellerViews views, TellerAudit audit, Clock clock) {
        this.tellers = tellers;
        this.queue = queue;
        this.staged = staged;
        this.scans = scans;
        this.views = views;
        this.audit = audit;
        this.clock = clock;
    }

    /** One of the called customer's staged forms, as the queue panel lists it. */
    record QueueForm(String draftId, String type, Message label) {
    }

    /** The ticket called to this terminal and its customer's forms staged here. */
    record Called(QueuedTicket ticket, List<QueueForm> forms) {
    }

    /** Today's queue: every ticket by number (the customer shown by initial only), the summary, this terminal's call. */
    record Queue(List<Ticket> tickets, QueueSummary summary, Called current) {
    }

    /** A ticket as the browser gets it: no customer id. */
    record Ticket(String ticketId, String label, String customerInitial, String source, int formsStaged,
            String status, java.time.Instant issuedAt, java.time.Instant calledAt, String terminalId,
            java.time.Instant doneAt) {

        static Ticket of(QueuedTicket t) {
            return new Ticket(t.ticketId(), t.label(), t.customerInitial(), t.source(), t.formsStaged(), t.status(),
                    t.issuedAt(), t.calledAt(), t.terminalId(), t.doneAt());
        }
    }

    @GetMapping
    Queue queue(Principal principal) {
        TellerProperties.Account teller = teller(principal);
        return new Queue(queue.today().stream().map(Ticket::of).toList(), queue.summary(),
                queue.calledAt(teller.terminal()).map(this::called).orElse(null));
    }

    /** Calls the next waiting ticket to the teller's terminal and opens its customer's first staged form. */
    @PostMapping("/call-next")
    Called callNext(Principal principal) {
        TellerProperties.Account teller = teller(principal);
        QueuedTicket ticket = queue.callNext(teller.terminal()).orElseThrow(() -> new DecideForm.NotDecided(
                HttpStatus.CONFLICT, "QUEUE_EMPTY", new Message("Nobody is waiting.", "没有排队的客户。")));
        Called called = called(ticket);
        audit.record("QUEUE", teller.id(), teller.terminal(), null, null, "CALLED " + ticket.label());
        if (!called.forms().isEmpty()) {
            open(teller, ticket, called.forms().get(0).draftId());
        }
        return called;
    }

    /** Opens another staged form of the ticket called to this terminal. */
    @PostMapping("/tickets/{ticketId}/forms/{draftId}/open")
    Called openForm(Principal principal, @PathVariable String ticketId, @PathVariable String draftId) {
        TellerProperties.Account teller = teller(principal);
        QueuedTicket ticket = queue.calledAt(teller.terminal()).filter(t -> t.ticketId().equals(ticketId))
                .orElseThrow(QueueController::notCalledHere);
        open(teller, ticket, draftId);
        return called(ticket);
    }

    @PostMapping("/tickets/{ticketId}/done")
    Ticket done(Principal principal, @PathVariable String ticketId) {
        TellerProperties.Account teller = teller(principal);
        QueuedTicket done = queue.done(ticketId, teller.terminal()).orElseThrow(QueueController::notCalledHere);
        audit.record("QUEUE", teller.id(), teller.terminal(), null, null, "DONE " + done.label());
        return Ticket.of(done);
    }

    private void open(TellerProperties.Account teller, QueuedTicket ticket, String draftId) {
        Optional<StagedForm> form = staged.ofCustomer(ticket.customerId()).stream()
                .filter(f -> f.draftId().equals(draftId)).findFirst();
        if (form.isEmpty()) {
            throw new DecideForm.NotDecided(HttpStatus.NOT_FOUND, "FORM_NOT_STAGED", new Message(
                    "This customer has no such form staged here.", "该客户在本网点没有此预填单。"));
        }
        TellerView shown = views.show(teller.terminal(), scans.opened(form.get(), "ticket-" + ticket.ticketId()
                + "-" + draftId, clock.instant()));
        audit.record("QUEUE", teller.id(), teller.terminal(), draftId, form.get().form().type(),
                TellerView.FORM.equals(shown.state()) ? "FORM_SHOWN" : shown.code());
    }

    private Called called(QueuedTicket ticket) {
        return new Called(ticket, staged.ofCustomer(ticket.customerId()).stream().map(f -> {
            TellerView.ConsoleForm form = scans.consoleForm(f);
            return new QueueForm(f.draftId(), form.type(), form.label());
        }).toList());
    }

    @ExceptionHandler(DecideForm.NotDecided.class)
    ResponseEntity<ProblemDetail> notDecided(DecideForm.NotDecided e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status, e.text.en());
        problem.setType(URI.create("https://branchlink.io/errors/" + e.code.toLowerCase().replace('_', '-')));
        problem.setTitle(e.status.getReasonPhrase());
        problem.setProperty("code", e.code);
        problem.setProperty("detailZh", e.text.zh());
        return ResponseEntity.status(e.status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static DecideForm.NotDecided notCalledHere() {
        return new DecideForm.NotDecided(HttpStatus.CONFLICT, "NOT_CALLED_HERE", new Message(
                "This ticket is not called to your counter.", "此号未叫到您的柜台。"));
    }

    private TellerProperties.Account teller(Principal principal) {
        return tellers.account(principal.getName()).orElseThrow(() -> new DecideForm.NotDecided(
                HttpStatus.FORBIDDEN, "NOT_A_TELLER", new Message("Not a teller.", "不是柜员账户。")));
    }
}
