package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * channel-api's view of a FORM token: its form's status and branch.
 *
 * @param status a {@link FormStatus} name
 * @param form the form, only when it is staged at the asking hub's branch; else {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenStatus(String status, String branchId, Instant decidedAt, StagedForm form) {
}
