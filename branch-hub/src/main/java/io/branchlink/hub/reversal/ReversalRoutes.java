package io.branchlink.hub.reversal;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Polls the reversal store and forwards what is due ({@code hub.reversal.forward}). */
@Component
class ReversalRoutes extends RouteBuilder {

    private final ReversalProperties properties;
    private final ReversalRelay relay;

    ReversalRoutes(ReversalProperties properties, ReversalRelay relay) {
        this.properties = properties;
        this.relay = relay;
    }

    @Override
    public void configure() {
        from("timer:hub-reversal-forward?period=" + properties.pollInterval().toMillis())
                .routeId("hub.reversal.forward")
                .bean(relay, "forwardDue").id("forwardDue");
    }
}
