package io.branchlink.hub.iso8583;

import io.branchlink.protocol.iso8583.IsoFraming;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.LengthFieldPrepender;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.netty.ChannelHandlerFactories;
import org.apache.camel.component.netty.ChannelHandlerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The ISO 8583 TCP server ({@code hub.iso8583.authorize}): netty splits frames on the 2-byte length prefix, the
 * gateway answers each message, and a message that gets no answer closes the connection. An unexpected failure is
 * answered with 96 by {@link IsoErrorHandling}.
 */
@Component
class IsoRoutes extends RouteBuilder {

    static final String ROUTE_ID = "hub.iso8583.authorize";

    private final IsoProperties properties;
    private final IsoGateway gateway;

    IsoRoutes(IsoProperties properties, IsoGateway gateway) {
        this.properties = properties;
        this.gateway = gateway;
    }

    @Override
    public void configure() {
        from(serverUri(properties.bindAddress(), properties.port()))
                .routeId(ROUTE_ID)
                .routeConfigurationId(IsoErrorHandling.ID)
                .bean(gateway, "handle").id("answer");
    }

    /** The netty TCP server endpoint on {@code bindAddress:port}, with the ISO framing. */
    static String serverUri(String bindAddress, int port) {
        return "netty:tcp://" + bindAddress + ":" + port
                + "?sync=true&disconnectOnNoReply=true&noReplyLogLevel=OFF&reuseAddress=true"
                + "&decoders=#isoAdmission,#isoFrameDecoder,#isoBytesDecoder,#isoFaults"
                + "&encoders=#isoFrameEncoder,#isoBytesEncoder";
    }

    /** Admission and the sign-on deadline, before anything is read (shared by all connections). */
    @Bean
    static ChannelHandler isoAdmission(IsoConnections connections) {
        return connections.admission();
    }

    /** Every exception on a connection, logged as one line (shared by all connections). */
    @Bean
    static ChannelHandler isoFaults(IsoConnections connections) {
        return connections.faults();
    }

    @Bean
    static ChannelHandlerFactory isoFrameDecoder(IsoProperties properties) {
        IsoFraming framing = new IsoFraming(properties.maxMessageLength());
        return ChannelHandlerFactories.newLengthFieldBasedFrameDecoder(framing.nettyMaxFrameLength(),
                IsoFraming.LENGTH_FIELD_OFFSET, IsoFraming.LENGTH_FIELD_LENGTH, IsoFraming.LENGTH_ADJUSTMENT,
                IsoFraming.INITIAL_BYTES_TO_STRIP);
    }

    @Bean
    static ChannelHandlerFactory isoBytesDecoder() {
        return ChannelHandlerFactories.newByteArrayDecoder("tcp");
    }

    @Bean
    static LengthFieldPrepender isoFrameEncoder() {
        return new LengthFieldPrepender(IsoFraming.LENGTH_FIELD_LENGTH);
    }

    @Bean
    static ChannelHandlerFactory isoBytesEncoder() {
        return ChannelHandlerFactories.newByteArrayEncoder("tcp");
    }
}
