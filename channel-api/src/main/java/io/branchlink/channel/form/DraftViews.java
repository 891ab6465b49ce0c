package io.branchlink.channel.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.channel.cardless.TokenKeys;
import io.branchlink.channel.form.internal.FormDraft;
import io.branchlink.channel.form.internal.FormDraftRepository;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenType;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A form as the app shows it: its values, its FORM token while it is open, and the teller's decision. */
@Component
class DraftViews {

    private final JdbcClient jdbc;
    private final FormDraftRepository drafts;
    private final TokenKeys keys;
    private final ObjectMapper json;

    DraftViews(JdbcClient jdbc, FormDraftRepository drafts, TokenKeys keys, ObjectMapper json) {
        this.jdbc = jdbc;
        this.drafts = drafts;
        this.keys = keys;
        this.json = json;
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
        return new FormApi.Draft(draft.id(), draft.type(), draft.status().name(), drafts.values(draft),
                draft.branchId(), draft.open() ? token(draft) : null, draft.tokenExpiresAt(), draft.createdAt(),
                draft.updatedAt(), draft.submittedAt(), outcome, voucher);
    }

    /** The FORM token's text; {@code null} when the form has none or it was signed with a retired key. */
    String token(FormDraft draft) {
        if (draft.tokenId() == null || !keys.activeKeyId().equals(draft.keyId())) {
            return null;
        }
        return keys.sign(new QrToken(QrTokenCodec.VERSION, TokenType.FORM, draft.keyId(),
                HexFormat.of().parseHex(draft.tokenId()), draft.tokenExpiresAt(), null, null));
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
