package io.branchlink.hub.reversal;

import io.branchlink.hub.channel.ChannelClient;
import io.branchlink.hub.reversal.internal.AdviceStore;
import io.branchlink.hub.reversal.internal.ReversalStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reversal store in its configured directory, the advice store beside it ({@code advices/}), and the relay. */
@Configuration(proxyBeanMethods = false)
class ReversalConfiguration {

    @Bean
    ReversalStore reversalStore(ReversalProperties properties) {
        return new ReversalStore(Path.of(properties.directory()));
    }

    @Bean
    AdviceStore adviceStore(ReversalProperties properties) {
        return new AdviceStore(Path.of(properties.directory()).resolve("advices"));
    }

    @Bean
    ReversalRelay reversalRelay(ReversalStore store, AdviceStore advices, ChannelClient channel,
            ReversalProperties properties, Clock clock, MeterRegistry meters) {
        return new ReversalRelay(store, advices, channel, properties, clock, meters);
    }
}
