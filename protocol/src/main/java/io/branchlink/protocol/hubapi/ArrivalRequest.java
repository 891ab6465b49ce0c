package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A hub's report that a customer showed a FORM code at the branch's queue-ticket machine: channel-api stages the
 * customer's submitted forms at the hub's branch and issues (or finds) their ticket for the day.
 *
 * @param tokenId the FORM token's id (32 hex digits), after the hub checked its signature and expiry
 * @param deviceId the queue-ticket machine that read it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArrivalRequest(String tokenId, String deviceId) {
}
