package io.branchlink.channel.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.channel.cardless.TokenKeys;
import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.channel.system.ApiException;
import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.prefill.catalog.FormDefinition;
import io.branchlink.prefill.validation.FieldError;
import io.branchlink.prefill.validation.FormValidator;
import io.branchlink.prefill.validation.ValidationResult;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.rc.Irc;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's counter forms from draft to staging: values stored as typed, full validation on submission (the
 * catalog's rules, ledger-backed account ownership, and the profile's name and ID number), the FORM token, staging
 * at a branch (chosen in the app, or the branch whose counter the customer showed the code at) and cancelling, each
 * status change a conditional update with its outbox event in the same transaction. Forms whose token expired are
 * expired by {@link #expireDue()}.
 *
 * @see io.branchlink.channel.form.FormIntegrationTests
 */
@Service
class FormService {

    private static final Logger log = LoggerFactory.getLogger(FormService.class);
    private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final FormCatalog catalog;
    private final FormStaging staging;
    private final TokenKeys keys;
    private final FormsProperties properties;
    private final ObjectMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    FormService(JdbcClient jdbc, FormCatalog catalog, FormStaging staging, TokenKeys keys, FormsProperties properties,
            ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.staging = staging;
        this.keys = keys;
        this.properties = properties;
        this.json = json;
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
                values (?, ?, ?, ?::jsonb, 'DRAFT', ?, ?)
                """)
                .params(id, customer.customerId(), type, write(values == null ? Map.of() : values), now, now)
                .update();
        log.info("form draft created draft={} type={}", id, type);
        return view(find(customer, id));
    }

    @Transactional
    public FormApi.Draft update(CustomerPrincipal customer, UUID id, Map<String, String> values) {
        FormDraft draft = lock(customer, id);
        if (!FormDraft.DRAFT.equals(draft.status())) {
            throw FormProblems.state("Only a draft can be edited; this form is " + lower(draft.status()) + ".");
        }
        jdbc.sql("update form_drafts set field_values = ?::jsonb, updated_at = ? where id = ? and status = 'DRAFT'")
                .params(write(values), Timestamp.from(clock.instant()), id)
                .update();
        return view(find(customer, id));
    }

    @Transactional(readOnly = true)
    public FormApi.Draft get(CustomerPrincipal customer, UUID id) {
        return view(find(customer, id));
    }

    @Transactional(readOnly = true)
    public List<FormApi.Draft> list(CustomerPrincipal customer) {
        return jdbc.sql("select " + FormDraft.COLUMNS
                        + " from form_drafts where customer_id = ? order by created_at desc, id limit 100")
                .param(customer.customerId())
                .query(FormDraft.class)
                .list()
                .stream()
                .map(this::view)
                .toList();
    }

    /** Validates the draft in full and issues its FORM token; with a branch, stages it there at once. */
    @Transactional
    public FormApi.Draft submit(CustomerPrincipal customer, UUID id, String branchId) {
        FormDraft draft = lock(customer, id);
        if (!FormDraft.DRAFT.equals(draft.status())) {
            throw FormProblems.state("This form was already " + lower(draft.status()) + ".");
        }
        requireStrongSession(customer);
        if (branchId != null) {
            requireBranch(branchId);
        }
        FormDefinition form = catalog.get(draft.type());
        Map<String, String> values = values(draft);
        List<FieldError> errors = new ArrayList<>(validator().validate(form, customer.customerId().toString(), values)
                .errors());
        errors.addAll(profileMismatches(customer.customerId(), values, errors));
        if (!errors.isEmpty()) {
            ApiException problem = FormProblems.of(Irc.INVALID_TRANSACTION, "FORM_INVALID",
                    "The form has fields to correct.");
            problem.getBody().setProperty("errors", errors);
            log.info("form submission refused draft={} fields={}", id, new ValidationResult(errors).codes());
            throw problem;
        }
        byte[] tokenId = new byte[QrToken.TOKEN_ID_BYTES];
        random.nextBytes(tokenId);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.tokenTtl()).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("""
                update form_drafts set status = 'SUBMITTED', token_id = ?, key_id = ?, token_expires_at = ?,
                       submitted_at = ?, updated_at = ?
                 where id = ? and status = 'DRAFT'
                """)
                .params(HexFormat.of().formatHex(tokenId), keys.activeKeyId(), Timestamp.from(expiresAt),
                        Timestamp.from(now), Timestamp.from(now), id)
                .update();
        log.info("form submitted draft={} type={} token={}", id, draft.type(),
                HexFormat.of().formatHex(tokenId).substring(0, 8));
        if (branchId != null) {
            return stage(customer, id, branchId);
        }
        return view(find(customer, id));
    }

    /** Stages a submitted form at a branch, or moves a staged one to another branch. */
    @Transactional
    public FormApi.Draft stage(CustomerPrincipal customer, UUID id, String branchId) {
        if (branchId == null) {
            throw FormProblems.of(Irc.MISSING_FIELD, "BRANCH_REQUIRED", "Choose a branch.");
        }
        FormDraft draft = lock(customer, id);
        if (!draft.open()) {
            throw FormProblems.state("Only a submitted form can be staged; this form is " + lower(draft.status())
                    + ".");
        }
        if (!draft.tokenExpiresAt().isAfter(clock.instant())) {
            throw FormProblems.expired();
        }
        requireStrongSession(customer);
        requireBranch(branchId);
        if (FormDraft.STAGED.equals(draft.status()) && branchId.equals(draft.branchId())) {
            return view(draft);
        }
        return view(stageAt(draft, branchId, "app"));
    }

    /**
     * Stages a submitted form at the hub's branch because its customer showed the code at that branch's counter.
     * A form already staged there is answered as it is, with no new event; one staged at another branch stays
     * there (the customer chose it). Refusals carry the form's status (as {@code formStatus}, beside the problem's
     * HTTP {@code status}), {@code branchId} and {@code decidedAt}, as the token lookup would show them.
     */
    @Transactional
    public FormApi.TokenStatus stageOnArrival(HubPrincipal hub, String tokenId) {
        FormDraft draft = jdbc.sql("select " + FormDraft.COLUMNS + " from form_drafts where token_id = ? for update")
                .param(tokenId)
                .query(FormDraft.class)
                .optional()
                .orElseThrow(FormProblems::unknown);
        ApiException refusal = null;
        if (draft.decided()) {
            refusal = FormProblems.of(Irc.DUPLICATE, "FORM_ALREADY_DECIDED",
                    "This form was already decided: " + lower(draft.status()) + ".");
        } else if (FormDraft.EXPIRED.equals(draft.status())
                || (draft.open() && !draft.tokenExpiresAt().isAfter(clock.instant()))) {
            refusal = FormProblems.expired();
        } else if (FormDraft.CANCELLED.equals(draft.status())) {
            refusal = FormProblems.of(Irc.CONFLICT, "FORM_CANCELLED", "The customer cancelled this form.");
        } else if (FormDraft.STAGED.equals(draft.status()) && !hub.branchId().equals(draft.branchId())) {
            refusal = FormProblems.of(Irc.CONFLICT, "FORM_OTHER_BRANCH",
                    "The customer chose another branch for this form; it stays there.");
        } else if (!draft.open()) {
            refusal = FormProblems.state("Only a submitted form can be staged; this form is "
                    + lower(draft.status()) + ".");
        }
        if (refusal != null) {
            refusal.getBody().setProperty("formStatus", draft.status());
            refusal.getBody().setProperty("branchId", draft.branchId());
            refusal.getBody().setProperty("decidedAt", draft.decidedAt());
            log.info("form staging on arrival refused draft={} token={} branch={} hub={} status={}", draft.id(),
                    draft.shortToken(), hub.branchId(), hub.hubId(), draft.status());
            throw refusal;
        }
        if (FormDraft.SUBMITTED.equals(draft.status())) {
            stageAt(draft, hub.branchId(), "counter hub=" + hub.hubId());
        }
        return tokenStatus(hub.branchId(), tokenId);
    }

    /**
     * Moves a locked, open form to {@code branchId} and writes its outbox events in the caller's transaction: a
     * {@code WITHDRAWN} for the branch it leaves, if any, and a {@code STAGED} for the new one. The update is
     * conditional on the status and branch read under the lock.
     */
    private FormDraft stageAt(FormDraft draft, String branchId, String via) {
        int updated = jdbc.sql("""
                update form_drafts set status = 'STAGED', branch_id = ?, updated_at = ?
                 where id = ? and status = ? and branch_id is not distinct from ?
                """)
                .params(branchId, Timestamp.from(clock.instant()), draft.id(), draft.status(), draft.branchId())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("form " + draft.id() + " changed while locked");
        }
        if (FormDraft.STAGED.equals(draft.status())) {
            staging.withdrawn(draft.branchId(), draft.tokenId());
        }
        FormDraft staged = byId(draft.id());
        staging.staged(stagedForm(staged));
        log.info("form staged draft={} token={} branch={} from={} via={}", draft.id(), draft.shortToken(), branchId,
                draft.branchId() == null ? "-" : draft.branchId(), via);
        return staged;
    }

    @Transactional
    public FormApi.Draft cancel(CustomerPrincipal customer, UUID id) {
        FormDraft draft = lock(customer, id);
        if (!FormDraft.DRAFT.equals(draft.status()) && !draft.open()) {
            throw FormProblems.state("This form is already " + lower(draft.status()) + ".");
        }
        jdbc.sql("update form_drafts set status = 'CANCELLED', updated_at = ? where id = ?")
                .params(Timestamp.from(clock.instant()), id)
                .update();
        if (FormDraft.STAGED.equals(draft.status())) {
            staging.withdrawn(draft.branchId(), draft.tokenId());
        }
        log.info("form cancelled draft={} token={}", id, draft.shortToken());
        return view(find(customer, id));
    }

    /** The FORM token's text, for the QR code; only while the form is submitted or staged. */
    @Transactional(readOnly = true)
    public String tokenText(CustomerPrincipal customer, UUID id) {
        FormDraft draft = find(customer, id);
        if (!draft.open()) {
            throw FormProblems.state("A code exists only for a submitted form; this form is "
                    + lower(draft.status()) + ".");
        }
        return Optional.ofNullable(token(draft)).orElseThrow(() -> FormProblems.state(
                "This form's code was signed with a retired key; submit the form again."));
    }

    /**
     * Expires submitted and staged forms past their token's expiry, at most 500 at a time, and withdraws the staged
     * ones from their branch.
     *
     * @return how many forms were expired
     */
    @Transactional
    public int expireDue() {
        Instant now = clock.instant();
        List<Expired> expired = jdbc.sql("""
                with due as (
                    select id, status, branch_id from form_drafts
                     where status in ('SUBMITTED', 'STAGED') and token_expires_at <= ?
                     order by token_expires_at limit 500 for update skip locked)
                update form_drafts f set status = 'EXPIRED', updated_at = ?, decided_at = ?
                  from due where f.id = due.id
                returning f.id, f.token_id, due.status as previous, due.branch_id
                """)
                .params(Timestamp.from(now), Timestamp.from(now), Timestamp.from(now))
                .query(Expired.class)
                .list();
        for (Expired form : expired) {
            if (FormDraft.STAGED.equals(form.previous())) {
                staging.withdrawn(form.branchId(), form.tokenId());
            }
            log.info("form expired draft={} token={}", form.id(), form.tokenId().substring(0, 8));
        }
        return expired.size();
    }

    /** What a hub may know about a token: the form itself only when it is at the hub's branch. */
    @Transactional(readOnly = true)
    public FormApi.TokenStatus tokenStatus(String branchId, String tokenId) {
        FormDraft draft = jdbc.sql("select " + FormDraft.COLUMNS + " from form_drafts where token_id = ?")
                .param(tokenId)
                .query(FormDraft.class)
                .optional()
                .orElseThrow(FormProblems::unknown);
        JsonNode form = branchId.equals(draft.branchId()) ? json.valueToTree(stagedForm(draft)) : null;
        return new FormApi.TokenStatus(draft.status(), draft.branchId(), draft.decidedAt(), form);
    }

    FormApi.StagedForm stagedForm(FormDraft draft) {
        CustomerRow customer = jdbc.sql("select id, full_name, phone from customers where id = ?")
                .param(draft.customerId())
                .query(CustomerRow.class)
                .single();
        String phone = customer.phone();
        return new FormApi.StagedForm(draft.id(), draft.tokenId(), draft.type(), draft.branchId(),
                new FormApi.Customer(customer.id(), customer.fullName(),
                        phone.length() > 4 ? phone.substring(phone.length() - 4) : phone),
                values(draft), draft.submittedAt(), draft.tokenExpiresAt());
    }

    Map<String, String> values(FormDraft draft) {
        try {
            Map<String, String> values = json.readValue(draft.fieldValues(), VALUES);
            return values == null ? Map.of() : values;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored form values are not JSON", e);
        }
    }

    FormValidator validator() {
        return new FormValidator(this::owns, clock.withZone(properties.zone()));
    }

    /** An account or card number of the customer's, the ledger being the authority on accounts. */
    private boolean owns(String number, String customerId) {
        UUID customer = UUID.fromString(customerId);
        return jdbc.sql("""
                select exists (select 1 from accounts where account_number = :number and customer_id = :customer
                                                         and kind = 'CUSTOMER' and status = 'OPEN')
                    or exists (select 1 from cards where card_number = :number and customer_id = :customer)
                """)
                .param("number", number)
                .param("customer", customer)
                .query(Boolean.class)
                .single();
    }

    /**
     * The form's name and ID number must be the customer's own, as the profile has them: the teller checks the ID
     * card against the form, so the form must be checked against the profile. The name may be the full name as
     * registered, or its Chinese or Latin part ("王芳 Wang Fang", "王芳", "Wang Fang").
     */
    private List<FieldError> profileMismatches(UUID customerId, Map<String, String> values, List<FieldError> errors) {
        Profile profile = jdbc.sql("select full_name, id_number from customers where id = ?")
                .param(customerId)
                .query(Profile.class)
                .single();
        List<FieldError> found = new ArrayList<>();
        String idNumber = present(values.get("idNumber"));
        if (idNumber != null && errors.stream().noneMatch(e -> e.field().equals("idNumber"))) {
            if (profile.idNumber() == null) {
                found.add(new FieldError("idNumber", "ID_NOT_ON_FILE",
                        "cannot be checked: your profile has no ID number yet; ask at the counter",
                        "无法核对：您的资料中尚无身份证号码，请到柜台办理"));
            } else if (!profile.idNumber().equalsIgnoreCase(idNumber)) {
                found.add(new FieldError("idNumber", "ID_MISMATCH",
                        "does not match the ID number on your profile", "与您登记的身份证号码不一致"));
            }
        }
        String name = present(values.get("customerName"));
        if (name != null && errors.stream().noneMatch(e -> e.field().equals("customerName"))
                && !namesOf(profile.fullName()).contains(name.toLowerCase(Locale.ROOT))) {
            found.add(new FieldError("customerName", "NAME_MISMATCH", "does not match the name on your profile",
                    "与您登记的姓名不一致"));
        }
        return found;
    }

    private static List<String> namesOf(String fullName) {
        String full = fullName.strip().toLowerCase(Locale.ROOT);
        int space = full.indexOf(' ');
        return space < 0 ? List.of(full) : List.of(full, full.substring(0, space).strip(),
                full.substring(space + 1).strip());
    }

    private void requireStrongSession(CustomerPrincipal customer) {
        if (!customer.deviceBound()) {
            throw new ApiException(Irc.STEP_UP_REQUIRED, "Bind this phone to your profile before sending a form.");
        }
        if (customer.sessionCreatedAt().isBefore(clock.instant().minus(properties.freshLogin()))) {
            throw new ApiException(Irc.STEP_UP_REQUIRED, "Log in again to confirm it is you.");
        }
    }

    private void requireBranch(String branchId) {
        if (jdbc.sql("select count(*) from branches where id = ?").param(branchId).query(Integer.class).single() == 0) {
            throw FormProblems.of(Irc.NOT_FOUND, "BRANCH_UNKNOWN", "There is no branch " + branchId + ".");
        }
    }

    private FormDraft byId(UUID id) {
        return jdbc.sql("select " + FormDraft.COLUMNS + " from form_drafts where id = ?")
                .param(id)
                .query(FormDraft.class)
                .single();
    }

    FormDraft find(CustomerPrincipal customer, UUID id) {
        return jdbc.sql("select " + FormDraft.COLUMNS + " from form_drafts where id = ? and customer_id = ?")
                .params(id, customer.customerId())
                .query(FormDraft.class)
                .optional()
                .orElseThrow(FormProblems::draftNotFound);
    }

    private FormDraft lock(CustomerPrincipal customer, UUID id) {
        return jdbc.sql("select " + FormDraft.COLUMNS
                        + " from form_drafts where id = ? and customer_id = ? for update")
                .params(id, customer.customerId())
                .query(FormDraft.class)
                .optional()
                .orElseThrow(FormProblems::draftNotFound);
    }

    FormApi.Draft view(FormDraft draft) {
        FormApi.Outcome outcome = jdbc.sql("""
                select outcome, message, result::text as result, teller_id, decided_at, voucher_reference
                  from form_executions where draft_id = ?
                """)
                .param(draft.id())
                .query((rs, n) -> new FormApi.Outcome(rs.getString("outcome"), rs.getString("message"),
                        readTree(rs.getString("result")), rs.getString("teller_id"),
                        rs.getTimestamp("decided_at").toInstant()))
                .optional()
                .orElse(null);
        String voucher = jdbc.sql("select reference from vouchers where draft_id = ?").param(draft.id())
                .query(String.class).optional().orElse(null);
        return new FormApi.Draft(draft.id(), draft.type(), draft.status(), values(draft), draft.branchId(),
                draft.open() ? token(draft) : null, draft.tokenExpiresAt(), draft.createdAt(), draft.updatedAt(),
                draft.submittedAt(), outcome, voucher);
    }

    private String token(FormDraft draft) {
        if (draft.tokenId() == null || !keys.activeKeyId().equals(draft.keyId())) {
            return null;
        }
        return keys.sign(new QrToken(QrTokenCodec.VERSION, TokenType.FORM, draft.keyId(),
                HexFormat.of().parseHex(draft.tokenId()), draft.tokenExpiresAt(), null, null));
    }

    private String write(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v == null ? "" : v));
        try {
            return json.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String lower(String status) {
        return status.toLowerCase(Locale.ROOT);
    }

    private record Expired(UUID id, String tokenId, String previous, String branchId) {
    }

    private record CustomerRow(UUID id, String fullName, String phone) {
    }

    private record Profile(String fullName, String idNumber) {
    }
}
