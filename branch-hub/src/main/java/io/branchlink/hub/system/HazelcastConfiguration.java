package io.branchlink.hub.system;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One embedded Hazelcast member per hub node (Boot's own Hazelcast auto-configuration backs off), configured by
 * {@link HubCluster#memberConfig}: joined over TCP/IP to the configured members only (with none, the node runs
 * standalone at once), maps named {@code hub.*} with one synchronous backup.
 */
@Configuration(proxyBeanMethods = false)
class HazelcastConfiguration {

    @Bean(destroyMethod = "shutdown")
    HazelcastInstance hazelcastInstance(ClusterProperties cluster, HubProperties hub) {
        return Hazelcast.newHazelcastInstance(HubCluster.memberConfig(cluster.name(), "branchlink-" + hub.branchId()
                + "-" + hub.nodeName() + "-" + System.nanoTime(), cluster.port(), cluster.bindAddress(),
                cluster.members()));
    }
}
