package io.branchlink.channel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The central channel API: customers, accounts and ledger, cardless tokens, and redemption for branch hubs. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ChannelApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChannelApiApplication.class, args);
    }
}
