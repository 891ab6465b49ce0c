package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** How a form was decided before: the {@code existing} member of a {@code FORM_ALREADY_DECIDED} problem. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DecidedExecution(String confirmationId, String outcome, String message, JsonNode result,
        String tellerId, Instant decidedAt, String voucherReference) {
}
