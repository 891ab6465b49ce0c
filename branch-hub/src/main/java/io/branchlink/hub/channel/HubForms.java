package io.branchlink.hub.channel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The bodies of channel-api's hub form API (docs/counter-business.md, "Hub → channel-api"), as the hub reads and
 * writes them.
 */
public final class HubForms {

    private HubForms() {
    }

    /** One answer of the staging feed: the events after the cursor sent, and the last sequence number. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FeedPage(List<FeedEvent> events, long last) {

        public FeedPage {
            events = events == null ? List.of() : List.copyOf(events);
        }
    }

    /** {@code STAGED} carries the form; {@code WITHDRAWN} says it left this branch. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FeedEvent(long seq, String kind, String tokenId, FormData form) {

        public static final String STAGED = "STAGED";
        public static final String WITHDRAWN = "WITHDRAWN";
    }

    /** What channel-api sends of a staged form: what the teller console needs, and nothing more. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FormData(String draftId, String tokenId, String type, String branchId, Customer customer,
            Map<String, String> values, Instant submittedAt, Instant expiresAt) {

        public FormData {
            values = values == null ? Map.of() : Map.copyOf(values);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Customer(String id, String name, String mobileLast4) {
    }

    /**
     * channel-api's view of a token: its form's status and branch; {@code form} is {@code null} when the form is at
     * another branch (or at none).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TokenStatus(String status, String branchId, Instant decidedAt, FormData form) {
    }

    /**
     * channel-api's answer to staging a submitted form at this branch on the customer's arrival at the counter.
     *
     * @param code the problem's {@code code} ({@code FORM_OTHER_BRANCH}, {@code FORM_EXPIRED},
     *     {@code FORM_CANCELLED}, {@code FORM_ALREADY_DECIDED}, {@code FORM_UNKNOWN}, ...), or {@code null} when
     *     the form is staged here
     * @param token the staged form's status (200), or the status, branch and decision time a refusal names
     */
    public record StageAnswer(String code, TokenStatus token) {

        public static final String OTHER_BRANCH = "FORM_OTHER_BRANCH";
        public static final String EXPIRED = "FORM_EXPIRED";
        public static final String CANCELLED = "FORM_CANCELLED";
        public static final String ALREADY_DECIDED = "FORM_ALREADY_DECIDED";
        public static final String UNKNOWN = "FORM_UNKNOWN";

        public boolean staged() {
            return code == null;
        }
    }

    /** A teller's decision; {@code reason} is required for {@code REJECT}. */
    public record ExecutionRequest(String confirmationId, String tokenId, String tellerId, String terminalId,
            String decision, String reason) {
    }

    /** A decided form: the execution's answer, or the {@code existing} outcome of a 409. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Outcome(String confirmationId, String draftId, String outcome, String message,
            Map<String, Object> result, String tellerId, Instant decidedAt, Voucher voucher,
            String voucherReference) {
    }

    /** The voucher of an executed form; {@code pdf} may be absent, then it is fetched by reference. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Voucher(String reference, String contentHash, byte[] pdf) {
    }

    /**
     * channel-api's answer to an execution request.
     *
     * @param status the HTTP status
     * @param code the problem's {@code code} ({@code FORM_ALREADY_DECIDED}, {@code FORM_EXPIRED}, ...), or
     *     {@code null} for a 200
     * @param outcome the execution (200) or the existing outcome (409), else {@code null}
     */
    public record ExecutionAnswer(int status, String code, Outcome outcome) {

        public static final String ALREADY_DECIDED = "FORM_ALREADY_DECIDED";

        public boolean decided() {
            return outcome != null && (status == 200 || ALREADY_DECIDED.equals(code));
        }
    }
}
