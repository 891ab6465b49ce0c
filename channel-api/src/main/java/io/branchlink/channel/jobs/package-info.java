/**
 * Time-driven work: {@link io.branchlink.channel.jobs.EndOfDayStep} is what a product contributes to the bank's end
 * of day; the job that runs the steps once per business date, cluster-safe on PostgreSQL, is in {@code internal}.
 */
package io.branchlink.channel.jobs;
