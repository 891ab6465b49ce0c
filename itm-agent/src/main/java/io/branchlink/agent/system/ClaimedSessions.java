package io.branchlink.agent.system;

import io.branchlink.protocol.mqtt.AuthoriseSession;
import io.branchlink.protocol.mqtt.ShowSessionCode;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's session commands at an ITM: the current session code to show (the newest replaces the one before; a
 * claimed one is shown no more), and
 * the authorisations of claimed codes, queued until the agent serves them. An authorisation is taken once per
 * session id, however often the hub sends it (after a hub restart it sends the pending ones again).
 */
final class ClaimedSessions {

    private static final Logger log = LoggerFactory.getLogger(ClaimedSessions.class);
    private static final int REMEMBERED = 1_000;

    private final Clock clock;
    private final BlockingQueue<AuthoriseSession> authorised = new LinkedBlockingQueue<>();
    private final Set<String> seen = new LinkedHashSet<>();
    private volatile ShowSessionCode code;

    ClaimedSessions(Clock clock) {
        this.clock = clock;
    }

    void show(ShowSessionCode shown) {
        ShowSessionCode before = code;
        if (before == null || !shown.expiresAt().isBefore(before.expiresAt())) {
            code = shown;
        }
    }

    /** @return false for a session already taken */
    boolean take(AuthoriseSession authorisation) {
        synchronized (seen) {
            if (!seen.add(authorisation.sessionId())) {
                log.info("session already authorised session={}", authorisation.sessionId().substring(0, 8));
                return false;
            }
            if (seen.size() > REMEMBERED) {
                seen.remove(seen.iterator().next());
            }
        }
        ShowSessionCode shown = code;
        if (shown != null && shown.sessionId().equals(authorisation.sessionId())) {
            code = null;
        }
        authorised.add(authorisation);
        return true;
    }

    /** The code to show now, unless it has expired. */
    Optional<ShowSessionCode> current() {
        ShowSessionCode now = code;
        return now != null && now.expiresAt().isAfter(clock.instant()) ? Optional.of(now) : Optional.empty();
    }

    /** The next authorisation, waiting up to {@code wait}; empty when none came. */
    Optional<AuthoriseSession> next(Duration wait) {
        try {
            return Optional.ofNullable(authorised.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
