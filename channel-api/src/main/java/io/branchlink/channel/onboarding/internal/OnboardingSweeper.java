package io.branchlink.channel.onboarding.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Erases the resident ID numbers of onboardings that expired without completing, on a fixed delay. */
@Component
class OnboardingSweeper {

    private static final Logger log = LoggerFactory.getLogger(OnboardingSweeper.class);

    private final OnboardingService onboarding;

    OnboardingSweeper(OnboardingService onboarding) {
        this.onboarding = onboarding;
    }

    @Scheduled(fixedDelayString = "${branchlink.channel.onboarding.sweep-interval:5m}",
            initialDelayString = "${branchlink.channel.onboarding.sweep-interval:5m}")
    void sweep() {
        int erased = onboarding.eraseExpired();
        if (erased > 0) {
            log.debug("expired onboardings erased count={}", erased);
        }
    }
}
