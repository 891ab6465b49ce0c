package io.branchlink.channel.form;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.form.internal.FormDraft;
import io.branchlink.channel.form.internal.FormDraftRepository;
import io.branchlink.channel.form.internal.FormStatus;
import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.hubapi.TokenStatus;
import io.branchlink.protocol.hubapi.HubProblemCode;
import io.branchlink.protocol.rc.Irc;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stages a submitted form at a branch: chosen in the app (or moved there from another branch), or the branch whose
 * counter the customer showed the code at. Each staging is a conditional update with its outbox events in the same
 * transaction.
 *
 * @see io.branchlink.channel.form.FormIntegrationTests
 */
@Service
class StageForm {

    private static final Logger log = LoggerFactory.getLogger(StageForm.class);

    private final JdbcClient jdbc;
    private final FormDraftRepository drafts;
    private final FormStaging staging;
    private final LookUpToken tokens;
    private final DraftViews views;
    private final CustomerChecks checks;
    private final Clock clock;

    StageForm(JdbcClient jdbc, FormDraftRepository drafts, FormStaging staging, LookUpToken tokens, DraftViews views,
            CustomerChecks checks, Clock clock) {
        this.jdbc = jdbc;
        this.drafts = drafts;
        this.staging = staging;
        this.tokens = tokens;
        this.views = views;
        this.checks = checks;
        this.clock = clock;
    }

    /** Stages a submitted form at a branch, or moves a staged one to another branch. */
    @Transactional
    public FormApi.Draft stage(CustomerPrincipal customer, UUID id, String branchId) {
        if (branchId == null) {
            throw FormProblems.of(Irc.MISSING_FIELD, "BRANCH_REQUIRED", "Choose a branch.");
        }
        FormDraft draft = drafts.lock(customer.customerId(), id).orElseThrow(FormProblems::draftNotFound);
        if (!draft.status().mayBecome(FormStatus.STAGED)) {
            throw FormProblems.state("Only a submitted form can be staged; this form is " + draft.status().text()
                    + ".");
        }
        if (!draft.tokenExpiresAt().isAfter(clock.instant())) {
            throw FormProblems.expired();
        }
        checks.requireStrongSession(customer);
        checks.requireBranch(branchId);
        if (draft.status() == FormStatus.STAGED && branchId.equals(draft.branchId())) {
            return views.view(draft);
        }
        return views.view(stageAt(draft, branchId, "app"));
    }

    /**
     * Stages a submitted form at the hub's branch because its customer showed the code at that branch's counter.
     * A form already staged there is answered as it is, with no new event; one staged at another branch stays
     * there (the customer chose it). Refusals carry the form's status (as {@code formStatus}, beside the problem's
     * HTTP {@code status}), {@code branchId} and {@code decidedAt}, as the token lookup would show them.
     */
    @Transactional
    public TokenStatus stageOnArrival(HubPrincipal hub, String tokenId) {
        FormDraft draft = drafts.lockByToken(tokenId).orElseThrow(FormProblems::unknown);
        ApiException refusal = refusalOnArrival(hub, draft);
        if (refusal != null) {
            refusal.getBody().setProperty("formStatus", draft.status().name());
            refusal.getBody().setProperty("branchId", draft.branchId());
            refusal.getBody().setProperty("decidedAt", draft.decidedAt());
            log.info("form staging on arrival refused draft={} token={} branch={} hub={} status={}", draft.id(),
                    draft.shortToken(), hub.branchId(), hub.hubId(), draft.status());
            throw refusal;
        }
        if (draft.status() == FormStatus.SUBMITTED) {
            stageAt(draft, hub.branchId(), "counter hub=" + hub.hubId());
        }
        return tokens.tokenStatus(hub.branchId(), tokenId);
    }

    /**
     * Stages one of the customer's submitted forms at the branch they arrived at (by location, a ticket taken in
     * the app, or at the branch's ticket machine), in a transaction of its own so that one form's failure leaves the
     * others staged. Only a {@code SUBMITTED} form with a live token moves; a form staged anywhere stays where the
     * customer chose, so arriving twice stages nothing twice.
     *
     * @return true when this call staged it; false when it was not (or no longer) a submitted form to stage
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean stageOnCustomerArrival(UUID customerId, UUID draftId, String branchId, String via) {
        FormDraft draft = drafts.lock(customerId, draftId).orElseThrow(FormProblems::draftNotFound);
        if (draft.status() != FormStatus.SUBMITTED) {
            return false;
        }
        if (!draft.tokenExpiresAt().isAfter(clock.instant())) {
            throw FormProblems.expired();
        }
        stageAt(draft, branchId, via);
        return true;
    }

    /** Why the form cannot be staged at the hub's branch; {@code null} when it can (or already is). */
    private ApiException refusalOnArrival(HubPrincipal hub, FormDraft draft) {
        if (draft.decided()) {
            return FormProblems.of(Irc.DUPLICATE, HubProblemCode.FORM_ALREADY_DECIDED,
                    "This form was already decided: " + draft.status().text() + ".");
        }
        if (draft.status() == FormStatus.EXPIRED
                || (draft.open() && !draft.tokenExpiresAt().isAfter(clock.instant()))) {
            return FormProblems.expired();
        }
        if (draft.status() == FormStatus.CANCELLED) {
            return FormProblems.of(Irc.CONFLICT, HubProblemCode.FORM_CANCELLED, "The customer cancelled this form.");
        }
        if (draft.status() == FormStatus.STAGED && !hub.branchId().equals(draft.branchId())) {
            return FormProblems.of(Irc.CONFLICT, HubProblemCode.FORM_OTHER_BRANCH,
                    "The customer chose another branch for this form; it stays there.");
        }
        if (!draft.status().mayBecome(FormStatus.STAGED)) {
            return FormProblems.state("Only a submitted form can be staged; this form is " + draft.status().text()
                    + ".");
        }
        return null;
    }

    /**
     * Moves a locked, open form to {@code branchId} and writes its outbox events in the caller's transaction: a
     * {@code WITHDRAWN} for the branch it leaves, if any, and a {@code STAGED} for the new one. The update is
     * conditional on the status and branch read under the lock.
     */
    private FormDraft stageAt(FormDraft draft, String branchId, String via) {
        int updated = jdbc.sql("""
                update form_drafts set status = ?, branch_id = ?, updated_at = ?
                 where id = ? and status = ? and branch_id is not distinct from ?
                """)
                .params(FormStatus.STAGED.name(), branchId, Timestamp.from(clock.instant()), draft.id(),
                        draft.status().name(), draft.branchId())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("form " + draft.id() + " changed while locked");
        }
        if (draft.status() == FormStatus.STAGED) {
            staging.withdrawn(draft.branchId(), draft.tokenId());
        }
        FormDraft staged = drafts.byId(draft.id());
        staging.staged(tokens.stagedForm(staged));
        log.info("form staged draft={} token={} branch={} from={} via={}", draft.id(), draft.shortToken(), branchId,
                draft.branchId() == null ? "-" : draft.branchId(), via);
        return staged;
    }
}
