/**
 * Setting up a bank to run: branches, ITMs with loaded cash, hubs, customers with opening balances. The demo
 * profile seeds a small one; tests use the same {@link io.branchlink.channel.demo.BankSetup} for their fixtures.
 */
package io.branchlink.channel.demo;
