package io.branchlink.channel.stepup.internal;

import io.branchlink.channel.passkey.Passkeys;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes step-ups and passkey challenges that expired more than {@code purge-after} ago, on a fixed delay (the
 * customer module's sweeper does the same for device-binding challenges). Until then an answer to one still says
 * "expired" rather than "not found".
 */
@Component
class StepUpSweeper {

    private static final Logger log = LoggerFactory.getLogger(StepUpSweeper.class);

    private final StepUpStore store;
    private final Passkeys passkeys;
    private final StepUpProperties properties;
    private final Clock clock;

    StepUpSweeper(StepUpStore store, Passkeys passkeys, StepUpProperties properties, Clock clock) {
        this.store = store;
        this.passkeys = passkeys;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${branchlink.channel.stepup.sweep-interval:1h}",
            initialDelayString = "${branchlink.channel.stepup.sweep-interval:1h}")
    @Transactional
    public void sweep() {
        Instant before = clock.instant().minus(properties.purgeAfter());
        int stepUps = store.purge(before);
        int challenges = passkeys.purgeChallenges(before);
        if (stepUps + challenges > 0) {
            log.debug("expired step-ups purged count={} passkeyChallenges={}", stepUps, challenges);
        }
    }
}
