package io.branchlink.testsupport;

import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.iso8583.FinancialResponse;
import io.branchlink.protocol.iso8583.Iso8583Codec;
import io.branchlink.protocol.iso8583.IsoFormatException;
import io.branchlink.protocol.iso8583.IsoFraming;
import io.branchlink.protocol.iso8583.IsoMessage;
import io.branchlink.protocol.iso8583.IsoResponseCode;
import io.branchlink.protocol.iso8583.MacKey;
import io.branchlink.protocol.iso8583.NetworkRequest;
import io.branchlink.protocol.iso8583.NetworkResponse;
import io.branchlink.protocol.iso8583.FinancialAdvice;
import io.branchlink.protocol.iso8583.FinancialAdviceResponse;
import io.branchlink.protocol.iso8583.ReversalAdvice;
import io.branchlink.protocol.iso8583.ReversalResponse;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small ISO 8583 host for tests: a {@link ServerSocket} on a random loopback port speaking the profile's framing
 * and codec. It signs terminals on, answers each 0200 as scripted, acknowledges 0420s idempotently per original
 * STAN (as the hub must), credits each 0220 once per original STAN (an advice for an approved 0200, or a repeat, is
 * acknowledged without a second credit) and keeps a ledger of what it approved, credited on advice and reversed, for
 * money invariants.
 */
public final class FakeIsoHost implements Closeable {

    /** What the host does with the next 0200. */
    public enum Reply {
        APPROVE,
        DECLINE_INSUFFICIENT_FUNDS,
        /** Reads the 0200 and never answers. */
        NO_ANSWER,
        /** Reads the 0200, approves it in the ledger and answers only after {@link #lateDelay}. */
        APPROVE_LATE,
        /** Reads the 0200 and closes the connection without answering. */
        DROP_CONNECTION,
        /** Reads the 0200, approves it in the ledger and never answers (the 0210 is "lost in the network"). */
        APPROVE_BUT_LOSE_ANSWER
    }

