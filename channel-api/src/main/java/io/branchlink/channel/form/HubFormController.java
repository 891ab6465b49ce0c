package io.branchlink.channel.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.protocol.hubapi.Execution;
import io.branchlink.protocol.hubapi.ExecutionRequest;
import io.branchlink.protocol.hubapi.Feed;
import io.branchlink.protocol.hubapi.FeedEvent;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.hubapi.HubProblemCode;
import io.branchlink.protocol.hubapi.StagedForm;
import io.branchlink.protocol.hubapi.TokenStatus;
import io.branchlink.protocol.hubapi.VoucherCopy;
import io.branchlink.protocol.rc.Irc;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Base64;
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
 * the authenticated hub's. The bodies are the records of {@code protocol.hubapi}, which the hub reads too.
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
    private final ObjectMapper json;

    HubFormController(FormStaging staging, FeedSignals signals, FormService forms, FormExecutionService executions,
            VoucherArchive vouchers, ObjectMapper json) {
        this.staging = staging;
        this.signals = signals;
        this.forms = forms;
        this.executions = executions;
        this.vouchers = vouchers;
        this.json = json;
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
        FormApi.Feed feed = staging.after(hub.branchId(), after);
        while (feed.events().isEmpty() && signals.awaitChange(hub.branchId(), generation, deadline)) {
            generation = signals.current(hub.branchId());
            feed = staging.after(hub.branchId(), after);
        }
        return new Feed(feed.events().stream()
                .map(e -> new FeedEvent(e.seq(), e.kind(), e.tokenId(), stagedForm(e.form())))
                .toList(), feed.last());
    }

    @GetMapping("/forms/tokens/{tokenId:[0-9a-f]{32}}")
    @Operation(summary = "A FORM token's form: its status and branch, and the form itself when it is at this branch")
    TokenStatus token(@AuthenticationPrincipal HubPrincipal hub, @PathVariable String tokenId) {
        return tokenStatus(forms.tokenStatus(hub.branchId(), tokenId));
    }

    /**
     * Stages a submitted form at the hub's branch: its customer showed the code at this branch's counter without
     * choosing a branch in the app. Idempotent: a form already staged here is answered as it is.
     */
    @PostMapping("/forms/tokens/{tokenId:[0-9a-f]{32}}/stage")
    @Operation(summary = "Stage a submitted form at the hub's branch, on the customer's arrival at its counter")
    TokenStatus stageOnArrival(@AuthenticationPrincipal HubPrincipal hub, @PathVariable String tokenId) {
        return tokenStatus(forms.stageOnArrival(hub, tokenId));
    }

    @PostMapping("/forms/executions")
    @Operation(summary = "A teller's decision on a staged form (idempotent on confirmationId)")
    Execution execute(@AuthenticationPrincipal HubPrincipal hub, @Valid @RequestBody ExecutionRequest request) {
        FormApi.Execution execution = executions.execute(hub, new FormApi.ExecutionRequest(request.confirmationId(),
                request.tokenId(), request.tellerId(), request.terminalId(), request.decision(), request.reason()));
        FormApi.VoucherCopy voucher = execution.voucher();
        return new Execution(execution.confirmationId(),
                execution.draftId() == null ? null : execution.draftId().toString(), execution.outcome(),
                execution.message(), execution.result(), execution.decidedAt(), voucher == null ? null
                        : new VoucherCopy(voucher.reference(), voucher.contentHash(),
                                voucher.pdf() == null ? null : Base64.getDecoder().decode(voucher.pdf())));
    }

    @GetMapping("/vouchers/{reference:V-[A-Z0-9]{1,16}-[0-9]{8}-[0-9]{6}}")
    @Operation(summary = "A voucher of the hub's branch as PDF")
    ResponseEntity<byte[]> voucher(@AuthenticationPrincipal HubPrincipal hub, @PathVariable String reference) {
        return FormController.pdf(vouchers.find(reference)
                .filter(v -> v.branchId().equals(hub.branchId()))
                .orElseThrow(() -> FormProblems.of(Irc.NOT_FOUND,
                        HubProblemCode.VOUCHER_NOT_FOUND.name(), "Voucher not found")));
    }

    private TokenStatus tokenStatus(FormApi.TokenStatus status) {
        return new TokenStatus(status.status(), status.branchId(), status.decidedAt(), stagedForm(status.form()));
    }

    private StagedForm stagedForm(JsonNode form) {
        if (form == null || form.isNull()) {
            return null;
        }
        try {
            return json.treeToValue(form, StagedForm.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a staged form does not read as protocol.hubapi.StagedForm", e);
        }
    }
}
