package io.branchlink.channel.risk.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trust a customer earns by use and loses by disuse: the phones, branches and areas (cells of 0.1°) the customer
 * acted with, as the days of the last 90 they did so. A phone is trusted once it was used on at least
 * {@code device-uses} days spanning at least {@code device-after}, and stops being trusted {@code device-idle} after
 * its last use (a later use starts the period over); a branch or area is usual once the customer acted there on at
 * least {@code usual-days} days of the last 90. Everything older than 90 days counts nowhere, so a state rebuilt from
 * the event table (which replays 90 days) answers as the one that saw every event.
 *
 * <p>Kept per customer beside {@link EntityState}'s pairings, one small entry per pairing: the last use and a mask of
 * 128 days, pruned like the pairings.
 *
 * @see RiskFeatureStateTests.Trust
 */
final class TrustState {

    static final int HORIZON_DAYS = (int) (Window.LONGEST.millis / Window.D1.millis);
    /** The mask holds 128 days, more than the horizon, so that events arriving late still find their day. */
    static final int MASK_DAYS = 128;
    private static final int PRUNE_ABOVE = 16;

    /** What a customer's trust is kept for. */
    enum Kind {
        DEVICE,
        BRANCH,
        AREA
    }

    private final TrustProperties settings;
    private final ZoneId zone;
    private final long idleDays;
    private final long afterDays;
    private final Map<String, Habits> customers = new ConcurrentHashMap<>();

    TrustState(TrustProperties settings, ZoneId zone) {
        this.settings = settings;
        this.zone = zone;
        this.idleDays = settings.deviceIdle().toDays();
        this.afterDays = settings.deviceAfter().toDays();
    }

    /** Notes a completed action of a customer with its phone, branch and area (each may be null). */
    void record(String customer, String device, String branch, String area, long at) {
        if (device == null && branch == null && area == null) {
            return;
        }
        long day = day(at);
        Habits habits = customers.computeIfAbsent(customer, k -> new Habits());
        habits.add(Kind.DEVICE, device, at, day);
        habits.add(Kind.BRANCH, branch, at, day);
        habits.add(Kind.AREA, area, at, day);
    }

    /** Whether the customer's phone is trusted now. */
    boolean trustedDevice(String customer, String device, long now) {
        long[] use = use(customer, Kind.DEVICE, device);
        if (use == null || now - use[LAST_AT] >= settings.deviceIdle().toMillis() || use[LAST_AT] > now) {
            return false;
        }
        long today = day(now);
        int days = 0;
        long latest = Long.MIN_VALUE;
        long earliest = Long.MIN_VALUE;
        for (int i = 0; i < MASK_DAYS; i++) {
            long day = use[LAST_DAY] - i;
            if (!used(use, i) || day > today) {
                continue;
            }
            if (day <= today - HORIZON_DAYS || (earliest != Long.MIN_VALUE && earliest - day >= idleDays)) {
                break;
            }
            if (latest == Long.MIN_VALUE) {
                latest = day;
            }
            earliest = day;
            days++;
        }
        return days >= settings.deviceUses() && latest - earliest >= afterDays;
    }

    /** Whether the customer acted at this branch (or in this area) on enough days of the last 90. */
    boolean usual(String customer, Kind kind, String key, long now) {
        long[] use = use(customer, kind, key);
        if (use == null) {
            return false;
        }
        long today = day(now);
        int days = 0;
        for (int i = 0; i < MASK_DAYS; i++) {
            long day = use[LAST_DAY] - i;
            if (used(use, i) && day <= today && day > today - HORIZON_DAYS) {
                days++;
            }
        }
        return days >= settings.usualDays();
    }

    /** How many customers have trust entries. */
    int size() {
        return customers.size();
    }

    private long[] use(String customer, Kind kind, String key) {
        if (key == null) {
            return null;
        }
        Habits habits = customers.get(customer);
        return habits == null ? null : habits.get(kind, key);
    }

    private long day(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate().toEpochDay();
    }

    /** Layout of an entry: the last use, the day of the mask's bit 0, then 2 × 64 bits, bit i = day - i. */
    private static final int LAST_AT = 0;
    private static final int LAST_DAY = 1;
    private static final int BITS = 2;

    private static boolean used(long[] use, int i) {
        return (use[BITS + i / 64] & (1L << (i % 64))) != 0;
    }

    /** One customer's entries per kind, keyed by the phone, branch or area. */
    private static final class Habits {

        @SuppressWarnings("unchecked")
        private final Map<String, long[]>[] byKind = new Map[Kind.values().length];
        private long lastPrune;

        synchronized void add(Kind kind, String key, long at, long day) {
            if (key == null) {
                return;
            }
            Map<String, long[]> uses = byKind[kind.ordinal()];
            if (uses == null) {
                uses = new HashMap<>(4);
                byKind[kind.ordinal()] = uses;
            }
            long[] use = uses.get(key);
            if (use == null) {
                uses.put(key, new long[] {at, day, 1L, 0L});
            } else {
                if (day > use[LAST_DAY]) {
                    shift(use, day - use[LAST_DAY]);
                    use[LAST_DAY] = day;
                }
                long age = use[LAST_DAY] - day;
                if (age < MASK_DAYS) {
                    use[BITS + (int) (age / 64)] |= 1L << (age % 64);
                }
                use[LAST_AT] = Math.max(use[LAST_AT], at);
            }
            if (uses.size() > PRUNE_ABOVE && day - lastPrune > 1) {
                prune(uses, day - HORIZON_DAYS);
                lastPrune = day;
            }
        }

        synchronized long[] get(Kind kind, String key) {
            Map<String, long[]> uses = byKind[kind.ordinal()];
            long[] use = uses == null ? null : uses.get(key);
            return use == null ? null : use.clone();
        }

        /** Moves the mask's bit 0 {@code days} later: every bit i becomes bit i + days. */
        private static void shift(long[] use, long days) {
            if (days >= MASK_DAYS) {
                use[BITS] = 0;
                use[BITS + 1] = 0;
            } else if (days >= 64) {
                use[BITS + 1] = use[BITS] << (days - 64);
                use[BITS] = 0;
            } else {
                use[BITS + 1] = (use[BITS + 1] << days) | (use[BITS] >>> (64 - days));
                use[BITS] <<= days;
            }
        }

        /** Forgets entries last used on or before {@code day}: they count nowhere any more. */
        private static void prune(Map<String, long[]> uses, long day) {
            for (Iterator<long[]> it = uses.values().iterator(); it.hasNext();) {
                if (it.next()[LAST_DAY] <= day) {
                    it.remove();
                }
            }
        }
    }
}
