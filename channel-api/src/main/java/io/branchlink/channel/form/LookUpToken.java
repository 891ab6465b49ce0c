package io.branchlink.channel.form;

import io.branchlink.channel.form.internal.FormDraft;
import io.branchlink.channel.form.internal.FormDraftRepository;
import io.branchlink.protocol.hubapi.Customer;
import io.branchlink.protocol.hubapi.StagedForm;
import io.branchlink.protocol.hubapi.TokenStatus;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a hub may know about a FORM token: the form's status and branch always, the form itself (as the teller
 * console sees it, {@link StagedForm}) only when it is at the hub's branch.
 */
@Service
class LookUpToken {

    private final JdbcClient jdbc;
    private final FormDraftRepository drafts;

    LookUpToken(JdbcClient jdbc, FormDraftRepository drafts) {
        this.jdbc = jdbc;
        this.drafts = drafts;
    }

    @Transactional(readOnly = true)
    public TokenStatus tokenStatus(String branchId, String tokenId) {
        FormDraft draft = drafts.byToken(tokenId).orElseThrow(FormProblems::unknown);
        StagedForm form = branchId.equals(draft.branchId()) ? stagedForm(draft) : null;
        return new TokenStatus(draft.status().name(), draft.branchId(), draft.decidedAt(), form);
    }

    /** The form as the teller console sees it: the customer's name and the last four digits of the mobile only. */
    StagedForm stagedForm(FormDraft draft) {
        CustomerRow customer = jdbc.sql("select id, full_name, phone from customers where id = ?")
                .param(draft.customerId())
                .query(CustomerRow.class)
                .single();
        String phone = customer.phone();
        return new StagedForm(draft.id().toString(), draft.tokenId(), draft.type(), draft.branchId(),
                new Customer(customer.id().toString(), customer.fullName(),
                        phone.length() > 4 ? phone.substring(phone.length() - 4) : phone),
                drafts.values(draft), draft.submittedAt(), draft.tokenExpiresAt());
    }

    private record CustomerRow(UUID id, String fullName, String phone) {
    }
}
