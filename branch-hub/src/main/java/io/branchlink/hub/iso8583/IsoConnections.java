package io.branchlink.hub.iso8583;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The ISO 8583 server's connections. Admission: at most {@code max-connections} open connections in all and
 * {@code max-connections-per-address} from one source address; a connection over either limit is closed at once.
 * Sign-on: a connection on which no terminal has signed on within {@code sign-on-timeout} is closed; sign-on state
 * belongs to the connection, and each terminal has at most one signed-on connection, the latest: a new sign-on closes
 * the terminal's older connection. Faults netty raises (an oversized length prefix, a reset) close the connection
 * with one line and never reach Camel's logger.
 *
 * @see io.branchlink.hub.iso8583.IsoConnectionLimitsIntegrationTests
 */
@Component
class IsoConnections {

    private static final Logger log = LoggerFactory.getLogger(IsoConnections.class);
    private static final AttributeKey<String> SIGNED_ON_AS = AttributeKey.valueOf("branchlink.iso.signedOnAs");
    private static final AttributeKey<InetAddress> ADMITTED = AttributeKey.valueOf("branchlink.iso.admitted");

    private final IsoProperties properties;
    private final IsoRefusals refusals;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Channel> links = new ConcurrentHashMap<>();
    private final ChannelHandler admission = new Admission();
    private final ChannelHandler faults = new Faults();

    IsoConnections(IsoProperties properties, IsoRefusals refusals, MeterRegistry meters) {
        this.properties = properties;
        this.refusals = refusals;
        Gauge.builder("branchlink.hub.iso.connections", open, AtomicInteger::get)
                .description("open ISO 8583 connections").register(meters);
        Gauge.builder("branchlink.hub.iso.links", links, ConcurrentHashMap::size)
                .description("terminals signed on over ISO 8583").register(meters);
    }

    /** The first handler of every connection: admission and the sign-on deadline. */
    ChannelHandler admission() {
        return admission;
    }

    /** The last handler before Camel's: every exception on the connection ends here. */
    ChannelHandler faults() {
        return faults;
    }

    /** How many connections are open now. */
    int open() {
        return open.get();
    }

    /** True when {@code terminalId} signed on over {@code channel} and that is still its link. */
    boolean signedOn(Channel channel, String terminalId) {
        return channel != null && terminalId.equals(channel.attr(SIGNED_ON_AS).get())
                && links.get(terminalId) == channel;
    }

    /** {@code channel} becomes {@code terminalId}'s link; the terminal's previous connection is closed. */
    void signOn(Channel channel, String terminalId) {
        if (channel == null) {
            return;
        }
        String before = channel.attr(SIGNED_ON_AS).getAndSet(terminalId);
        if (before != null && !before.equals(terminalId)) {
            links.remove(before, channel);
        }
        Channel previous = links.put(terminalId, channel);
        if (previous != null && previous != channel) {
            previous.attr(SIGNED_ON_AS).set(null);
            log.info("iso link replaced terminal={} closed={} by={}", terminalId, previous.remoteAddress(),
                    channel.remoteAddress());
            previous.close();
        }
        if (!channel.isActive()) {
            links.remove(terminalId, channel);
        }
    }

    /**
     * Signs {@code terminalId} off {@code channel} if it signed on there; a sign-off on any other connection changes
     * nothing. The connection then has {@code sign-on-timeout} to sign on again.
     *
     * @return true when the terminal was signed on over this connection
     */
    boolean signOff(Channel channel, String terminalId) {
        if (channel == null || !channel.attr(SIGNED_ON_AS).compareAndSet(terminalId, null)) {
            return false;
        }
        links.remove(terminalId, channel);
        armSignOnDeadline(channel);
        return true;
    }

    private void armSignOnDeadline(Channel channel) {
        long millis = properties.signOnTimeout().toMillis();
        if (millis <= 0) {
            return;
        }
        channel.eventLoop().schedule(() -> {
            if (channel.isActive() && channel.attr(SIGNED_ON_AS).get() == null) {
                refusals.refused("NOT_SIGNED_ON", "connection", "remote", channel.remoteAddress(),
                        "after", properties.signOnTimeout());
                channel.close();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    private void release(Channel channel) {
        InetAddress address = channel.attr(ADMITTED).getAndSet(null);
        if (address != null) {
            open.decrementAndGet();
            perAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
        }
        String terminalId = channel.attr(SIGNED_ON_AS).getAndSet(null);
        if (terminalId != null) {
            links.remove(terminalId, channel);
        }
    }

    private static InetAddress address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : InetAddress.getLoopbackAddress();
    }

    @ChannelHandler.Sharable
    private final class Admission extends ChannelInboundHandlerAdapter {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel channel = ctx.channel();
            InetAddress address = address(channel.remoteAddress());
            if (open.incrementAndGet() > properties.maxConnections()) {
                open.decrementAndGet();
                refuse(ctx, "TOO_MANY_CONNECTIONS", properties.maxConnections());
                return;
            }
            boolean[] admitted = new boolean[1];
            perAddress.compute(address, (a, count) -> {
                int now = count == null ? 0 : count;
                if (now >= properties.maxConnectionsPerAddress()) {
                    return count;
                }
                admitted[0] = true;
                return now + 1;
            });
            if (!admitted[0]) {
                open.decrementAndGet();
                refuse(ctx, "TOO_MANY_FROM_ADDRESS", properties.maxConnectionsPerAddress());
                return;
            }
            channel.attr(ADMITTED).set(address);
            channel.closeFuture().addListener(closed -> release(channel));
            armSignOnDeadline(channel);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (ctx.channel().attr(ADMITTED).get() == null) {
                ReferenceCountUtil.release(message);
                return;
            }
            ctx.fireChannelRead(message);
        }

        private void refuse(ChannelHandlerContext ctx, String reason, int limit) {
            refusals.refused(reason, "connection", "remote", ctx.channel().remoteAddress(), "limit", limit);
            ctx.close();
        }
    }

    @ChannelHandler.Sharable
    private final class Faults extends ChannelInboundHandlerAdapter {

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            SocketAddress remote = ctx.channel().remoteAddress();
            if (cause instanceof TooLongFrameException) {
                refusals.refused("BAD_LENGTH", "connection", "remote", remote, "detail",
                        "\"length prefix above " + properties.maxMessageLength() + "\"");
            } else if (cause instanceof DecoderException && !(cause.getCause() instanceof IOException)) {
                refusals.refused("BAD_FRAME", "connection", "remote", remote);
            } else if (cause instanceof IOException || cause.getCause() instanceof IOException) {
                log.debug("iso connection lost remote={} error={}", remote, cause.toString());
            } else {
                refusals.failure(cause, "iso connection failed, closed", "remote", remote);
            }
            ctx.close();
        }
    }
}
