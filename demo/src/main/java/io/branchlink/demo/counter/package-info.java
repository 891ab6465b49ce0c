/**
 * The counter's measurements: the time from a scan to the form on the teller console and from the click to the
 * voucher ({@link io.branchlink.demo.counter.CounterBenchmark}), and the teller's data-entry effort with and without
 * pre-filled forms ({@link io.branchlink.demo.counter.CounterEffort}).
 */
package io.branchlink.demo.counter;
