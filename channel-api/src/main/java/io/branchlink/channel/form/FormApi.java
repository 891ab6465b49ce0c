package io.branchlink.channel.form;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and response bodies of counter business (docs/counter-business.md). Token texts are never printed. */
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

    record Customer(UUID id, String name, String mobileLast4) {
    }

    /** What the teller console needs of a staged form, and nothing more. */
    record StagedForm(UUID draftId, String tokenId, String type, String branchId, Customer customer,
            Map<String, String> values, Instant submittedAt, Instant expiresAt) {

        @Override
        public String toString() {
            return "StagedForm[" + draftId + " " + type + " at " + branchId + "]";
        }
    }

    record FeedEvent(long seq, String kind, String tokenId, JsonNode form) {
    }

    record Feed(List<FeedEvent> events, long last) {
    }

    record TokenStatus(String status, String branchId, Instant decidedAt, JsonNode form) {
    }

    record ExecutionRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+") String confirmationId,
            @NotBlank @Pattern(regexp = "[0-9a-f]{32}") String tokenId,
            @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9._-]+") String tellerId,
            @NotBlank @Pattern(regexp = "[A-Z0-9]{8}") String terminalId,
            @NotBlank @Pattern(regexp = "CONFIRM|REJECT") String decision,
            @Size(min = 1, max = 200) String reason) {
    }

    record VoucherCopy(String reference, String contentHash, String pdf) {
    }

    record Execution(String confirmationId, UUID draftId, String outcome, String message, JsonNode result,
            Instant decidedAt, VoucherCopy voucher) {

        @Override
        public String toString() {
            return "Execution[" + draftId + " " + outcome + "]";
        }
    }
}
