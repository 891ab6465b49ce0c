package io.branchlink.hub.queue;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A ticket in this branch's queue, as kept in {@code hub.queue.tickets} (key: ticket id).
 *
 * @param status {@code WAITING}, {@code CALLED} or {@code DONE}
 * @param terminalId the teller terminal that called it
 */
public record QueuedTicket(String ticketId, LocalDate businessDate, int number, String label, String customerId,
        String customerInitial, String source, int formsStaged, String status, Instant issuedAt, Instant calledAt,
        String terminalId, Instant doneAt) {

    public static final String WAITING = "WAITING";
    public static final String CALLED = "CALLED";
    public static final String DONE = "DONE";

    QueuedTicket withForms(int count) {
        return new QueuedTicket(ticketId, businessDate, number, label, customerId, customerInitial, source, count,
                status, issuedAt, calledAt, terminalId, doneAt);
    }

    QueuedTicket called(String terminal, Instant at) {
        return new QueuedTicket(ticketId, businessDate, number, label, customerId, customerInitial, source,
                formsStaged, CALLED, issuedAt, at, terminal, null);
    }

    QueuedTicket done(Instant at) {
        return new QueuedTicket(ticketId, businessDate, number, label, customerId, customerInitial, source,
                formsStaged, DONE, issuedAt, calledAt, terminalId, at);
    }

    public boolean is(String other) {
        return other.equals(status);
    }
}
