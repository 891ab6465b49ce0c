package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;

/** What the teller console needs of a staged form, and nothing more. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StagedForm(String draftId, String tokenId, String type, String branchId, Customer customer,
        Map<String, String> values, Instant submittedAt, Instant expiresAt) {

    public StagedForm {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    @Override
    public String toString() {
        return "StagedForm[" + draftId + " " + type + " at " + branchId + "]";
    }
}
