package io.branchlink.channel.form;

import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.protocol.hubapi.Execution;
import io.branchlink.protocol.hubapi.ExecutionRequest;
import io.branchlink.protocol.hubapi.Feed;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.hubapi.HubProblemCode;
import io.branchlink.protocol.hubapi.TokenStatus;
import io.branchlink.protocol.rc.Irc;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.concurrent.TimeUnit;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Counter business for branch hubs: the staging feed (a long poll that behaves like a push), token lookup, staging
 * on the customer's arrival at the counter, the teller's decision and the branch's vouchers. The branch is always
 * the authenticated hub's. The bodies are the records of {@code protocol.hubapi}, which the hub reads too; the
 * services build them, and the request's checks are declared on the protocol record by {@code HubRequestConstraints}.
 */
@RestController
@RequestMapping(HubApiPaths.PREFIX)
@Tag(name = "Branch hubs: counter business")
class HubFormController {

    static final int MAX_WAIT_SECONDS = 30;

    private final FormStaging staging;
    private final FeedSignals signals;
    private final FormService forms;
    private final FormExecutionService executions;
    private final VoucherArchive vouchers;

    HubFormController(FormStaging staging, FeedSignals signals, FormService forms, FormExecutionService executions,
            VoucherArchive vouchers) {
        this.staging = staging;
        this.signals = signals;
        this.forms = forms;
        this.executions = executions;
        this.vouchers = vouchers;
    }

    /**
     * Answers at once when the branch has events after {@code after}; otherwise waits, holding no database
     * connection, until an event for the branch commits or {@code waitSeconds} (at most 30) pass.
     */
    @GetMapping("/forms/feed")
    @Operation(summary = "The branch's staging events after a sequence number (long poll)")
    Feed feed(@AuthenticationPrincipal HubPrincipal hub, @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "0") int waitSeconds) throws InterruptedException {
        if (after < 0 || waitSeconds < 0) {
            throw FormProblems.of(Irc.FORMAT_ERROR, HubProblemCode.FEED_PARAMETERS.name(),
                    "after and waitSeconds must not be negative.");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(waitSeconds, MAX_WAIT_SECONDS));
        long generation = signals.current(hub.branchId());
        Feed feed = staging.after(hub.branchId(), after);
        while (feed.events().isEmpty() && signals.awaitChange(hub.branchId(), generation, deadline)) {
            generation = signals.current(hub.branchId());
            feed = staging.after(hub.branchId(), after);
        }
        return feed;
    }

    @GetMapping("/forms/tokens/{tokenId:[0-9a-f]{32}}")
    @Operation(summary = "A FORM token's form: its status and branch, and the form itself when it is at this branch")
    TokenStatus token(@AuthenticationPrincipal HubPrincipal hub, @PathVariable String tokenId) {
        return forms.tokenStatus(hub.branchId(), tokenId);
    }

    /**
     * Stages a submitted form at the hub's branch: its customer showed the code at this branch's counter without
     * choosing a branch in the app. Idempotent: a form already staged here is answered as it is.
     */
    @PostMapping("/forms/tokens/{tokenId:[0-9a-f]{32}}/stage")
    @Operation(summary = "Stage a submitted form at the hub's branch, on the customer's arrival at its counter")
    TokenStatus stageOnArrival(@AuthenticationPrincipal HubPrincipal hub, @PathVariable String tokenId) {
        return forms.stageOnArrival(hub, tokenId);
    }

    @PostMapping("/forms/executions")
    @Operation(summary = "A teller's decision on a staged form (idempotent on confirmationId)")
    Execution execute(@AuthenticationPrincipal HubPrincipal hub, @Valid @RequestBody ExecutionRequest request) {
        return executions.execute(hub, request);
    }

    @GetMapping("/vouchers/{reference:V-[A-Z0-9]{1,16}-[0-9]{8}-[0-9]{6}}")
    @Operation(summary = "A voucher of the hub's branch as PDF")
    ResponseEntity<byte[]> voucher(@AuthenticationPrincipal HubPrincipal hub, @PathVariable String reference) {
        return FormController.pdf(vouchers.find(reference)
                .filter(v -> v.branchId().equals(hub.branchId()))
                .orElseThrow(() -> FormProblems.of(Irc.NOT_FOUND,
                        HubProblemCode.VOUCHER_NOT_FOUND.name(), "Voucher not found")));
    }
}
