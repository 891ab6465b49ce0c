/**
 * Plain JDK networking shared by every module that opens connections to the branch's broker.
 *
 * @see io.branchlink.protocol.net.NoDelaySocketFactoryTests
 */
package io.branchlink.protocol.net;
