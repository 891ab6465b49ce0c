package io.branchlink.hub.iso8583;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Central error handling for every route that reads ISO 8583 ({@code .routeConfigurationId("iso8583Errors")}): a
 * message whose handling failed unexpectedly is answered with field 39 = 96 (system malfunction), MACed like any
 * answer, and the failure is logged once; nothing more is done for it, so no money moves. Bytes that cannot be read
 * again get no answer and the connection is closed, as for any unreadable message.
 *
 * @see io.branchlink.hub.iso8583.IsoErrorsIntegrationTests
 */
@Component
class IsoErrorHandling extends RouteConfigurationBuilder {

    /** The route configuration id that ISO 8583 routes opt in to. */
    static final String ID = "iso8583Errors";

    private final IsoGateway gateway;

    IsoErrorHandling(IsoGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                    .handled(true)
                    .useOriginalBody()
                    .process(this::answerSystemMalfunction).id("answerSystemMalfunction")
                .end();
    }

    private void answerSystemMalfunction(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        byte[] message = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().setBody(message == null ? null : gateway.answerSystemMalfunction(message, failure));
    }
}
