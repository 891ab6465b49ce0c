/**
 * Test doubles and harnesses that more than one module's tests use: a fake ISO 8583 host that plays the branch hub for
 * the agent's and the simulated devices' tests ({@link io.branchlink.testsupport.FakeIsoHost}), an embedded MQTT broker on a free port for the agents' link tests
 * ({@link io.branchlink.testsupport.EmbeddedBroker}), and the one way the
 * browser tests start Debian's Chromium ({@link io.branchlink.testsupport.HeadlessChromium}).
 *
 * <p>An ordinary jar that other modules take in {@code test} scope, rather than a {@code test-jar}: a reactor build
 * stopping at {@code compile} (the README's run command) can resolve it, where it cannot resolve a test-jar.
 */
package io.branchlink.testsupport;
