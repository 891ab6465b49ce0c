package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The answer to an {@link ExecutionRequest}: what the decision did.
 *
 * @param outcome {@code EXECUTED}, {@code REJECTED} or {@code FAILED}
 * @param result what the business produced (an account number, a new balance, ...), by business type
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Execution(String confirmationId, String draftId, String outcome, String message, JsonNode result,
        Instant decidedAt, VoucherCopy voucher) {

    @Override
    public String toString() {
        return "Execution[" + draftId + " " + outcome + "]";
    }
}
