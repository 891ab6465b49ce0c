package io.branchlink.channel.customer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes bearer sessions past their expiry, and device-binding challenges a day past theirs, on a fixed delay: an
 * expired session authenticates nothing either way, and an expired challenge binds nothing.
 */
@Component
class SessionSweeper {

    private static final Logger log = LoggerFactory.getLogger(SessionSweeper.class);

    private final SessionService sessions;
    private final DeviceBinding binding;

    SessionSweeper(SessionService sessions, DeviceBinding binding) {
        this.sessions = sessions;
        this.binding = binding;
    }

    @Scheduled(fixedDelayString = "${branchlink.channel.customer.session-sweep-interval:5m}",
            initialDelayString = "${branchlink.channel.customer.session-sweep-interval:5m}")
    void sweep() {
        int purged = sessions.purgeExpired();
        int challenges = binding.purgeExpired();
        if (purged + challenges > 0) {
            log.debug("expired sessions purged count={} bindingChallenges={}", purged, challenges);
        }
    }
}
