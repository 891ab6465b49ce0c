package io.branchlink.channel.cardless;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a cardless token is in its life, and the one table of moves between those places: a token is staged
 * ACTIVE and ends exactly once, used by a hub, cancelled by its customer or expired by the sweeper. The
 * conditional updates in PostgreSQL move a token only from a state this table allows.
 *
 * @see io.branchlink.channel.cardless.TokenStatusTests
 */
public enum TokenStatus {

    ACTIVE, USED, CANCELLED, EXPIRED;

    private static final Map<TokenStatus, Set<TokenStatus>> NEXT = Map.of(
            ACTIVE, EnumSet.of(USED, CANCELLED, EXPIRED),
            USED, EnumSet.noneOf(TokenStatus.class),
            CANCELLED, EnumSet.noneOf(TokenStatus.class),
            EXPIRED, EnumSet.noneOf(TokenStatus.class));

    /** Whether a token in this state may move to {@code next}. */
    public boolean canMoveTo(TokenStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** The one state a token must be in to move to {@code next}, for the conditional update that moves it. */
    public static TokenStatus sourceOf(TokenStatus next) {
        return EnumSet.allOf(TokenStatus.class).stream()
                .filter(from -> from.canMoveTo(next))
                .reduce((one, other) -> {
                    throw new IllegalStateException("more than one state moves to " + next);
                })
                .orElseThrow(() -> new IllegalStateException("no state moves to " + next));
    }

    /** Whether the token has ended and can never be presented again. */
    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
