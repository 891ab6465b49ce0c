/**
 * The fleet simulator: many ITMs of one branch serving withdrawals and deposits concurrently through the whole stack,
 * with device faults injected, measured with HdrHistogram; see docs/benchmarks.md, "Whole branch (fleet simulator)".
 */
package io.branchlink.demo.fleet;