    private final MacKey key;
    private final ServerSocket server;
    private final IsoFraming framing = new IsoFraming();
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<IsoMessage> received = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Map<Integer, FinancialRequest> approved = new LinkedHashMap<>();
    private final Map<String, ReversalAdvice> reversed = new LinkedHashMap<>();
    private final Map<Integer, FinancialAdvice> advised = new LinkedHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger signOns = new AtomicInteger();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-iso-host-late");
        t.setDaemon(true);
        return t;
    });
    private volatile Reply defaultReply = Reply.APPROVE;
    private volatile int reversalsToIgnore;
    private volatile int advicesToIgnore;
    private volatile IsoResponseCode adviceAnswer = IsoResponseCode.APPROVED;
    private volatile Duration lateDelay = Duration.ofMillis(500);
    private volatile boolean running = true;
    private int authCodes;

    public FakeIsoHost(MacKey key) throws IOException {
        this.key = key;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fake-iso-host");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Replies for the next 0200s, in order; after them {@link #defaultReply(Reply)} applies. */
    public synchronized FakeIsoHost script(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    public FakeIsoHost defaultReply(Reply reply) {
        this.defaultReply = reply;
        return this;
    }

    /** The next {@code count} 0420s are read and left unanswered, as if the 0430 were lost. */
    public FakeIsoHost ignoreReversals(int count) {
        this.reversalsToIgnore = count;
        return this;
    }

    /** The next {@code count} 0220s are read (and credited) but left unanswered, as if the 0230 were lost. */
    public FakeIsoHost ignoreAdvices(int count) {
        this.advicesToIgnore = count;
        return this;
    }

    /** Answers every later 0220 with {@code code}; anything but {@code 00} credits nothing. */
    public FakeIsoHost answerAdvices(IsoResponseCode code) {
        this.adviceAnswer = code;
        return this;
    }

    /** Every 0220 received, repeats included. */
    public List<FinancialAdvice> financialAdvices() {
        return received.stream().filter(FinancialAdvice.class::isInstance).map(FinancialAdvice.class::cast).toList();
    }

    /** The advices that credited, one per original transaction whose 0200 the host had not approved. */
    public synchronized List<FinancialAdvice> creditedAdvices() {
        return List.copyOf(advised.values());
    }

    public FakeIsoHost lateDelay(Duration delay) {
        this.lateDelay = delay;
        return this;
    }

    public List<IsoMessage> received() {
        return List.copyOf(received);
    }

    public List<FinancialRequest> financialRequests() {
        return received.stream().filter(FinancialRequest.class::isInstance).map(FinancialRequest.class::cast)
                .toList();
    }

    /** Every 0420 received, repeats included. */
    public List<ReversalAdvice> reversalAdvices() {
        return received.stream().filter(ReversalAdvice.class::isInstance).map(ReversalAdvice.class::cast).toList();
    }

    /** The reversals applied, one per original transaction (repeats are idempotent). */
    public synchronized List<ReversalAdvice> appliedReversals() {
        return List.copyOf(reversed.values());
    }

    public int connections() {
        return connections.get();
    }

    public int signOns() {
        return signOns.get();
    }

    /**
     * What the host's ledger says moved for a kind: approved amounts less reversed amounts. For withdrawals it is the
     * cash that should have left the machine; for deposits the cash that should be inside.
     */
    public synchronized Money net(TransactionKind kind, Currency currency) {
        long sum = 0;
        for (FinancialRequest r : approved.values()) {
            if (r.kind() == kind) {
                sum += r.amount().minorUnits();
            }
        }
        for (ReversalAdvice a : reversed.values()) {
            if (a.kind() == kind && approved.containsKey(a.original().stan())) {
                sum -= a.reversedAmount().minorUnits();
            }
        }
        for (FinancialAdvice a : advised.values()) {
            if (a.kind() == kind) {
                sum += a.kept().minorUnits();
            }
        }
        return new Money(sum, currency);
    }

    /** Closes every open connection, as a network drop would. */
    public void dropConnections() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    @Override
    public void close() {
        running = false;
        closeQuietly(server);
        dropConnections();
        scheduler.shutdownNow();
    }

    private void acceptLoop() {
        while (running) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                connections.incrementAndGet();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "fake-iso-host-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (running) {
                Optional<byte[]> bytes = framing.read(in);
                if (bytes.isEmpty()) {
                    return;
                }
                IsoMessage message;
                try {
                    message = Iso8583Codec.decode(bytes.get(), id -> Optional.of(key), Instant.now());
                } catch (IsoFormatException e) {
                    continue;
                }
                received.add(message);
                if (!answer(message, s, out)) {
                    return;
                }
            }
        } catch (IOException | IsoFormatException e) {
            // connection closed
        } finally {
            sockets.remove(s);
        }
    }

    /** False when the connection must be dropped. */
    private boolean answer(IsoMessage message, Socket s, OutputStream out) throws IOException {
        if (message instanceof NetworkRequest r) {
            signOns.incrementAndGet();
            write(out, NetworkResponse.responseTo(r, IsoResponseCode.APPROVED));
        } else if (message instanceof FinancialRequest r) {
            Reply reply;
            synchronized (this) {
                reply = script.isEmpty() ? defaultReply : script.poll();
            }
            switch (reply) {
                case APPROVE -> write(out, approve(r));
                case DECLINE_INSUFFICIENT_FUNDS ->
                        write(out, FinancialResponse.responseTo(r, IsoResponseCode.NOT_SUFFICIENT_FUNDS));
                case NO_ANSWER -> { }
                case APPROVE_BUT_LOSE_ANSWER -> approve(r);
                case APPROVE_LATE -> {
                    FinancialResponse late = approve(r);
                    scheduler.schedule(() -> {
                        try {
                            write(out, late);
                        } catch (IOException e) {
                            // the terminal has gone
                        }
                    }, lateDelay.toMillis(), TimeUnit.MILLISECONDS);
                }
                case DROP_CONNECTION -> {
                    return false;
                }
            }
        } else if (message instanceof ReversalAdvice a) {
            synchronized (this) {
                reversed.putIfAbsent(a.original().stan() + "@" + a.original().transmittedAt(), a);
                if (reversalsToIgnore > 0) {
                    reversalsToIgnore--;
                    return true;
                }
            }
            write(out, ReversalResponse.responseTo(a, IsoResponseCode.APPROVED));
        } else if (message instanceof FinancialAdvice a) {
            IsoResponseCode code = adviceAnswer;
            synchronized (this) {
                if (code.approved() && !approved.containsKey(a.original().stan())) {
                    advised.putIfAbsent(a.original().stan(), a);
                }
                if (advicesToIgnore > 0) {
                    advicesToIgnore--;
                    return true;
                }
            }
            write(out, FinancialAdviceResponse.responseTo(a, code));
        }
        return true;
    }

    private synchronized FinancialResponse approve(FinancialRequest r) {
        approved.put(r.stan(), r);
        authCodes++;
        return FinancialResponse.responseTo(r, IsoResponseCode.APPROVED, String.format("A%05d", authCodes));
    }

    private void write(OutputStream out, IsoMessage message) throws IOException {
        byte[] frame = framing.frame(Iso8583Codec.encode(message, key));
        synchronized (out) {
            out.write(frame);
            out.flush();
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Every reversal advice, in the order received, as (original STAN, dispensed amount) for assertions. */
    public List<String> reversalSummary() {
        List<String> summary = new ArrayList<>();
        for (ReversalAdvice a : reversalAdvices()) {
            summary.add(a.original().stan() + ":" + a.dispensedAmount().minorUnits());
        }
        return summary;
    }
}
