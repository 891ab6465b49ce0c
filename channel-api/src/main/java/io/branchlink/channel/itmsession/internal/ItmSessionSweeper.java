package io.branchlink.channel.itmsession.internal;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes unclaimed codes long expired ({@code keep-unclaimed}). Claimed sessions stay: their tokens expire and
 * release their holds through the cardless sweeper.
 */
@Component
class ItmSessionSweeper {

    private final ItmSessions sessions;

    ItmSessionSweeper(ItmSessions sessions) {
        this.sessions = sessions;
    }

    @Scheduled(fixedDelayString = "${branchlink.channel.itm-sessions.sweep-interval:5m}",
            initialDelayString = "${branchlink.channel.itm-sessions.sweep-interval:5m}")
    void sweep() {
        sessions.purgeUnclaimed();
    }
}
