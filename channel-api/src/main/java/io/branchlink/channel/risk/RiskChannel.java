package io.branchlink.channel.risk;

/** Where the action comes from; each one splits the features (filter {@code channel.*}). */
public enum RiskChannel {
    APP,
    ITM,
    COUNTER,
    WEB
}
