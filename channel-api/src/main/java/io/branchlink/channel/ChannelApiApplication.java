package io.branchlink.channel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The central channel API: customers, accounts and ledger, cardless tokens, and redemption for branch hubs. */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class ChannelApiApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application as {@code main} starts it; a launcher that runs several apps in one JVM starts it so too. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(ChannelApiApplication.class);
        application.setDefaultProperties(java.util.Map.of("spring.config.name", "channel-api"));
        return application;
    }
}
