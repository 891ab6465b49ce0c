package io.branchlink.channel.terminal.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What makes a terminal transaction unique, as ISO 8583 does: terminal id (field 41), STAN (field 11) and the UTC
 * date of the transmission date and time (field 7).
 */
public record TerminalTransactionKey(String terminalId, int stan, LocalDate transmissionDate) {

    public static TerminalTransactionKey of(String terminalId, int stan, Instant transmittedAt) {
        return new TerminalTransactionKey(terminalId, stan, LocalDate.ofInstant(transmittedAt, ZoneOffset.UTC));
    }

    /** The journal entry reference of this transaction: {@code terminal:stan:date}. */
    public String reference() {
        return terminalId + ":" + String.format("%06d", stan) + ":" + transmissionDate;
    }
}
