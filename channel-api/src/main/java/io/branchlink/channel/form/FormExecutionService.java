package io.branchlink.channel.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.channel.form.internal.FormDraft;
import io.branchlink.channel.form.internal.FormDraftRepository;
import io.branchlink.channel.form.internal.FormStatus;
import io.branchlink.channel.form.internal.action.BusinessFailure;
import io.branchlink.channel.form.internal.action.CounterAction;
import io.branchlink.channel.form.internal.action.CounterActions;
import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.system.ApiException;
import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.prefill.catalog.FormDefinition;
import io.branchlink.protocol.hubapi.Execution;
import io.branchlink.protocol.hubapi.ExecutionRequest;
import io.branchlink.protocol.hubapi.TellerDecision;
import io.branchlink.protocol.hubapi.HubProblemCode;
import io.branchlink.protocol.rc.Irc;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides a staged form for a teller, once. In one transaction: a stored answer for the confirmation id is returned
 * as it was; otherwise a conditional update ({@code where status = 'STAGED'} at the hub's branch, token unexpired)
 * claims the form, so of two concurrent confirmations exactly one proceeds and the other, once the first has
 * committed, finds it decided. Every answer, the first included, is read back from what was stored
 * ({@link ExecutionAnswers}), so a retry gets exactly the same one. The business ({@link CounterActions}) runs in a
 * savepoint: a {@link BusinessFailure} rolls back what it did and the form is recorded {@code FAILED}. An executed
 * form's voucher is rendered, sealed with the customer's consent (the form's submission and this confirmation) and
 * archived in the same transaction. Before the business runs, the risk engine is asked
 * ({@link CounterRisk}): a DENY records the form {@code FAILED} with the refusal as its message, and nothing of the
 * business runs.
 *
 * @see io.branchlink.channel.form.FormExecutionIntegrationTests
 */
@Service
class FormExecutionService {

    private static final Logger log = LoggerFactory.getLogger(FormExecutionService.class);

    private final JdbcClient jdbc;
    private final FormCatalog catalog;
    private final FormDraftRepository drafts;
    private final CounterActions actions;
    private final FormStaging staging;
    private final VoucherArchive vouchers;
    private final ExecutionAnswers answers;
    private final FormsProperties properties;
    private final ObjectMapper json;
    private final Clock clock;
    private final TransactionTemplate savepoint;
    private final CounterRisk risk;

    FormExecutionService(JdbcClient jdbc, FormCatalog catalog, FormDraftRepository drafts, CounterActions actions,
            FormStaging staging, VoucherArchive vouchers, ExecutionAnswers answers, FormsProperties properties,
            ObjectMapper json, Clock clock, PlatformTransactionManager transactions, CounterRisk risk) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.drafts = drafts;
        this.actions = actions;
        this.staging = staging;
        this.vouchers = vouchers;
        this.answers = answers;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.risk = risk;
    }

    @Transactional
    public Execution execute(HubPrincipal hub, ExecutionRequest request) {
        Optional<Execution> replay = answers.stored(hub, request);
        if (replay.isPresent()) {
            return replay.get();
        }
        FormDraft draft = byToken(request.tokenId());
        refuseUnlessOpenHere(hub, draft);
        requireTellerTerminal(hub, request.terminalId());
        boolean confirm = TellerDecision.CONFIRM.name().equals(request.decision());
        if (!confirm && (request.reason() == null || request.reason().isBlank())) {
            throw FormProblems.of(Irc.MISSING_FIELD, HubProblemCode.REASON_REQUIRED, "A rejection needs a reason.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!claim(hub, draft, now)) {
            return answers.stored(hub, request).orElseGet(() -> {
                refuseUnlessOpenHere(hub, byToken(request.tokenId()));
                throw new IllegalStateException("form " + draft.id() + " could not be claimed");
            });
        }
        FormDefinition form = catalog.get(draft.type());
        Map<String, String> values = drafts.values(draft);
        Decision decision = confirm ? carryOut(hub, request, draft, form, values, now)
                : new Decision(FormStatus.REJECTED, request.reason().strip(), Map.of(), null);
        record(hub, request, draft, decision, now);
        staging.withdrawn(hub.branchId(), draft.tokenId());
        log.info("form decided draft={} token={} type={} branch={} teller={} outcome={} voucher={}", draft.id(),
                draft.shortToken(), draft.type(), hub.branchId(), request.tellerId(), decision.outcome(),
                decision.voucherReference() == null ? "-" : decision.voucherReference());
        return answers.stored(hub, request).orElseThrow();
    }

    /**
     * Claims the staged form for this decision: {@code EXECUTED} until the decision is recorded, all in this
     * transaction. False when another decision, the expiry or a move got there first.
     */
    private boolean claim(HubPrincipal hub, FormDraft draft, Instant now) {
        return jdbc.sql("""
                update form_drafts set status = ?, decided_at = ?, updated_at = ?
                 where id = ? and status in (%s) and branch_id = ? and token_expires_at > ?
                """.formatted(FormStatus.EXECUTED.sqlSources()))
                .params(FormStatus.EXECUTED.name(), Timestamp.from(now), Timestamp.from(now), draft.id(),
                        hub.branchId(), Timestamp.from(now))
                .update() == 1;
    }

    /** Carries out the business in a savepoint and archives its voucher; a business failure undoes the business. */
    private Decision carryOut(HubPrincipal hub, ExecutionRequest request, FormDraft draft, FormDefinition form,
            Map<String, String> values, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, properties.zone());
        List<RiskRequest> questions = risk.questions(new CounterAction.Context(draft.id(), draft.customerId(),
                draft.type(), form.action(), values, hub.branchId(), request.tellerId(), request.terminalId(), null,
                now, today));
        CounterRisk.Verdict verdict = risk.ask(questions, draft.id());
        if (verdict.refusal() != null) {
            String reason = verdict.refusal().reasons().isEmpty() ? ""
                    : " " + verdict.refusal().reasons().get(0).description();
            return new Decision(FormStatus.FAILED, "Refused by the bank's risk checks." + reason,
                    Map.of(CounterRisk.DECISION, verdict.refusal().id().toString()), null);
        }
        try {
            Decision executed = savepoint.execute(status -> {
                String reference = vouchers.nextReference(hub.branchId(), today);
                CounterAction.Done business = actions.perform(new CounterAction.Context(draft.id(),
                        draft.customerId(), draft.type(), form.action(), values, hub.branchId(),
                        request.tellerId(), request.terminalId(), reference, now, today));
                Map<String, String> result = business.result();
                if (verdict.steppedUp() != null) {
                    result = new LinkedHashMap<>(result);
                    result.put(CounterRisk.DECISION, verdict.steppedUp().id().toString());
                    result.put(CounterRisk.SECOND_FACTOR, CounterRisk.ID_CHECKED_AT_COUNTER);
                }
                return new Decision(FormStatus.EXECUTED, business.message(), result, reference);
            });
            Map<String, String> steppedUp = new LinkedHashMap<>();
            if (verdict.steppedUp() != null) {
                steppedUp.put(CounterRisk.DECISION, verdict.steppedUp().id().toString());
                steppedUp.put(CounterRisk.SECOND_FACTOR, CounterRisk.ID_CHECKED_AT_COUNTER);
            }
            vouchers.archive(executed.voucherReference(), draft.id(), form, values, draft.customerId(),
                    hub.branchId(), request.tellerId(), draft.submittedAt(), now,
                    VoucherArchive.consent(draft.id(), draft.tokenId(), draft.submittedAt(),
                            request.confirmationId(), request.tellerId(), request.terminalId(), now, steppedUp));
            risk.executed(questions, executed.result(), now);
            return executed;
        } catch (BusinessFailure failure) {
            return new Decision(FormStatus.FAILED, failure.getMessage(), Map.of(), null);
        }
    }

    /** Records the decision on the claimed form and the answer every retry of this confirmation gets. */
    private void record(HubPrincipal hub, ExecutionRequest request, FormDraft draft, Decision decision, Instant now) {
        if (decision.outcome() != FormStatus.EXECUTED) {
            jdbc.sql("update form_drafts set status = ? where id = ?").params(decision.outcome().name(), draft.id())
                    .update();
        }
        jdbc.sql("update form_drafts set outcome_message = ? where id = ?").params(decision.message(), draft.id())
                .update();
        jdbc.sql("""
                insert into form_executions (confirmation_id, draft_id, hub_id, teller_id, terminal_id, decision,
                                             outcome, message, result, voucher_reference, decided_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                """)
                .params(request.confirmationId(), draft.id(), hub.hubId(), request.tellerId(), request.terminalId(),
                        request.decision(), decision.outcome().name(), decision.message(), write(decision.result()),
                        decision.voucherReference(), Timestamp.from(now))
                .update();
    }

    private FormDraft byToken(String tokenId) {
        return drafts.byToken(tokenId).orElseThrow(FormProblems::unknown);
    }

    private void refuseUnlessOpenHere(HubPrincipal hub, FormDraft draft) {
        if (draft.decided()) {
            ApiException problem = FormProblems.of(Irc.DUPLICATE, HubProblemCode.FORM_ALREADY_DECIDED,
                    "This form was already decided: " + draft.status().text() + ".");
            answers.existing(draft.id()).ifPresent(existing -> problem.getBody().setProperty("existing", existing));
            throw problem;
        }
        if (draft.status() == FormStatus.EXPIRED
                || (draft.open() && !draft.tokenExpiresAt().isAfter(clock.instant()))) {
            throw FormProblems.expired();
        }
        if (draft.status() == FormStatus.CANCELLED) {
            throw FormProblems.of(Irc.CONFLICT, HubProblemCode.FORM_CANCELLED, "The customer cancelled this form.");
        }
        if (draft.status() != FormStatus.STAGED || !hub.branchId().equals(draft.branchId())) {
            throw FormProblems.otherBranch();
        }
    }

    private void requireTellerTerminal(HubPrincipal hub, String terminalId) {
        boolean ours = jdbc.sql("select count(*) from terminals where id = ? and branch_id = ? and kind = 'TELLER'")
                .params(terminalId, hub.branchId())
                .query(Integer.class)
                .single() > 0;
        if (!ours) {
            throw FormProblems.of(Irc.ACCESS_DENIED, HubProblemCode.TERMINAL_OTHER_BRANCH,
                    "Terminal " + terminalId + " is not a teller terminal of this hub's branch.");
        }
    }

    private String write(Map<String, String> result) {
        try {
            return json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The teller's decision as recorded: its outcome, the message, the business's result and the voucher. */
    private record Decision(FormStatus outcome, String message, Map<String, String> result, String voucherReference) {
    }
}
