package io.branchlink.channel.risk.internal;

import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import java.util.Locale;

/** Which events a windowed feature counts: all, one action's or one channel's. Index 0 is all. */
final class Filter {

    static final int COUNT = 1 + RiskAction.values().length + RiskChannel.values().length;
    private static final String[] LABELS = new String[COUNT];

    static {
        LABELS[0] = "all";
        for (RiskAction action : RiskAction.values()) {
            LABELS[of(action)] = "action." + action.name().toLowerCase(Locale.ROOT);
        }
        for (RiskChannel channel : RiskChannel.values()) {
            LABELS[of(channel)] = "channel." + channel.name().toLowerCase(Locale.ROOT);
        }
    }

    private Filter() {
    }

    static int of(RiskAction action) {
        return 1 + action.ordinal();
    }

    static int of(RiskChannel channel) {
        return 1 + RiskAction.values().length + channel.ordinal();
    }

    static String label(int filter) {
        return LABELS[filter];
    }
}
