package io.branchlink.hub.itmsession;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The two ITM session loops as Camel routes: codes renewed every {@code refresh-interval}, and the feed long-polled
 * again {@code poll-interval} after each turn ends.
 */
@Component
class ItmSessionRoutes extends EndpointRouteBuilder {

    private final SessionCodes codes;
    private final SessionFeed feed;
    private final ItmSessionProperties properties;

    ItmSessionRoutes(SessionCodes codes, SessionFeed feed, ItmSessionProperties properties) {
        this.codes = codes;
        this.feed = feed;
        this.properties = properties;
    }

    @Override
    public void configure() {
        from(timer("hub-itm-session-codes").delay(0).period(Math.max(1, properties.refreshInterval().toMillis()))
                    .fixedRate(false))
                .routeId("hub.itmsession.refreshCodes")
                .autoStartup(properties.enabled())
                .process(exchange -> codes.refresh()).id("refreshSessionCodes");
        from(timer("hub-itm-session-feed").delay(0).period(Math.max(1, properties.pollInterval().toMillis()))
                    .fixedRate(false))
                .routeId("hub.itmsession.pollFeed")
                .autoStartup(properties.enabled())
                .process(exchange -> feed.pollOnce()).id("pollSessionFeed");
    }
}
