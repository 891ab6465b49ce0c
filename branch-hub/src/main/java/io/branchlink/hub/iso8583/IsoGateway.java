package io.branchlink.hub.iso8583;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import io.branchlink.hub.channel.ChannelClient;
import io.branchlink.hub.channel.ChannelDecision;
import io.branchlink.hub.channel.ChannelUnavailableException;
import io.branchlink.hub.reversal.PendingReversal;
import io.branchlink.hub.reversal.ReversalRelay;
import io.branchlink.hub.system.HubProperties;
import io.branchlink.hub.token.ReplayGuard;
import io.branchlink.hub.token.TokenPreCheck;
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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private final IsoResponseCodes codes = IsoResponseCodes.standard();
    private final Set<String> signedOn = ConcurrentHashMap.newKeySet();

    IsoGateway(TerminalKeys keys, TokenPreCheck tokens, ReplayGuard replays, ChannelClient channel,
            ReversalRelay reversals, HubProperties hub, Clock clock, MeterRegistry meters) {
        this.keys = keys;
        this.tokens = tokens;
        this.replays = replays;
        this.channel = channel;
        this.reversals = reversals;
        this.hub = hub;
        this.clock = clock;
        this.meters = meters;
    }

    /** @return the encoded answer, or {@code null} for bytes that cannot be answered (the connection is closed) */
    public byte[] handle(byte[] message) {
        Timer.Sample sample = Timer.start(meters);
        IsoMessage request;
        try {
            request = Iso8583Codec.decode(message, keys::find, clock.instant());
        } catch (IsoFormatException e) {
            log.warn("iso message refused reason={} field={}", e.reason(), e.field());
            meters.counter("branchlink.hub.iso.refused", "reason", e.reason().name()).increment();
            return e.unauthenticated().map(this::declineUnauthenticated).orElse(null);
        }
        IsoMessage response = answer(request);
        if (response == null) {
            return null;
        }
        sample.stop(meters.timer("branchlink.hub.iso.latency", "mti", request.mti().code()));
        meters.counter("branchlink.hub.iso.responses", "mti", request.mti().code(), "rc", responseCode(response))
                .increment();
        return Iso8583Codec.encode(response, keys.find(request.terminalId()).orElseThrow());
    }

    private IsoMessage answer(IsoMessage request) {
        if (request instanceof NetworkRequest network) {
            return signOn(network);
        }
        if (request instanceof FinancialRequest financial) {
            return authorize(financial);
        }
        if (request instanceof ReversalAdvice advice) {
            return acknowledge(advice);
        }
        log.warn("iso message type not served here mti={} terminal={}", request.mti().code(), request.terminalId());
        return null;
    }

    private NetworkResponse signOn(NetworkRequest request) {
        if (!hub.branchId().equals(request.branchId())) {
            log.warn("sign-on refused terminal={} branch={} reason=other-branch", request.terminalId(),
                    request.branchId());
            return NetworkResponse.responseTo(request, IsoResponseCode.INVALID_TRANSACTION);
        }
        if (request.code() == NetworkCode.SIGN_ON) {
            signedOn.add(request.terminalId());
            log.info("terminal signed on terminal={}", request.terminalId());
        } else if (request.code() == NetworkCode.SIGN_OFF) {
            signedOn.remove(request.terminalId());
            log.info("terminal signed off terminal={}", request.terminalId());
        }
        return NetworkResponse.responseTo(request, IsoResponseCode.APPROVED);
    }

    private FinancialResponse authorize(FinancialRequest request) {
        String key = request.terminalId() + ":" + String.format("%06d", request.stan()) + ":"
                + LocalDate.ofInstant(request.transmittedAt(), ZoneOffset.UTC);
        if (!signedOn.contains(request.terminalId())) {
            return decline(request, key, Irc.HOST_UNREACHABLE, "terminal not signed on");
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
        if (tokenId != null && !replays.admit(tokenId, key)) {
            return decline(request, key, Irc.DUPLICATE, "token presented under another transaction");
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
        if (!decision.irc().success()) {
            return decline(request, key, decision.irc(), "channel-api declined");
        }
        log.info("approved key={} kind={} amount={}", key, request.kind(), request.amount());
        return FinancialResponse.responseTo(request, IsoResponseCode.APPROVED, decision.authCode());
    }

    private ReversalResponse acknowledge(ReversalAdvice advice) {
        try {
            reversals.queue(new PendingReversal(advice.kind().name(), advice.terminalId(), advice.original().stan(),
                    advice.original().transmittedAt(), advice.dispensedAmount().minorUnits(),
                    advice.originalAmount().currencyCode(), "ADVICE", clock.instant()));
        } catch (RuntimeException e) {
            log.error("reversal could not be stored terminal={} originalStan={}", advice.terminalId(),
                    advice.original().stan(), e);
            return ReversalResponse.responseTo(advice, IsoResponseCode.SYSTEM_MALFUNCTION);
        }
        return ReversalResponse.responseTo(advice, IsoResponseCode.APPROVED);
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
            log.error("iso message failed and could not be read again, not answered error={}",
                    failure == null ? "-" : failure.getClass().getName(), failure);
            return null;
        }
        IsoResponseCode code = codes.responseCode(Irc.SYSTEM_ERROR);
        if (isInfrastructure(failure)) {
            log.error("iso message answered rc={} mti={} terminal={} stan={} reason=\"cluster failure\" error={}",
                    code.code(), request.mti().code(), request.terminalId(), request.stan(), describe(failure));
        } else {
            log.error("iso message answered rc={} mti={} terminal={} stan={} reason=\"unexpected failure\"",
                    code.code(), request.mti().code(), request.terminalId(), request.stan(), failure);
        }
        byte[] answer;
        try {
            answer = answerWith(request, code);
        } catch (RuntimeException e) {
            log.error("iso message answer rc={} could not be built, not answered terminal={} stan={}", code.code(),
                    request.terminalId(), request.stan(), e);
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
