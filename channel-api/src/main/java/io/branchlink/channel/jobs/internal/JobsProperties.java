package io.branchlink.channel.jobs.internal;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the end-of-day job runs and how it is scheduled.
 *
 * @param zone the bank's time zone: a business date is a calendar day of this zone
 * @param cutOff how long after the midnight that ends a business date the date becomes due: with 5m, the date
 *     2026-03-14 is closed from 2026-03-15 00:05 local time on, so every posting of the whole calendar day is in
 *     before its end of day runs
 * @param checkInterval how often a node asks whether dates are due (db-scheduler runs the check on one node at a
 *     time); a date is closed at most this long after its cut-off
 * @param pollingInterval how often db-scheduler looks for due executions in its table
 * @param firstBusinessDate the first date the job closes on an empty database, or null for the latest due date (a
 *     new installation does not close the dates before it existed)
 * @param enabled false starts no scheduler on this node (the job can still be triggered by an operator)
 */
@ConfigurationProperties("branchlink.channel.jobs")
@Validated
record JobsProperties(
        @NotNull @DefaultValue("Asia/Shanghai") ZoneId zone,
        @NotNull @DefaultValue("5m") Duration cutOff,
        @NotNull @DefaultValue("1m") Duration checkInterval,
        @NotNull @DefaultValue("10s") Duration pollingInterval,
        LocalDate firstBusinessDate,
        @DefaultValue("true") boolean enabled) {
}
