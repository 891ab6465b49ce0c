package io.branchlink.hub.system;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.RingbufferConfig;
import java.util.List;

/**
 * How a hub node's Hazelcast member is configured: joined over TCP/IP to the listed members only (no multicast, no
 * cloud discovery), and every map whose name starts with {@code hub.} keeping one synchronous backup, so a node can
 * die without losing what the branch shares. Tests start their members from this same configuration.
 */
public final class HubCluster {

    /** The teller audit trail: the latest records of the branch, one synchronous backup. */
    public static final String AUDIT_RING = "hub.teller.audit";
    /** The operators' audit trail of fleet commands: the latest records of the branch, one synchronous backup. */
    public static final String FLEET_AUDIT_RING = "hub.fleet.audit";

    private HubCluster() {
    }

    /**
     * @param members the other members' addresses; empty for a one-node hub, which then starts standalone at once
     */
    public static Config memberConfig(String clusterName, String instanceName, int port, String bindAddress,
            List<String> members) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName(instanceName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(true);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(bindAddress);
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (!members.isEmpty()) {
            join.getTcpIpConfig().setEnabled(true).addMember(bindAddress);
            members.forEach(member -> join.getTcpIpConfig().addMember(member));
        }
        // replay guard, staged forms (each entry's TTL is set on put: the form's expiry), decisions, views, cursor
        config.addMapConfig(new MapConfig("hub.*").setBackupCount(1));
        config.addRingBufferConfig(new RingbufferConfig(AUDIT_RING).setCapacity(10_000).setBackupCount(1));
        config.addRingBufferConfig(new RingbufferConfig(FLEET_AUDIT_RING).setCapacity(10_000).setBackupCount(1));
        return config;
    }
}
