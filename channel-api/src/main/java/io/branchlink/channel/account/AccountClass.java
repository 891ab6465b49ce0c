package io.branchlink.channel.account;

/**
 * The class of a personal current account under the People's Bank of China rules for personal bank accounts
 * (accounts.account_class). An account without a class (system accounts, accounts opened before classes were kept)
 * is treated as Class I.
 */
public enum AccountClass {
    /** A full account, opened face to face: no class limits. */
    TYPE_I,
    /**
     * An electronic account opened remotely (or at the counter on request): no cash at the counter or an ITM, and
     * outbound payments within a daily and a yearly limit ({@link AccountClasses#limits}).
     */
    TYPE_II;

    /** The class stored in accounts.account_class; null is Class I. */
    public static AccountClass of(String stored) {
        return stored == null ? TYPE_I : valueOf(stored);
    }
}
