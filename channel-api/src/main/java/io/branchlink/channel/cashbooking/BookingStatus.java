package io.branchlink.channel.cashbooking;

/**
 * Where a booking is: BOOKED holds its amount; PAID (paid out at the counter), CANCELLED (by the customer before the
 * day) and NO_SHOW (released at the end of the day) are final. LEGACY rows predate reservations and hold nothing.
 */
public enum BookingStatus {
    BOOKED,
    PAID,
    CANCELLED,
    NO_SHOW,
    LEGACY
}
