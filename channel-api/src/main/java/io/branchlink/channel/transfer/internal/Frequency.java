package io.branchlink.channel.transfer.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How often an order pays: once on its start date, every week on the start date's weekday, or every month on the
 * start date's day of the month (on the month's last day when the month is shorter: an order from 31 January pays
 * on 28 or 29 February).
 *
 * @see FrequencyTests
 */
enum Frequency {
    ONCE,
    WEEKLY,
    MONTHLY;

    /** Whether an order from {@code start} until {@code end} (open when null) pays on {@code date}. */
    boolean dueOn(LocalDate start, LocalDate end, LocalDate date) {
        if (date.isBefore(start) || (end != null && date.isAfter(end))) {
            return false;
        }
        return switch (this) {
            case ONCE -> date.equals(start);
            case WEEKLY -> ChronoUnit.DAYS.between(start, date) % 7 == 0;
            case MONTHLY -> date.getDayOfMonth() == Math.min(start.getDayOfMonth(), date.lengthOfMonth());
        };
    }

    /** The first date on or after {@code from} the order pays, or null when it pays no more. */
    LocalDate next(LocalDate start, LocalDate end, LocalDate from) {
        LocalDate date = from.isBefore(start) ? start : from;
        // a month has at most 31 days: within 32 days a weekly or monthly order pays at least once
        for (int i = 0; i < 32; i++) {
            if (end != null && date.isAfter(end)) {
                return null;
            }
            if (dueOn(start, end, date)) {
                return date;
            }
            date = date.plusDays(1);
        }
        return null;
    }

    /** Whether the order pays no more after {@code date}. */
    boolean finishedAfter(LocalDate start, LocalDate end, LocalDate date) {
        return next(start, end, date.plusDays(1)) == null;
    }
}
