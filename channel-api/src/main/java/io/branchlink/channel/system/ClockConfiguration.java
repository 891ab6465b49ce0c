package io.branchlink.channel.system;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every time-dependent decision reads, so tests can move it. It is the system clock, except in the demo
 * ({@code branchlink.channel.clock.movable=true}), where an operator can move it forward ({@link MovableClock}).
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock(@Value("${branchlink.channel.clock.movable:false}") boolean movable) {
        return movable ? new MovableClock() : Clock.systemUTC();
    }
}
