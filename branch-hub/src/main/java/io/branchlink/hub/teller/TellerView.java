package io.branchlink.hub.teller;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one terminal's console shows, as kept in {@code hub.teller.views} (key: terminal id). {@code version} grows
 * with every change, so a console redraws only when something changed.
 *
 * @param state {@code IDLE}, {@code FORM} or {@code REFUSED}
 * @param code the refusal's code for {@code REFUSED}
 * @param scanId the scan shown, so a QoS 1 duplicate of it is ignored
 */
record TellerView(long version, String state, String code, Message message, Instant scannedAt, String scanId,
        ConsoleForm form) {

    static final String IDLE = "IDLE";
    static final String FORM = "FORM";
    static final String REFUSED = "REFUSED";

    static TellerView idle() {
        return new TellerView(0, IDLE, null, null, null, null, null);
    }

    TellerView withVersion(long next) {
        return new TellerView(next, state, code, message, scannedAt, scanId, form);
    }

    TellerView withForm(ConsoleForm changed) {
        return new TellerView(version, state, code, message, scannedAt, scanId, changed);
    }

    /** The view as the browser gets it: without the token id. */
    TellerView forBrowser() {
        return form == null ? this : withForm(form.withTokenId(null));
    }

    /**
     * A staged form laid out for the teller: every field with its catalog labels, ID-check fields flagged.
     *
     * @param tokenId kept server-side to call channel-api; never sent to the browser
     * @param decision the outcome once decided at this hub, else {@code null}
     */
    record ConsoleForm(String draftId, String tokenId, String type, Message label, Customer customer,
            List<Field> fields, Instant submittedAt, Instant expiresAt, String confirmationId, Decision decision) {

        ConsoleForm withTokenId(String changed) {
            return new ConsoleForm(draftId, changed, type, label, customer, fields, submittedAt, expiresAt,
                    confirmationId, decision);
        }

        ConsoleForm withDecision(Decision changed) {
            return new ConsoleForm(draftId, tokenId, type, label, customer, fields, submittedAt, expiresAt,
                    confirmationId, changed);
        }
    }

    record Customer(String name, String mobileLast4) {
    }

    /**
     * @param display the value as shown: a choice's labels, else the value itself
     * @param idCheck whether the teller must compare it with the ID card
     */
    record Field(String name, Message label, String value, Message display, boolean idCheck) {
    }

    /**
     * A decided form, as every click, refresh and tab gets it.
     *
     * @param outcome {@code EXECUTED}, {@code REJECTED} or {@code FAILED}
     * @param decidedElsewhere true when channel-api had it decided under another confirmation (its 409)
     */
    record Decision(String draftId, String type, String confirmationId, String outcome, String message,
            Map<String, Object> result, String tellerId, String terminalId, Instant decidedAt, String voucherReference,
            String voucherContentHash, boolean decidedElsewhere) {
    }
}
