package io.branchlink.agent.link;

import io.branchlink.protocol.iso8583.FinancialAdvice;
import io.branchlink.protocol.iso8583.FinancialAdviceResponse;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.iso8583.FinancialResponse;
import io.branchlink.protocol.iso8583.Iso8583Codec;
import io.branchlink.protocol.iso8583.IsoFormatException;
import io.branchlink.protocol.iso8583.IsoFraming;
import io.branchlink.protocol.iso8583.IsoMessage;
import io.branchlink.protocol.iso8583.IsoResponseCode;
import io.branchlink.protocol.iso8583.MacKey;
import io.branchlink.protocol.iso8583.NetworkCode;
import io.branchlink.protocol.iso8583.NetworkRequest;
import io.branchlink.protocol.iso8583.NetworkResponse;
import io.branchlink.protocol.iso8583.ReversalAdvice;
import io.branchlink.protocol.iso8583.ReversalResponse;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's ISO 8583 connection to the branch hub: one TCP socket framed by {@link IsoFraming}, every message
 * encoded and MACed by {@link Iso8583Codec} under the terminal's key. It signs on (0800/0810) after each connect,
 * matches responses to requests by MTI and STAN, drops late answers whose requester has given up, and reconnects
 * after a lost connection for as long as it is open.
 *
 * @see io.branchlink.agent.link.IsoHostLinkTests
 */
public final class IsoHostLink implements Closeable {

