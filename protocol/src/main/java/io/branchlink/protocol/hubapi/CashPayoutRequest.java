package io.branchlink.protocol.hubapi;

/**
 * The teller's one click on a booking shown at their terminal: pay it out. Idempotent on {@code confirmationId},
 * which the hub made when it showed the booking.
 */
public record CashPayoutRequest(String bookingId, String confirmationId, String tellerId, String terminalId) {
}
