package io.branchlink.channel.form.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads forms from {@code form_drafts}, by id or by token, optionally locked; and their values as JSON. */
@Repository
public class FormDraftRepository {

    private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    FormDraftRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The customer's form. */
    public Optional<FormDraft> find(UUID customerId, UUID id) {
        return jdbc.sql("select " + FormDraft.COLUMNS + " from form_drafts where id = ? and customer_id = ?")
                .params(id, customerId)
                .query(FormDraft.class)
                .optional();
    }

    /** The customer's form, locked until the transaction ends. */
    public Optional<FormDraft> lock(UUID customerId, UUID id) {
        return jdbc.sql("select " + FormDraft.COLUMNS
                        + " from form_drafts where id = ? and customer_id = ? for update")
                .params(id, customerId)
                .query(FormDraft.class)
                .optional();
    }

    public FormDraft byId(UUID id) {
        return jdbc.sql("select " + FormDraft.COLUMNS + " from form_drafts where id = ?")
                .param(id)
                .query(FormDraft.class)
                .single();
    }

    public Optional<FormDraft> byToken(String tokenId) {
        return jdbc.sql("select " + FormDraft.COLUMNS + " from form_drafts where token_id = ?")
                .param(tokenId)
                .query(FormDraft.class)
                .optional();
    }

    /** The form with this token, locked until the transaction ends. */
    public Optional<FormDraft> lockByToken(String tokenId) {
        return jdbc.sql("select " + FormDraft.COLUMNS + " from form_drafts where token_id = ? for update")
                .param(tokenId)
                .query(FormDraft.class)
                .optional();
    }

    /** The customer's forms, newest first, at most 100. */
    public List<FormDraft> latest(UUID customerId) {
        return jdbc.sql("select " + FormDraft.COLUMNS
                        + " from form_drafts where customer_id = ? order by created_at desc, id limit 100")
                .param(customerId)
                .query(FormDraft.class)
                .list();
    }

    /** The form's values as typed. */
    public Map<String, String> values(FormDraft draft) {
        try {
            Map<String, String> values = json.readValue(draft.fieldValues(), VALUES);
            return values == null ? Map.of() : values;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored form values are not JSON", e);
        }
    }

    /** Values as the JSON object {@code field_values} stores; a missing value is stored as {@code ""}. */
    public String toJson(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v == null ? "" : v));
        try {
            return json.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
