package io.branchlink.channel.hub;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What makes a terminal transaction unique, as ISO 8583 does: terminal id (field 41), STAN (field 11) and the UTC
 * date of the transmission date and time (field 7).
 */
record TerminalTransactionKey(String terminalId, int stan, LocalDate transmissionDate) {

    static TerminalTransactionKey of(String terminalId, int stan, Instant transmittedAt) {
        return new TerminalTransactionKey(terminalId, stan, LocalDate.ofInstant(transmittedAt, ZoneOffset.UTC));
    }

    String reference() {
        return terminalId + ":" + String.format("%06d", stan) + ":" + transmissionDate;
    }
}
