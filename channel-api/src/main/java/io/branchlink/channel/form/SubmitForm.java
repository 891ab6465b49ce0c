package io.branchlink.channel.form;

import io.branchlink.channel.cardless.TokenKeys;
import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.form.internal.FormDraft;
import io.branchlink.channel.form.internal.FormDraftRepository;
import io.branchlink.channel.form.internal.FormStatus;
import io.branchlink.channel.system.ApiException;
import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.prefill.validation.FieldError;
import io.branchlink.prefill.validation.ValidationResult;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.rc.Irc;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Submits a draft: validated in full ({@link ValidateForm}) from a strong session, then given its FORM token (a
 * random id, signed with the active key, valid for {@code branchlink.channel.forms.token-ttl}); with a branch, it
 * is staged there in the same transaction.
 *
 * @see io.branchlink.channel.form.FormIntegrationTests
 */
@Service
class SubmitForm {

    private static final Logger log = LoggerFactory.getLogger(SubmitForm.class);

    private final JdbcClient jdbc;
    private final FormCatalog catalog;
    private final FormDraftRepository drafts;
    private final ValidateForm validation;
    private final CustomerChecks checks;
    private final StageForm stage;
    private final DraftViews views;
    private final TokenKeys keys;
    private final FormsProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SubmitForm(JdbcClient jdbc, FormCatalog catalog, FormDraftRepository drafts, ValidateForm validation,
            CustomerChecks checks, StageForm stage, DraftViews views, TokenKeys keys, FormsProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.drafts = drafts;
        this.validation = validation;
        this.checks = checks;
        this.stage = stage;
        this.views = views;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /** Validates the draft in full and issues its FORM token; with a branch, stages it there at once. */
    @Transactional
    public FormApi.Draft submit(CustomerPrincipal customer, UUID id, String branchId) {
        FormDraft draft = drafts.lock(customer.customerId(), id).orElseThrow(FormProblems::draftNotFound);
        if (!draft.status().mayBecome(FormStatus.SUBMITTED)) {
            throw FormProblems.state("This form was already " + draft.status().text() + ".");
        }
        checks.requireStrongSession(customer);
        if (branchId != null) {
            checks.requireBranch(branchId);
        }
        List<FieldError> errors = validation.errors(customer.customerId(), catalog.get(draft.type()),
                drafts.values(draft));
        if (!errors.isEmpty()) {
            ApiException problem = FormProblems.of(Irc.INVALID_TRANSACTION, "FORM_INVALID",
                    "The form has fields to correct.");
            problem.getBody().setProperty("errors", errors);
            log.info("form submission refused draft={} fields={}", id, new ValidationResult(errors).codes());
            throw problem;
        }
        issueToken(draft);
        if (branchId != null) {
            return stage.stage(customer, id, branchId);
        }
        return views.view(drafts.byId(id));
    }

    private void issueToken(FormDraft draft) {
        byte[] tokenId = new byte[QrToken.TOKEN_ID_BYTES];
        random.nextBytes(tokenId);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.tokenTtl()).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("""
                update form_drafts set status = ?, token_id = ?, key_id = ?, token_expires_at = ?,
                       submitted_at = ?, updated_at = ?
                 where id = ? and status in (%s)
                """.formatted(FormStatus.SUBMITTED.sqlSources()))
                .params(FormStatus.SUBMITTED.name(), HexFormat.of().formatHex(tokenId), keys.activeKeyId(),
                        Timestamp.from(expiresAt), Timestamp.from(now), Timestamp.from(now), draft.id())
                .update();
        log.info("form submitted draft={} type={} token={}", draft.id(), draft.type(),
                HexFormat.of().formatHex(tokenId).substring(0, 8));
    }
}
