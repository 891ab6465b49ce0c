package io.branchlink.hub.iso8583;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import io.branchlink.hub.channel.ChannelClient;
import io.branchlink.hub.channel.ChannelDecision;
import io.branchlink.hub.channel.ChannelUnavailableException;
import io.branchlink.hub.reversal.PendingAdvice;
import io.branchlink.hub.reversal.PendingReversal;
import io.branchlink.hub.reversal.ReversalRelay;
import io.branchlink.hub.system.HubProperties;
import io.branchlink.hub.token.ReplayGuard;
import io.branchlink.hub.token.TokenPreCheck;
import io.branchlink.protocol.iso8583.FinancialAdvice;
import io.branchlink.protocol.iso8583.FinancialAdviceResponse;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.iso8583.FinancialResponse;
import io.branchlink.protocol.iso8583.Iso8583Codec;
import io.branchlink.protocol.iso8583.IsoFormatException;
import io.branchlink.protocol.iso8583.IsoMessage;
import io.branchlink.protocol.iso8583.IsoResponseCode;
import io.branchlink.protocol.iso8583.NetworkCode;
import io.branchlink.protocol.iso8583.NetworkRequest;
import io.branchlink.protocol.iso8583.NetworkResponse;
import io.branchlink.protocol.iso8583.ReversalAdvice;
import io.branchlink.protocol.iso8583.ReversalResponse;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenFormatException;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.qr.TokenVerification;
import io.branchlink.protocol.rc.Irc;
import io.branchlink.protocol.rc.IsoResponseCodes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.component.netty.NettyConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Answers one ISO 8583 message from a terminal. Selecting the flow by MTI happens here; each flow is a short
 * sequence of checks, the first that fails giving the field-39 code, and every decline is logged with its reason.
 *
 * @see io.branchlink.hub.iso8583.IsoServerIntegrationTests
 */
@Component
public class IsoGateway {

    private static final Logger log = LoggerFactory.getLogger(IsoGateway.class);

    private final TerminalKeys keys;
    private final TokenPreCheck tokens;
    private final ReplayGuard replays;
    private final ChannelClient channel;
    private final ReversalRelay reversals;
    private final HubProperties hub;
    private final Clock clock;
    private final MeterRegistry meters;
    private final IsoConnections connections;
    private final IsoRefusals refusals;
    private final IsoResponseCodes codes = IsoResponseCodes.standard();

