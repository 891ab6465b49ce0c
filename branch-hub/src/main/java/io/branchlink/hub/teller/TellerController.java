package io.branchlink.hub.teller;

import io.branchlink.hub.channel.ChannelClient;
import io.branchlink.hub.channel.ChannelUnavailableException;
import io.branchlink.hub.system.HubProperties;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The teller console's JSON API (docs/counter-business.md, "Teller console"). Every call acts for the signed-in
 * teller at their own terminal; errors are RFC 9457 problems with a {@code code} and the text in English
 * ({@code detail}) and Chinese ({@code detailZh}).
 *
 * @see io.branchlink.hub.teller.TellerConsoleIntegrationTests
 */
@RestController
@RequestMapping("/teller/api")
class TellerController {

    private static final int MAX_REASON = 200;
    /** The bank's days, as channel-api counts a booking's day. */
    private static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");

    private final TellerProperties tellers;
    private final TellerViews views;
    private final DecideForm decide;
    private final Decisions decisions;
    private final TellerAudit audit;
    private final ChannelClient channel;
    private final String branchId;
    private final Clock clock;

    TellerController(TellerProperties tellers, TellerViews views, DecideForm decide, Decisions decisions,
            TellerAudit audit, ChannelClient channel, HubProperties hub, Clock clock) {
        this.clock = clock;
        this.tellers = tellers;
        this.views = views;
        this.decide = decide;
        this.decisions = decisions;
        this.audit = audit;
        this.channel = channel;
        this.branchId = hub.branchId();
    }

    record Session(String tellerId, String terminalId, String branchId, String csrfHeader) {
    }

    record DecisionRequest(String confirmationId, String reason) {
    }

    /** Who is signed in; reading it also issues the CSRF cookie ({@code XSRF-TOKEN}) the page echoes on posts. */
    @GetMapping("/session")
    Session session(Principal principal, CsrfToken csrf) {
        TellerProperties.Account teller = teller(principal);
        csrf.getToken();
        return new Session(teller.id(), teller.terminal(), branchId, csrf.getHeaderName());
    }

    @GetMapping("/current")
    TellerView current(Principal principal) {
        return views.current(teller(principal).terminal()).forBrowser();
    }

    /** A terminal's view by id: only the teller's own terminal. */
    @GetMapping("/terminals/{terminalId}/current")
    TellerView terminal(Principal principal, @PathVariable String terminalId) {
        TellerProperties.Account teller = teller(principal);
        if (!teller.terminal().equals(terminalId)) {
            throw new DecideForm.NotDecided(HttpStatus.FORBIDDEN, "NOT_YOUR_TERMINAL",
                    new Message("You can only see your own terminal.", "您只能查看自己的柜台终端。"));
        }
        return views.current(terminalId).forBrowser();
    }

    @PostMapping("/forms/{draftId}/confirm")
    TellerView.Decision confirm(Principal principal, @PathVariable String draftId,
            @RequestBody(required = false) DecisionRequest request) {
        return decide.decide(teller(principal), draftId, request == null ? null : request.confirmationId(),
                DecideForm.CONFIRM, null);
    }

    @PostMapping("/forms/{draftId}/reject")
    TellerView.Decision reject(Principal principal, @PathVariable String draftId,
            @RequestBody(required = false) DecisionRequest request) {
        String reason = request == null || request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            throw new DecideForm.NotDecided(HttpStatus.BAD_REQUEST, "REASON_REQUIRED",
                    new Message("A rejection needs a reason (1 to 200 characters).", "拒绝办理须填写原因（1 至 200 字）。"));
        }
        return decide.decide(teller(principal), draftId, request.confirmationId(), DecideForm.REJECT, reason);
    }

    @GetMapping("/vouchers/{reference}")
    ResponseEntity<byte[]> voucher(Principal principal, @PathVariable String reference) {
        TellerProperties.Account teller = teller(principal);
        Optional<Decisions.StoredVoucher> stored = decisions.voucher(reference);
        if (stored.isPresent() && !stored.get().terminalId().equals(teller.terminal())) {
            throw new DecideForm.NotDecided(HttpStatus.FORBIDDEN, "NOT_YOUR_TERMINAL",
                    new Message("This voucher was issued at another terminal.", "此凭证由其他柜台终端出具。"));
        }
        byte[] pdf;
        try {
            pdf = stored.map(Decisions.StoredVoucher::bytes).or(() -> channel.voucher(reference)).orElse(null);
        } catch (ChannelUnavailableException e) {
            throw new DecideForm.NotDecided(HttpStatus.SERVICE_UNAVAILABLE, "CHANNEL_UNAVAILABLE",
                    new Message("The bank's system cannot be reached. Try again.", "暂时无法连接银行系统，请重试。"));
        }
        if (pdf == null) {
            throw new DecideForm.NotDecided(HttpStatus.NOT_FOUND, "VOUCHER_UNKNOWN",
                    new Message("No such voucher.", "没有此凭证。"));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"" + reference.replaceAll("[^A-Za-z0-9._-]", "_")
                        + ".pdf\"")
                .body(pdf);
    }

    /**
     * The branch's cash orders for the next {@code days} days from today (large-cash bookings by date and
     * denomination), through the hub API with the hub's credentials: always this hub's branch.
     */
    @GetMapping("/cash-orders")
    Map<String, Object> cashOrders(Principal principal, @RequestParam(defaultValue = "7") int days) {
        teller(principal);
        LocalDate today = LocalDate.now(clock.withZone(BANK_ZONE));
        try {
            return Map.of("from", today, "orders", channel.cashOrders(today,
                    today.plusDays(Math.max(0, Math.min(days, 31)))));
        } catch (ChannelUnavailableException e) {
            throw new DecideForm.NotDecided(HttpStatus.SERVICE_UNAVAILABLE, "CHANNEL_UNAVAILABLE",
                    new Message("The bank's system cannot be reached. Try again.", "暂时无法连接银行系统，请重试。"));
        }
    }

    @GetMapping("/audit")
    Map<String, List<TellerAudit.AuditRecord>> audit(Principal principal,
            @RequestParam(defaultValue = "50") int limit) {
        teller(principal);
        return Map.of("records", audit.latest(Math.max(1, Math.min(limit, 500))));
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

    private TellerProperties.Account teller(Principal principal) {
        return tellers.account(principal.getName()).orElseThrow(() -> new DecideForm.NotDecided(
                HttpStatus.FORBIDDEN, "NOT_A_TELLER", new Message("Not a teller.", "不是柜员账户。")));
    }
}
