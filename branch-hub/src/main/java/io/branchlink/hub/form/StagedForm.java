package io.branchlink.hub.form;

import java.time.Instant;

/**
 * A form staged at this branch, as kept in {@code hub.forms.staged}: channel-api's form (the protocol's
 * {@code StagedForm}, as the feed and the token lookup send it) and the confirmation id the hub created when it
 * first stored it, which every decision on the form carries.
 *
 * @param stagedAt when this hub first stored the form
 */
public record StagedForm(io.branchlink.protocol.hubapi.StagedForm form, String confirmationId, Instant stagedAt) {

    public String tokenId() {
        return form.tokenId();
    }

    public String draftId() {
        return form.draftId();
    }
}
