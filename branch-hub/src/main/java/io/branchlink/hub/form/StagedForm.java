package io.branchlink.hub.form;

import io.branchlink.hub.channel.HubForms;
import java.time.Instant;

/**
 * A form staged at this branch, as kept in {@code hub.forms.staged}: channel-api's form and the confirmation id the
 * hub created when it first stored it, which every decision on the form carries.
 *
 * @param stagedAt when this hub first stored the form
 */
public record StagedForm(HubForms.FormData form, String confirmationId, Instant stagedAt) {

    public String tokenId() {
        return form.tokenId();
    }

    public String draftId() {
        return form.draftId();
    }
}
