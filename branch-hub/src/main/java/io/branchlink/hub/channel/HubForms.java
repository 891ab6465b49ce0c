package io.branchlink.hub.channel;

import io.branchlink.protocol.hubapi.HubProblemCode;
import io.branchlink.protocol.hubapi.TokenStatus;
import java.time.Instant;
import java.util.Map;

/**
 * What the hub makes of channel-api's counter-business answers. The bodies on the wire are the records of
 * {@code protocol.hubapi}, and the hub stores a staged form as the protocol's {@code StagedForm}; these are the
 * hub's own: the client's answers to staging and executing, which fold a problem's code and a decision into one
 * value.
 */
public final class HubForms {

    private HubForms() {
    }

    /**
     * channel-api's answer to staging a submitted form at this branch on the customer's arrival at the counter.
     *
     * @param code the problem's {@code code} (a {@link HubProblemCode} name), {@code HTTP_<status>} for a problem
     *     without one, or {@code null} when the form is staged here
     * @param token the staged form's status (200), or the status, branch and decision time a refusal names
     */
    public record StageAnswer(String code, TokenStatus token) {

        public boolean staged() {
            return code == null;
        }

        /** The refusal's code, or {@code null} when the form is staged or the code is not one the hub knows. */
        public HubProblemCode problem() {
            try {
                return code == null ? null : HubProblemCode.valueOf(code);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /**
     * channel-api's answer to a ticket machine's arrival.
     *
     * @param code the problem's {@code code} ({@code FORM_UNKNOWN}, or {@code HTTP_<status>}), or {@code null}
     *     when the arrival was recorded
     * @param arrival the staged forms and the customer's ticket, else {@code null}
     */
    public record ArrivalAnswer(String code, io.branchlink.protocol.hubapi.Arrival arrival) {

        public boolean ticketed() {
            return code == null;
        }
    }

    /** A decided form: the execution's answer, or the {@code existing} outcome of a 409. */
    public record Outcome(String confirmationId, String draftId, String outcome, String message,
            Map<String, Object> result, String tellerId, Instant decidedAt, Voucher voucher,
            String voucherReference) {
    }

    /** The voucher of an executed form; {@code pdf} may be absent, then it is fetched by reference. */
    public record Voucher(String reference, String contentHash, byte[] pdf) {
    }

    /**
     * channel-api's answer to an execution request.
     *
     * @param status the HTTP status
     * @param code the problem's {@code code} (a {@link HubProblemCode} name, or {@code HTTP_<status>}), or
     *     {@code null} for a 200
     * @param outcome the execution (200) or the existing outcome (409), else {@code null}
     */
    public record ExecutionAnswer(int status, String code, Outcome outcome) {

        public boolean decided() {
            return outcome != null && (status == 200 || HubProblemCode.FORM_ALREADY_DECIDED.name().equals(code));
        }
    }
}