    IsoGateway(TerminalKeys keys, TokenPreCheck tokens, ReplayGuard replays, ChannelClient channel,
            ReversalRelay reversals, HubProperties hub, Clock clock, MeterRegistry meters,
            IsoConnections connections, IsoRefusals refusals) {
        this.connections = connections;
        this.refusals = refusals;
        this.keys = keys;
        this.tokens = tokens;
        this.replays = replays;
        this.channel = channel;
        this.reversals = reversals;
        this.hub = hub;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * @param connection the netty context of the connection the message came on; {@code null} when it did not come
     *     over TCP (route tests), which no terminal can have signed on over
     * @return the encoded answer, or {@code null} for bytes that cannot be answered (the connection is closed)
     */
    public byte[] handle(@Body byte[] message,
            @Header(NettyConstants.NETTY_CHANNEL_HANDLER_CONTEXT) ChannelHandlerContext connection) {
        Timer.Sample sample = Timer.start(meters);
        Channel channel = connection == null ? null : connection.channel();
        if (message == null || message.length == 0) {
            refusals.refused(IsoFormatException.Reason.BAD_LENGTH.name(), "message", "remote",
                    channel == null ? "-" : channel.remoteAddress(), "answered", "none, connection closed");
            return null;
        }
        IsoMessage request;
        try {
            request = Iso8583Codec.decode(message, keys::find, clock.instant());
        } catch (IsoFormatException e) {
            return refuse(message, e, channel);
        }
        IsoMessage response = answer(request, channel);
        if (response == null) {
            return null;
        }
        sample.stop(meters.timer("branchlink.hub.iso.latency", "mti", request.mti().code()));
        meters.counter("branchlink.hub.iso.responses", "mti", request.mti().code(), "rc", responseCode(response))
                .increment();
        return Iso8583Codec.encode(response, keys.find(request.terminalId()).orElseThrow());
    }

    /**
     * A message the codec refused: a bad MAC is answered with 63 (never acted on); a well-formed, authentic request
     * with a missing or invalid field is answered with 30; anything else gets no answer and the connection closes.
     */
    private byte[] refuse(byte[] message, IsoFormatException e, Channel channel) {
        Object remote = channel == null ? "-" : channel.remoteAddress();
        if (e.unauthenticated().isPresent()) {
            IsoMessage forged = e.unauthenticated().get();
            refusals.refused(e.reason().name(), "message", "field", e.field(), "mti", forged.mti().code(),
                    "terminal", forged.terminalId(), "remote", remote, "answered", codes.responseCode(
                            Irc.SECURITY_VIOLATION).code());
            return declineUnauthenticated(forged);
        }
        IsoResponseCode formatError = codes.responseCode(IsoResponseCodes.irc(e.reason()));
        Optional<byte[]> answer = e.reason() == IsoFormatException.Reason.BAD_FIELD
                || e.reason() == IsoFormatException.Reason.MISSING_FIELD
                ? Iso8583Codec.refusal(message, keys::find, formatError) : Optional.empty();
        refusals.refused(e.reason().name(), "message", "field", e.field(), "remote", remote, "answered",
                answer.isPresent() ? formatError.code() : "none, connection closed");
        return answer.orElse(null);
    }

    private IsoMessage answer(IsoMessage request, Channel channel) {
        if (request instanceof NetworkRequest network) {
            return signOn(network, channel);
        }
        if (request instanceof FinancialRequest financial) {
            return authorize(financial, channel);
        }
        if (request instanceof ReversalAdvice advice) {
            return acknowledge(advice, channel);
        }
        if (request instanceof FinancialAdvice advice) {
            return advise(advice, channel);
        }
        refusals.refused("MTI_NOT_SERVED", "message", "mti", request.mti().code(), "terminal", request.terminalId());
        return null;
    }

    private NetworkResponse signOn(NetworkRequest request, Channel channel) {
        if (!hub.branchId().equals(request.branchId())) {
            log.warn("sign-on refused terminal={} branch={} reason=other-branch", request.terminalId(),
                    request.branchId());
            return NetworkResponse.responseTo(request, IsoResponseCode.INVALID_TRANSACTION);
        }
        if (request.code() == NetworkCode.SIGN_ON) {
            connections.signOn(channel, request.terminalId());
            log.info("terminal signed on terminal={} remote={}", request.terminalId(),
                    channel == null ? "-" : channel.remoteAddress());
        } else if (request.code() == NetworkCode.SIGN_OFF) {
            boolean wasSignedOn = connections.signOff(channel, request.terminalId());
            log.info("terminal signed off terminal={} signedOnHere={}", request.terminalId(), wasSignedOn);
        }
        return NetworkResponse.responseTo(request, IsoResponseCode.APPROVED);
    }

    private FinancialResponse authorize(FinancialRequest request, Channel connection) {
        String key = request.terminalId() + ":" + String.format("%06d", request.stan()) + ":"
                + LocalDate.ofInstant(request.transmittedAt(), ZoneOffset.UTC);
        if (!connections.signedOn(connection, request.terminalId())) {
            return decline(request, key, Irc.HOST_UNREACHABLE, "terminal not signed on over this connection");
        }
        if (!hub.branchId().equals(request.branchId())) {
            return decline(request, key, Irc.INVALID_TRANSACTION, "terminal of another branch");
        }
        TokenType type = request.kind() == TransactionKind.WITHDRAWAL ? TokenType.WITHDRAWAL : TokenType.DEPOSIT;
        Optional<TokenVerification> checked = tokens.check(request.qrToken(), type, hub.branchId());
        if (checked.isPresent() && checked.get() instanceof TokenVerification.Invalid invalid) {
            return decline(request, key, invalid.failure().irc(), "token " + invalid.failure());
        }
        String tokenId = tokenId(request.qrToken());
        if (tokenId != null && replays.consumedByAnother(tokenId, key)) {
            return decline(request, key, Irc.DUPLICATE, "token consumed by another transaction");
        }
        ChannelDecision decision;
        try {
            decision = type == TokenType.WITHDRAWAL
                    ? channel.withdraw(request.qrToken(), request.terminalId(), request.stan(),
                            request.transmittedAt(), request.amount(), request.rrn())
                    : channel.deposit(request.qrToken(), request.terminalId(), request.stan(),
                            request.transmittedAt(), request.amount(), request.rrn(), false);
        } catch (ChannelUnavailableException e) {
            reversals.queue(new PendingReversal(request.kind().name(), request.terminalId(), request.stan(),
                    request.transmittedAt(), 0, request.amount().currencyCode(), "UNKNOWN_OUTCOME",
                    clock.instant()));
            return decline(request, key, Irc.HOST_UNREACHABLE, "channel-api unavailable");
        }
        if (tokenId != null && decision.irc().success()) {
            replays.consumed(tokenId, key);
        }
        if (!decision.irc().success()) {
            return decline(request, key, decision.irc(), "channel-api declined");
        }
        log.info("approved key={} kind={} amount={}", key, request.kind(), request.amount());
        return FinancialResponse.responseTo(request, IsoResponseCode.APPROVED, decision.authCode());
    }

    private ReversalResponse acknowledge(ReversalAdvice advice, Channel channel) {
        if (!connections.signedOn(channel, advice.terminalId())) {
            IsoResponseCode code = codes.responseCode(Irc.HOST_UNREACHABLE);
            log.info("reversal refused terminal={} originalStan={} rc={} reason=\"terminal not signed on over this "
                    + "connection\"", advice.terminalId(), advice.original().stan(), code.code());
            return ReversalResponse.responseTo(advice, code);
        }
        try {
            reversals.queue(new PendingReversal(advice.kind().name(), advice.terminalId(), advice.original().stan(),
                    advice.original().transmittedAt(), advice.dispensedAmount().minorUnits(),
                    advice.originalAmount().currencyCode(), "ADVICE", clock.instant()));
        } catch (RuntimeException e) {
            refusals.failure(e, "reversal could not be stored", "terminal", advice.terminalId(), "originalStan",
                    advice.original().stan());
            return ReversalResponse.responseTo(advice, IsoResponseCode.SYSTEM_MALFUNCTION);
        }
        return ReversalResponse.responseTo(advice, IsoResponseCode.APPROVED);
    }

    /**
     * A deposit advice (0220): stored durably first (if that fails there is no answer, and the terminal repeats it),
     * then offered to channel-api once. Its decision is the 0230's code: {@code 00} when credited, now or before (the
     * lost 0210's 0200, a repeat); a refusal's code when the token cannot take it. When channel-api cannot be reached
     * the 0230 is {@code 91}: the hub keeps forwarding the stored advice (also across a restart), and the terminal keeps
     * its own and repeats it, so the terminal always learns channel-api's decision, a refusal included, and the notes
     * end credited or on its exception record.
     */
    private FinancialAdviceResponse advise(FinancialAdvice advice, Channel channel) {
        String key = advice.terminalId() + ":" + String.format("%06d", advice.original().stan());
        if (!connections.signedOn(channel, advice.terminalId())) {
            return adviceAnswer(advice, key, Irc.HOST_UNREACHABLE, "terminal not signed on over this connection");
        }
        if (!hub.branchId().equals(advice.branchId())) {
            return adviceAnswer(advice, key, Irc.INVALID_TRANSACTION, "terminal of another branch");
        }
        PendingAdvice pending = new PendingAdvice(advice.terminalId(), advice.original().stan(),
                advice.original().transmittedAt(), advice.kept().minorUnits(), advice.kept().currencyCode(),
                advice.rrn(), advice.qrToken(), clock.instant());
        try {
            reversals.queueAdvice(pending);
        } catch (RuntimeException e) {
            refusals.failure(e, "advice could not be stored, not answered", "terminal", advice.terminalId(),
                    "originalStan", advice.original().stan());
            return null;
        }
        Optional<ChannelDecision> decision = reversals.forwardAdvice(pending);
        if (decision.isEmpty()) {
            log.info("advice stored key={} rc=91 reason=\"channel-api unavailable, forwarded later\"", key);
            return FinancialAdviceResponse.responseTo(advice, IsoResponseCode.ISSUER_INOPERATIVE);
        }
        if (decision.get().irc().success()) {
            log.info("advice credited key={} replayed={}", key, decision.get().replayed());
            return FinancialAdviceResponse.responseTo(advice, IsoResponseCode.APPROVED);
        }
        return adviceAnswer(advice, key, decision.get().irc(), "channel-api refused the advice");
    }

    private FinancialAdviceResponse adviceAnswer(FinancialAdvice advice, String key, Irc irc, String reason) {
        IsoResponseCode code = codes.responseCode(irc);
        log.info("advice refused key={} rc={} irc={} reason=\"{}\"", key, code.code(), irc, reason);
        return FinancialAdviceResponse.responseTo(advice, code);
    }

    private FinancialResponse decline(FinancialRequest request, String key, Irc irc, String reason) {
        IsoResponseCode code = codes.responseCode(irc);
        log.info("declined key={} rc={} irc={} reason=\"{}\"", key, code.code(), irc, reason);
        return FinancialResponse.responseTo(request, code);
    }

    /**
     * The answer to a message whose handling failed unexpectedly (a cluster failure, a bug): field 39 = 96 with a
     * proper MAC, nothing acted on. Called by {@link IsoErrorHandling} with the bytes as received.
     *
     * @return the encoded 96 answer, or {@code null} when the bytes cannot be read again (the connection is closed)
     */
    byte[] answerSystemMalfunction(byte[] message, Throwable failure) {
        IsoMessage request;
        try {
            request = Iso8583Codec.decode(message, keys::find, clock.instant());
        } catch (RuntimeException e) {
            refusals.failure(failure, "iso message failed and could not be read again, not answered");
            return null;
        }
        IsoResponseCode code = codes.responseCode(Irc.SYSTEM_ERROR);
        if (isInfrastructure(failure)) {
            log.error("iso message answered rc={} mti={} terminal={} stan={} reason=\"cluster failure\" error={}",
                    code.code(), request.mti().code(), request.terminalId(), request.stan(), describe(failure));
        } else {
            refusals.failure(failure, "iso message answered", "rc", code.code(), "mti", request.mti().code(),
                    "terminal", request.terminalId(), "stan", request.stan(), "reason", "\"unexpected failure\"");
        }
        byte[] answer;
        try {
            answer = answerWith(request, code);
        } catch (RuntimeException e) {
            refusals.failure(e, "iso message answer could not be built, not answered", "rc", code.code(),
                    "terminal", request.terminalId(), "stan", request.stan());
            return null;
        }
        if (answer != null) {
            meters.counter("branchlink.hub.iso.responses", "mti", request.mti().code(), "rc", code.code())
                    .increment();
        }
        return answer;
    }

    /** A Hazelcast failure, however wrapped, is the cluster's trouble, not a bug: its class and message say enough. */
    private static boolean isInfrastructure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof HazelcastException || cause instanceof HazelcastInstanceNotActiveException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getName() + ": " + failure.getMessage();
    }

