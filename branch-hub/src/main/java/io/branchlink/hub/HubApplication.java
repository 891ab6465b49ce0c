package io.branchlink.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The branch hub: ITMs' ISO 8583 and MQTT traffic in, channel-api calls out, branch state shared in a Hazelcast
 * cluster of hub nodes.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HubApplication {

    public static void main(String[] args) {
        SpringApplication.run(HubApplication.class, args);
    }
}
