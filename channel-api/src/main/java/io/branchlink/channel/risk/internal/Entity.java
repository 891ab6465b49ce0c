package io.branchlink.channel.risk.internal;

import java.util.Locale;

/** What a feature is counted per: the key an event carries for each (absent keys count nowhere). */
enum Entity {
    CUSTOMER,
    DEVICE,
    ACCOUNT,
    COUNTERPARTY,
    BRANCH,
    AREA;

    final String label = name().toLowerCase(Locale.ROOT);

    static final Entity[] ALL = values();
}