    /** A message whose MAC failed is answered with 63 and never acted on; an unknown kind is not answered. */
    private byte[] declineUnauthenticated(IsoMessage message) {
        return answerWith(message, IsoResponseCode.SECURITY_VIOLATION);
    }

    /** The encoded response to {@code message} with only field 39 set; {@code null} for a kind not answered. */
    private byte[] answerWith(IsoMessage message, IsoResponseCode code) {
        IsoMessage response = null;
        if (message instanceof FinancialRequest request) {
            response = FinancialResponse.responseTo(request, code);
        } else if (message instanceof ReversalAdvice advice) {
            response = ReversalResponse.responseTo(advice, code);
        } else if (message instanceof FinancialAdvice advice) {
            response = FinancialAdviceResponse.responseTo(advice, code);
        } else if (message instanceof NetworkRequest network) {
            response = NetworkResponse.responseTo(network, code);
        }
        return response == null ? null : Iso8583Codec.encode(response, keys.find(message.terminalId()).orElseThrow());
    }

    private static String responseCode(IsoMessage response) {
        if (response instanceof FinancialResponse r) {
            return r.responseCode().code();
        }
        if (response instanceof ReversalResponse r) {
            return r.responseCode().code();
        }
        if (response instanceof FinancialAdviceResponse r) {
            return r.responseCode().code();
        }
        if (response instanceof NetworkResponse r) {
            return r.responseCode().code();
        }
        return "none";
    }

    private static String tokenId(String token) {
        try {
            return QrTokenCodec.parse(token).claims().tokenIdHex();
        } catch (TokenFormatException e) {
            return null;
        }
    }
}
