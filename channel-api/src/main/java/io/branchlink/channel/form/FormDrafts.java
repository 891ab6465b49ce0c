package io.branchlink.channel.form;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.form.internal.FormDraft;
import io.branchlink.channel.form.internal.FormDraftRepository;
import io.branchlink.channel.form.internal.FormStatus;
import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.protocol.rc.Irc;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's forms before and around submission: created and edited as typed (checked only on submission), read,
 * listed, shown as a QR code while open, and cancelled until a teller decides them; a staged form that is cancelled
 * is withdrawn from its branch in the same transaction.
 *
 * @see io.branchlink.channel.form.FormIntegrationTests
 */
@Service
class FormDrafts {

    private static final Logger log = LoggerFactory.getLogger(FormDrafts.class);

    private final JdbcClient jdbc;
    private final FormCatalog catalog;
    private final FormDraftRepository drafts;
    private final DraftViews views;
    private final FormStaging staging;
    private final Clock clock;

    FormDrafts(JdbcClient jdbc, FormCatalog catalog, FormDraftRepository drafts, DraftViews views,
            FormStaging staging, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.drafts = drafts;
        this.views = views;
        this.staging = staging;
        this.clock = clock;
    }

    @Transactional
    public FormApi.Draft create(CustomerPrincipal customer, String type, Map<String, String> values) {
        if (catalog.find(type).isEmpty()) {
            throw FormProblems.of(Irc.FORMAT_ERROR, "FORM_TYPE_UNKNOWN", "There is no business type " + type + ".");
        }
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into form_drafts (id, customer_id, type, field_values, status, created_at, updated_at)
                values (?, ?, ?, ?::jsonb, ?, ?, ?)
                """)
                .params(id, customer.customerId(), type, drafts.toJson(values == null ? Map.of() : values),
                        FormStatus.DRAFT.name(), now, now)
                .update();
        log.info("form draft created draft={} type={}", id, type);
        return views.view(find(customer, id));
    }

    @Transactional
    public FormApi.Draft update(CustomerPrincipal customer, UUID id, Map<String, String> values) {
        FormDraft draft = lock(customer, id);
        if (draft.status() != FormStatus.DRAFT) {
            throw FormProblems.state("Only a draft can be edited; this form is " + draft.status().text() + ".");
        }
        jdbc.sql("update form_drafts set field_values = ?::jsonb, updated_at = ? where id = ? and status = ?")
                .params(drafts.toJson(values), Timestamp.from(clock.instant()), id, FormStatus.DRAFT.name())
                .update();
        return views.view(find(customer, id));
    }

    @Transactional(readOnly = true)
    public FormApi.Draft get(CustomerPrincipal customer, UUID id) {
        return views.view(find(customer, id));
    }

    @Transactional(readOnly = true)
    public List<FormApi.Draft> list(CustomerPrincipal customer) {
        return drafts.latest(customer.customerId()).stream().map(views::view).toList();
    }

    /** Cancels a form that is not decided yet; a staged one is withdrawn from its branch. */
    @Transactional
    public FormApi.Draft cancel(CustomerPrincipal customer, UUID id) {
        FormDraft draft = lock(customer, id);
        if (!draft.status().mayBecome(FormStatus.CANCELLED)) {
            throw FormProblems.state("This form is already " + draft.status().text() + ".");
        }
        jdbc.sql("update form_drafts set status = ?, updated_at = ? where id = ? and status in (%s)"
                        .formatted(FormStatus.CANCELLED.sqlSources()))
                .params(FormStatus.CANCELLED.name(), Timestamp.from(clock.instant()), id)
                .update();
        if (draft.status() == FormStatus.STAGED) {
            staging.withdrawn(draft.branchId(), draft.tokenId());
        }
        log.info("form cancelled draft={} token={}", id, draft.shortToken());
        return views.view(find(customer, id));
    }

    /** The FORM token's text, for the QR code; only while the form is submitted or staged. */
    @Transactional(readOnly = true)
    public String tokenText(CustomerPrincipal customer, UUID id) {
        FormDraft draft = find(customer, id);
        if (!draft.open()) {
            throw FormProblems.state("A code exists only for a submitted form; this form is "
                    + draft.status().text() + ".");
        }
        return Optional.ofNullable(views.token(draft)).orElseThrow(() -> FormProblems.state(
                "This form's code was signed with a retired key; submit the form again."));
    }

    private FormDraft find(CustomerPrincipal customer, UUID id) {
        return drafts.find(customer.customerId(), id).orElseThrow(FormProblems::draftNotFound);
    }

    private FormDraft lock(CustomerPrincipal customer, UUID id) {
        return drafts.lock(customer.customerId(), id).orElseThrow(FormProblems::draftNotFound);
    }
}
