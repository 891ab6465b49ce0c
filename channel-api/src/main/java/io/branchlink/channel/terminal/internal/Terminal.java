package io.branchlink.channel.terminal.internal;

import java.util.UUID;

/** An ITM or teller terminal of a branch, with the cash GL account its cassettes are booked to. */
public record Terminal(String id, String branchId, String kind, UUID cashAccountId) {

    /** Whether the terminal handles cash; teller terminals only scan codes. */
    public boolean handlesCash() {
        return "ITM".equals(kind);
    }
}
