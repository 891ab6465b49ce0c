package io.branchlink.demo.web;

import io.branchlink.agent.device.Screen;
import io.branchlink.sim.device.SimulatedScreen;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the ITM screen page shows: the simulated screen's views in the order the agent showed them, each held for at
 * least {@link #MIN_DWELL}. The simulated devices run in simulated time (the simulated customer takes the presented
 * cash at once), so the agent moves from {@code TAKE_CASH} to {@code THANK_YOU} within microseconds; replaying the
 * history with a dwell lets a person watching the page (and a browser test) see every screen. When the page falls
 * more than {@link #MAX_BACKLOG} views behind it skips ahead rather than replaying old transactions.
 */
final class ScreenMirror {

    static final Duration MIN_DWELL = Duration.ofMillis(1_200);
    static final int MAX_BACKLOG = 12;

    private final SimulatedScreen screen;
    private final Clock clock;
    private int shown = -1;
    private Instant shownSince = Instant.EPOCH;

    ScreenMirror(SimulatedScreen screen, Clock clock) {
        this.screen = screen;
        this.clock = clock;
    }

    /** The view the page should show now. */
    synchronized Screen.View view() {
        List<Screen.View> history = screen.history();
        if (history.isEmpty()) {
            return screen.current();
        }
        Instant now = clock.instant();
        int latest = history.size() - 1;
        if (shown < 0 || latest - shown > MAX_BACKLOG) {
            shown = shown < 0 ? latest : latest - MAX_BACKLOG;
            shownSince = now;
        } else if (shown < latest && !now.isBefore(shownSince.plus(MIN_DWELL))) {
            shown++;
            shownSince = now;
        }
        return history.get(shown);
    }

    /** Whether the agent has already moved on from the view the page shows. */
    synchronized int behind() {
        return shown < 0 ? 0 : Math.max(0, screen.history().size() - 1 - shown);
    }
}
