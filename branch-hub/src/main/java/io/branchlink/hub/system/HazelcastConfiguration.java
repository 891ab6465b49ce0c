package io.branchlink.hub.system;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One embedded Hazelcast member per hub node (Boot's own Hazelcast auto-configuration backs off), joined over
 * TCP/IP to the configured members only; with none configured the node runs standalone at once. Maps whose name starts with {@code hub.} keep one synchronous backup, so a node can die without
 * losing what the branch shares.
 */
@Configuration(proxyBeanMethods = false)
class HazelcastConfiguration {

    @Bean(destroyMethod = "shutdown")
    HazelcastInstance hazelcastInstance(ClusterProperties cluster, HubProperties hub) {
        Config config = new Config();
        config.setClusterName(cluster.name());
        config.setInstanceName("branchlink-" + hub.branchId() + "-" + hub.nodeName() + "-" + System.nanoTime());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getNetworkConfig().setPort(cluster.port()).setPortAutoIncrement(true);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(cluster.bindAddress());
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (!cluster.members().isEmpty()) {
            join.getTcpIpConfig().setEnabled(true).addMember(cluster.bindAddress());
            cluster.members().forEach(member -> join.getTcpIpConfig().addMember(member));
        }
        config.addMapConfig(new MapConfig("hub.*").setBackupCount(1));
        // staged forms: each entry's TTL is set on put (the form's expiry); one synchronous backup
        config.addMapConfig(new MapConfig("hub.forms.staged").setBackupCount(1));
        // the teller audit trail: the latest records of the branch, one synchronous backup
        config.addRingBufferConfig(new RingbufferConfig("hub.teller.audit").setCapacity(10_000).setBackupCount(1));
        return Hazelcast.newHazelcastInstance(config);
    }
}
