package io.branchlink.hub.mqtt.internal;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The branch's MQTT 5 broker, HiveMQ CE running inside the hub: in-memory persistence, one TCP listener, a server
 * receive maximum far above HiveMQ's default of 10 (Paho's send window), no usage statistics, and
 * {@link BrokerAccessExtension} for authentication and permissions. Its config, data and extensions folders are
 * temporary and deleted on {@link #close()}.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final Path home;
    private final int port;
    private final EmbeddedHiveMQ hivemq;

    private EmbeddedBroker(Path home, int port, EmbeddedHiveMQ hivemq) {
        this.home = home;
        this.port = port;
        this.hivemq = hivemq;
    }

    /**
     * @param port the TCP port to listen on; {@code 0} picks a free port
     * @param serverReceiveMaximum how many QoS 1/2 publishes a client may have in flight
     */
    public static EmbeddedBroker start(String bindAddress, int port, int serverReceiveMaximum,
            Restrictions restrictions, BrokerAccessExtension access) {
        Path home = null;
        try {
            home = Files.createTempDirectory("branchlink-hivemq-");
            int listenPort = port != 0 ? port : freePort(bindAddress);
            Path config = Files.createDirectories(home.resolve("conf"));
            Files.writeString(config.resolve("config.xml"), configXml(bindAddress, listenPort, serverReceiveMaximum, restrictions), StandardCharsets.UTF_8);
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(config)
                    .withDataFolder(Files.createDirectories(home.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(home.resolve("extensions")))
                    .withEmbeddedExtension(EmbeddedExtension.builder()
                            .withId("branchlink-access")
                            .withName("BranchLink device access")
                            .withVersion("1")
                            .withPriority(1000)
                            .withStartPriority(1000)
                            .withExtensionMain(access)
                            .build())
                    .withoutLoggingBootstrap()
                    .build();
            long started = System.nanoTime();
            hivemq.start().join();
            log.info("mqtt.broker started=true kind=embedded bindAddress={} port={} serverReceiveMaximum={} "
                    + "maxConnections={} noConnectIdleTimeoutMs={} tookMs={}", bindAddress, listenPort,
                    serverReceiveMaximum, restrictions.maxConnections(), restrictions.noConnectIdleTimeout().toMillis(),
                    (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedBroker(home, listenPort, hivemq);
        } catch (IOException e) {
            deleteQuietly(home);
            throw new UncheckedIOException("cannot prepare the embedded MQTT broker's folders", e);
        } catch (RuntimeException e) {
            deleteQuietly(home);
            throw e;
        }
    }

    /**
     * HiveMQ's connection restrictions.
     *
     * @param maxConnections the most client connections open at once; one more is refused by the broker
     * @param noConnectIdleTimeout how long a TCP connection may stay open without sending its MQTT CONNECT
     */
    public record Restrictions(int maxConnections, Duration noConnectIdleTimeout) {
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            hivemq.close();
            log.info("mqtt.broker stopped=true kind=embedded port={}", port);
        } catch (ExecutionException e) {
            log.warn("mqtt.broker stopped=false kind=embedded port={} error={}", port, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(home);
        }
    }

    static String configXml(String bindAddress, int port, int serverReceiveMaximum, Restrictions restrictions) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                    </tcp-listener>
                  </listeners>
                  <mqtt>
                    <receive-maximum>
                      <server-receive-maximum>%d</server-receive-maximum>
                    </receive-maximum>
                  </mqtt>
                  <restrictions>
                    <max-connections>%d</max-connections>
                    <no-connect-idle-timeout>%d</no-connect-idle-timeout>
                  </restrictions>
                  <persistence>
                    <mode>in-memory</mode>
                  </persistence>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, xml(bindAddress), serverReceiveMaximum, restrictions.maxConnections(),
                restrictions.noConnectIdleTimeout().toMillis());
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static int freePort(String bindAddress) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(bindAddress))) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path home) {
        if (home == null || !Files.exists(home)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("mqtt.broker cleanup=false folder={} error={}", home, e.toString());
        }
    }
}
