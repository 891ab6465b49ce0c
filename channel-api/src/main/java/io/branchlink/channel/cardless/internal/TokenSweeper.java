package io.branchlink.channel.cardless.internal;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Expires overdue tokens and releases their holds on a fixed delay ({@code sweep-interval}). */
@Component
class TokenSweeper {

    private final CardlessService cardless;

    TokenSweeper(CardlessService cardless) {
        this.cardless = cardless;
    }

    @Scheduled(fixedDelayString = "${branchlink.channel.cardless.sweep-interval:15s}",
            initialDelayString = "${branchlink.channel.cardless.sweep-interval:15s}")
    void sweep() {
        int expired;
        do {
            expired = cardless.expireDue();
        } while (expired == 500);
    }
}
