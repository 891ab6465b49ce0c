/**
 * Time-driven work: {@link io.branchlink.channel.jobs.EndOfDayStep} is what a product contributes to the bank's end
 * of day; the job that runs the steps once per business date, cluster-safe on PostgreSQL (db-scheduler for the
 * recurring check, an advisory lock and per-date step records for exactly once), its operators' endpoint and the
 * demo's clock control are in {@code internal}. docs/cards.md ("The end-of-day job") has its guarantees.
 *
 * @see io.branchlink.channel.jobs.internal.EndOfDayJobIntegrationTests
 */
package io.branchlink.channel.jobs;
