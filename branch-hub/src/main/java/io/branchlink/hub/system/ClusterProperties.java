package io.branchlink.hub.system;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Hazelcast cluster of this branch's hub nodes: members find each other over TCP/IP on the listed addresses;
 * multicast and cloud discovery are off.
 *
 * @param name cluster name; nodes of one branch share it, other branches must not
 * @param port first port to try (5701), counting up when taken
 * @param members addresses of the other nodes, e.g. {@code 10.1.2.3:5701}; empty for a one-node hub
 * @param bindAddress the interface to bind, {@code 127.0.0.1} on a single machine
 */
@ConfigurationProperties("branchlink.hub.cluster")
record ClusterProperties(@DefaultValue("branchlink-hub") String name, @DefaultValue("5701") int port,
        @DefaultValue List<String> members, @DefaultValue("127.0.0.1") String bindAddress) {
}
