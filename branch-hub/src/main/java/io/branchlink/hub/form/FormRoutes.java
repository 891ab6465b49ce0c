package io.branchlink.hub.form;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The staging loop as a Camel route: a timer that fires again {@code poll-interval} after each turn ends (a turn
 * holds a long poll open at channel-api), calling {@link FormFeed#pollOnce()}.
 */
@Component
class FormRoutes extends EndpointRouteBuilder {

    private final FormFeed feed;
    private final FormProperties properties;

    FormRoutes(FormFeed feed, FormProperties properties) {
        this.feed = feed;
        this.properties = properties;
    }

    @Override
    public void configure() {
        from(timer("hub-forms-feed").delay(0).period(Math.max(1, properties.pollInterval().toMillis()))
                    .fixedRate(false))
                .routeId("hub.form.pollFeed")
                .autoStartup(properties.feedEnabled())
                .process(exchange -> feed.pollOnce()).id("pollFeed");
    }
}
