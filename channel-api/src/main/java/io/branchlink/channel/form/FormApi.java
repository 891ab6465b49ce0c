package io.branchlink.channel.form;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The app's request and response bodies of counter business (docs/counter-business.md). Token texts are never
 * printed. The hub-facing bodies are the records of {@code protocol.hubapi}, which the hub reads too.
 */
final class FormApi {

    static final String BRANCH = "[A-Z0-9]{1,16}";

    private FormApi() {
    }

    record CreateDraft(@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}") String type,
            @Size(max = 40) Map<String, @Size(max = 200) String> values) {
    }

    record UpdateDraft(@NotNull @Size(max = 40) Map<String, @Size(max = 200) String> values) {
    }

    record BranchChoice(@Pattern(regexp = BRANCH) String branchId) {
    }

    record Outcome(String outcome, String message, JsonNode result, String tellerId, Instant decidedAt) {
    }

    record Draft(UUID id, String type, String status, Map<String, String> values, String branchId, String token,
            Instant tokenExpiresAt, Instant createdAt, Instant updatedAt, Instant submittedAt, Outcome outcome,
            String voucherReference) {

        @Override
        public String toString() {
            return "Draft[" + id + " " + type + " " + status + "]";
        }
    }

    record VoucherSummary(String reference, UUID draftId, String type, String branchId, String tellerId,
            String contentHash, long sizeBytes, Instant createdAt) {
    }
}
