package io.branchlink.protocol.hubapi;

/**
 * A teller terminal scanned a code that is a CASH_BOOKING token: the hub asks channel-api for the booking.
 *
 * @param code the scanned text, as scanned
 */
public record CashBookingScan(String code) {

    /** Never prints the code: it is as good as the booking's cash at the counter. */
    @Override
    public String toString() {
        return "CashBookingScan[…]";
    }
}