    /**
     * Where the hub is and how patiently to reach it.
     *
     * @param signOnWait how long a request waits for the link to be signed on before giving up unsent
     */
    public record Settings(String host, int port, String terminalId, String branchId, MacKey key,
            Duration connectTimeout, Duration reconnectDelay, Duration signOnWait) {
        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(terminalId, "terminalId");
            Objects.requireNonNull(branchId, "branchId");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(reconnectDelay, "reconnectDelay");
            Objects.requireNonNull(signOnWait, "signOnWait");
        }
    }

    /** How an 0200 ended on the link. */
    public sealed interface Authorization {
        /** The hub answered with an 0210. */
        record Answered(FinancialResponse response) implements Authorization {
        }

        /** The 0200 went out and no 0210 came in time, or the connection dropped: the hub may have approved. */
        record TimedOut() implements Authorization {
        }

        /** The 0200 never left: the hub has not seen it. */
        record NotSent(String reason) implements Authorization {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(IsoHostLink.class);

    private final Settings settings;
    private final IntSupplier stans;
    private final Clock clock;
    private final IsoFraming framing = new IsoFraming();
    private final ConcurrentHashMap<String, CompletableFuture<IsoMessage>> pending = new ConcurrentHashMap<>();
    private final Object state = new Object();
    private final Thread connector;
    private volatile boolean running = true;
    private Socket socket;
    private OutputStream out;
    private boolean signedOn;

    /** @param stans the terminal's persisted STAN sequence, also used for sign-on */
    public IsoHostLink(Settings settings, IntSupplier stans, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.stans = Objects.requireNonNull(stans, "stans");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.connector = new Thread(this::connectLoop, "iso-link-" + settings.terminalId());
        this.connector.setDaemon(true);
    }

    public void start() {
        connector.start();
    }

    public boolean isSignedOn() {
        synchronized (state) {
            return signedOn;
        }
    }

    /** Waits until the link is signed on; true when it is within {@code timeout}. */
    public boolean awaitSignedOn(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (state) {
            while (!signedOn) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !running) {
                    return false;
                }
                try {
                    state.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Sends an 0200 and waits at most {@code timeout} for its 0210. */
    public Authorization authorize(FinancialRequest request, Duration timeout) {
        if (!awaitSignedOn(settings.signOnWait())) {
            return new Authorization.NotSent("not signed on to the hub");
        }
        Optional<IsoMessage> answer;
        try {
            answer = exchange(request, "0200:" + request.stan(), timeout);
        } catch (NotSentException e) {
            return new Authorization.NotSent(e.getMessage());
        }
        if (answer.isPresent() && answer.get() instanceof FinancialResponse response) {
            return new Authorization.Answered(response);
        }
        log.warn("iso 0200 stan={} rrn={} no answer within {}ms", request.stan(), request.rrn(), timeout.toMillis());
        return new Authorization.TimedOut();
    }

    /** Sends an 0420 and waits at most {@code timeout} for its 0430's response code. */
    public Optional<IsoResponseCode> reverse(ReversalAdvice advice, Duration timeout) {
        if (!awaitSignedOn(settings.signOnWait())) {
            return Optional.empty();
        }
        try {
            return exchange(advice, "0420:" + advice.stan(), timeout)
                    .filter(ReversalResponse.class::isInstance)
                    .map(m -> ((ReversalResponse) m).responseCode());
        } catch (NotSentException e) {
            return Optional.empty();
        }
    }

    /** Sends an 0220 and waits at most {@code timeout} for its 0230's response code. */
    public Optional<IsoResponseCode> advise(FinancialAdvice advice, Duration timeout) {
        if (!awaitSignedOn(settings.signOnWait())) {
            return Optional.empty();
        }
        try {
            return exchange(advice, "0220:" + advice.stan(), timeout)
                    .filter(FinancialAdviceResponse.class::isInstance)
                    .map(m -> ((FinancialAdviceResponse) m).responseCode());
        } catch (NotSentException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        running = false;
        connector.interrupt();
        synchronized (state) {
            closeSocket();
            state.notifyAll();
        }
    }

    private Optional<IsoMessage> exchange(IsoMessage message, String key, Duration timeout) {
        CompletableFuture<IsoMessage> answer = new CompletableFuture<>();
        pending.put(key, answer);
        try {
            send(message);
            return Optional.of(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            pending.remove(key, answer);
        }
    }

    private void send(IsoMessage message) {
        byte[] frame = framing.frame(Iso8583Codec.encode(message, settings.key()));
        OutputStream stream;
        synchronized (state) {
            stream = out;
        }
        if (stream == null) {
            throw new NotSentException("no connection to the hub");
        }
        try {
            synchronized (stream) {
                stream.write(frame);
                stream.flush();
            }
            log.debug("iso sent mti={} stan={}", message.mti().code(), message.stan());
        } catch (IOException e) {
            // Some bytes may have left: the caller treats the request as sent and unanswered.
            log.warn("iso write failed mti={} stan={}: {}", message.mti().code(), message.stan(), e.toString());
            dropConnection();
        }
    }

    private void connectLoop() {
        while (running) {
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(settings.host(), settings.port()),
                        (int) settings.connectTimeout().toMillis());
                InputStream in = new BufferedInputStream(s.getInputStream());
                synchronized (state) {
                    socket = s;
                    out = s.getOutputStream();
                }
                Thread reader = new Thread(() -> readLoop(s, in), "iso-reader-" + settings.terminalId());
                reader.setDaemon(true);
                reader.start();
                signOn();
                reader.join();
            } catch (IOException e) {
                log.info("iso connect to {}:{} failed: {}", settings.host(), settings.port(), e.toString());
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } finally {
                dropConnection();
                try {
                    s.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
            pause(settings.reconnectDelay());
        }
    }

    private void signOn() {
        NetworkRequest request = new NetworkRequest(NetworkCode.SIGN_ON, clock.instant(), stans.getAsInt(),
                settings.terminalId(), settings.branchId());
        Optional<IsoMessage> answer;
        try {
            answer = exchange(request, "0800:" + request.stan(), settings.connectTimeout());
        } catch (NotSentException e) {
            return;
        }
        if (answer.isPresent() && answer.get() instanceof NetworkResponse response
                && response.responseCode().approved()) {
            synchronized (state) {
                signedOn = true;
                state.notifyAll();
            }
            log.info("iso signed on terminal={} hub={}:{} stan={}", settings.terminalId(), settings.host(),
                    settings.port(), request.stan());
        } else {
            log.warn("iso sign-on refused or unanswered terminal={}", settings.terminalId());
            dropConnection();
        }
    }

    private void readLoop(Socket s, InputStream in) {
        try {
            while (running) {
                Optional<byte[]> message = framing.read(in);
                if (message.isEmpty()) {
                    log.info("iso hub closed the connection");
                    break;
                }
                dispatch(message.get());
            }
        } catch (IOException e) {
            if (running) {
                log.info("iso connection lost: {}", e.toString());
            }
        } catch (IsoFormatException e) {
            log.warn("iso unreadable frame from the hub ({}), reconnecting", e.reason());
        } finally {
            dropConnection();
        }
    }

    private void dispatch(byte[] bytes) {
        IsoMessage message;
        try {
            message = Iso8583Codec.decode(bytes,
                    id -> id.equals(settings.terminalId()) ? Optional.of(settings.key()) : Optional.empty(),
                    clock.instant());
        } catch (IsoFormatException e) {
            log.warn("iso message from the hub refused reason={} field={}", e.reason(), e.field());
            return;
        }
        String key = switch (message.mti()) {
            case FINANCIAL_RESPONSE -> "0200:" + message.stan();
            case FINANCIAL_ADVICE_RESPONSE -> "0220:" + message.stan();
            case REVERSAL_RESPONSE -> "0420:" + message.stan();
            case NETWORK_RESPONSE -> "0800:" + message.stan();
            default -> null;
        };
        CompletableFuture<IsoMessage> waiter = key == null ? null : pending.remove(key);
        if (waiter == null) {
            log.warn("iso late or unexpected mti={} stan={} ignored", message.mti().code(), message.stan());
            return;
        }
        waiter.complete(message);
    }

    private void dropConnection() {
        synchronized (state) {
            if (signedOn) {
                log.info("iso link down terminal={}", settings.terminalId());
            }
            signedOn = false;
            closeSocket();
            state.notifyAll();
        }
        pending.values().forEach(f -> f.completeExceptionally(new IOException("connection lost")));
    }

    private void closeSocket() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        out = null;
    }

    private void pause(Duration delay) {
        synchronized (state) {
            if (!running) {
                return;
            }
            try {
                state.wait(Math.max(1, delay.toMillis()));
            } catch (InterruptedException e) {
                // woken by close()
            }
        }
    }

    private static final class NotSentException extends RuntimeException {
        NotSentException(String message) {
            super(message, null, false, false);
        }
    }
}
