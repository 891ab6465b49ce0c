package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A queue ticket of a branch, as channel-api issues it: numbered per branch and business day, one per customer per
 * branch per day. The hub keeps the live queue (waiting, called, done); channel-api only issues.
 *
 * @param number the number called out and printed, from 1 each business day
 * @param customerInitial what the console shows of the customer: the first letter of their name and a dot
 * @param source how it was taken: {@code LOCATION} (the app reported a position inside the branch's radius),
 *     {@code REMOTE} (taken in the app) or {@code MACHINE} (the branch's queue-ticket machine)
 * @param formsStaged how many of the customer's forms are staged at the branch
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueueTicket(String ticketId, String branchId, LocalDate businessDate, int number, String customerId,
        String customerInitial, String source, int formsStaged, Instant issuedAt) {

    /** The number as called and printed: three digits at least. */
    public String label() {
        return String.format("%03d", number);
    }
}
