package io.branchlink.testsupport;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An embedded HiveMQ CE broker for tests on a random free loopback port, with in-memory persistence (so the xodus
 * exclusion is safe, STACK.md) and a Receive Maximum of 1000; it can be stopped and started again on the same port.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final int port;
    private final Path conf;
    private final Path data;
    private final Path extensions;
    private EmbeddedHiveMQ hivemq;

    public EmbeddedBroker(Path dir) {
        try {
            this.port = freePort();
            this.conf = Files.createDirectories(dir.resolve("conf"));
            this.data = Files.createDirectories(dir.resolve("data"));
            this.extensions = Files.createDirectories(dir.resolve("extensions"));
            Files.writeString(conf.resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                      <listeners><tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener></listeners>
                      <mqtt><receive-maximum><server-receive-maximum>1000</server-receive-maximum></receive-maximum></mqtt>
                      <persistence><mode>in-memory</mode></persistence>
                      <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /**
     * Starts a fresh broker on the port. A stopped in-memory instance cannot be started again (its metrics are
     * registered twice), so a restart is a new instance, which is also what a real restart is: sessions are gone.
     */
    public synchronized void start() {
        hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withoutLoggingBootstrap()
                .build();
        hivemq.start().join();
    }

    public synchronized void stop() {
        try {
            hivemq.close();
        } catch (Exception e) {
            throw new IllegalStateException("broker did not stop", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
