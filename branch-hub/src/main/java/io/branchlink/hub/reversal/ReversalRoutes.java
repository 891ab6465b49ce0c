package io.branchlink.hub.reversal;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Polls the reversal store and forwards what is due ({@code hub.reversal.forward}). */
@Component
class ReversalRoutes extends RouteBuilder {

    private final ReversalProperties properties;
    private final ReversalForwarder forwarder;

    ReversalRoutes(ReversalProperties properties, ReversalForwarder forwarder) {
        this.properties = properties;
        this.forwarder = forwarder;
    }

    @Override
    public void configure() {
        from("timer:hub-reversal-forward?period=" + properties.pollInterval().toMillis())
                .routeId("hub.reversal.forward")
                .bean(forwarder, "forwardDue").id("forwardDue");
    }
}
