package io.branchlink.channel.customer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes bearer sessions past their expiry, on a fixed delay: an expired session authenticates nothing either way. */
@Component
class SessionSweeper {

    private static final Logger log = LoggerFactory.getLogger(SessionSweeper.class);

    private final SessionService sessions;

    SessionSweeper(SessionService sessions) {
        this.sessions = sessions;
    }

    @Scheduled(fixedDelayString = "${branchlink.channel.customer.session-sweep-interval:5m}",
            initialDelayString = "${branchlink.channel.customer.session-sweep-interval:5m}")
    void sweep() {
        int purged = sessions.purgeExpired();
        if (purged > 0) {
            log.debug("expired sessions purged count={}", purged);
        }
    }
}
