package io.branchlink.agent.link;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a terminal reaches the branch hub's MQTT broker and how it signs in: the settings an ITM and a teller
 * terminal both carry.
 *
 * @param url such as {@code tcp://127.0.0.1:1883}
 * @param username per-device user name the hub enforces; {@code null} for none
 * @param persistenceDir where Paho keeps in-flight QoS 1 messages across restarts
 */
public record MqttBroker(String url, String username, String password, Path persistenceDir) {

    public MqttBroker {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(persistenceDir, "persistenceDir");
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "MqttBroker[url=" + url + ", username=" + username + ", persistenceDir=" + persistenceDir + "]";
    }
}
