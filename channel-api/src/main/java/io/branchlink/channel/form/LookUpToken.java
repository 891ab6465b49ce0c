package io.branchlink.channel.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.channel.form.internal.FormDraft;
import io.branchlink.channel.form.internal.FormDraftRepository;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a hub may know about a FORM token: the form's status and branch always, the form itself (as the teller
 * console sees it, {@link FormApi.StagedForm}) only when it is at the hub's branch.
 */
@Service
class LookUpToken {

    private final JdbcClient jdbc;
    private final FormDraftRepository drafts;
    private final ObjectMapper json;

    LookUpToken(JdbcClient jdbc, FormDraftRepository drafts, ObjectMapper json) {
        this.jdbc = jdbc;
        this.drafts = drafts;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public FormApi.TokenStatus tokenStatus(String branchId, String tokenId) {
        FormDraft draft = drafts.byToken(tokenId).orElseThrow(FormProblems::unknown);
        JsonNode form = branchId.equals(draft.branchId()) ? json.valueToTree(stagedForm(draft)) : null;
        return new FormApi.TokenStatus(draft.status().name(), draft.branchId(), draft.decidedAt(), form);
    }

    /** The form as the teller console sees it: the customer's name and the last four digits of the mobile only. */
    FormApi.StagedForm stagedForm(FormDraft draft) {
        CustomerRow customer = jdbc.sql("select id, full_name, phone from customers where id = ?")
                .param(draft.customerId())
                .query(CustomerRow.class)
                .single();
        String phone = customer.phone();
        return new FormApi.StagedForm(draft.id(), draft.tokenId(), draft.type(), draft.branchId(),
                new FormApi.Customer(customer.id(), customer.fullName(),
                        phone.length() > 4 ? phone.substring(phone.length() - 4) : phone),
                drafts.values(draft), draft.submittedAt(), draft.tokenExpiresAt());
    }

    private record CustomerRow(UUID id, String fullName, String phone) {
    }
}
