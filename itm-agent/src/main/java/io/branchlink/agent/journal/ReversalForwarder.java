package io.branchlink.agent.journal;

import io.branchlink.protocol.iso8583.FinancialAdvice;
import io.branchlink.protocol.iso8583.IsoResponseCode;
import io.branchlink.protocol.iso8583.ReversalAdvice;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward of reversals and deposit advices: every {@code REVERSAL_QUEUED} record in the journal is sent as
 * the same 0420 (same field 11 and 7), every {@code ADVICE_QUEUED} record as the same 0220, with growing back-off
 * until the 0430 or 0230 comes back, across restarts, because the queue is the journal itself. An answer with 91 or
 * 96 is a "try later", any other code settles the message. An 0230 with {@code 00} completes the deposit with the
 * amount kept (credited); any other settling code is a refusal, and the kept notes go on an exception record.
 *
 * @see io.branchlink.agent.journal.ReversalForwarderTests
 */
public final class ReversalForwarder implements Closeable {

    /** Sends one 0420 and waits for its 0430; empty when none came. */
    @FunctionalInterface
    public interface Sender {
        Optional<IsoResponseCode> send(ReversalAdvice advice);
    }

    /** Sends one 0220 and waits for its 0230; empty when none came. */
    @FunctionalInterface
    public interface AdviceSender {
        Optional<IsoResponseCode> send(FinancialAdvice advice);
    }

    private static final Logger log = LoggerFactory.getLogger(ReversalForwarder.class);

    private final Journal journal;
    private final Sender sender;
    private final AdviceSender adviceSender;
    private final TransactionEndings endings;
    private final String terminalId;
    private final String branchId;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Clock clock;
    private final Consumer<JournalRecord> onSettled;
    private final Map<String, Attempts> attempts = new HashMap<>();
    private final Object wake = new Object();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean kicked;

    private record Attempts(int count, Instant nextAt) {
    }

    /**
     * @param onSettled called with the {@code COMPLETED} record of each reversal once its 0430 is journaled, and of
     *     each advice the host credited once its 0230 is journaled
     */
    public ReversalForwarder(Journal journal, Sender sender, AdviceSender adviceSender, String terminalId,
            String branchId, Duration minBackoff, Duration maxBackoff, Clock clock,
            Consumer<JournalRecord> onSettled) {
        this.journal = journal;
        this.sender = sender;
        this.adviceSender = adviceSender;
        this.endings = new TransactionEndings(journal, clock);
        this.terminalId = terminalId;
        this.branchId = branchId;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
        this.onSettled = onSettled;
        this.thread = new Thread(this::run, "reversal-forwarder-" + terminalId);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Sends what is due now instead of waiting for the next back-off to end. */
    public void kick() {
        synchronized (wake) {
            kicked = true;
            attempts.replaceAll((id, a) -> new Attempts(a.count(), Instant.MIN));
            wake.notifyAll();
        }
    }

    /** Waits until the transaction's reversal is settled; true when it was within {@code timeout}. */
    public boolean awaitSettled(String txnId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (wake) {
            while (!settled(txnId)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wake.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private boolean settled(String txnId) {
        return journal.last(txnId).map(r -> r.step() == JournalStep.COMPLETED).orElse(false);
    }

    @Override
    public void close() {
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
        thread.interrupt();
    }

    private void run() {
        while (running) {
            Instant nextDue = Instant.MAX;
            List<JournalRecord> pending = new ArrayList<>(journal.pendingReversals());
            pending.addAll(journal.pendingAdvices());
            for (JournalRecord queued : pending) {
                if (!running) {
                    return;
                }
                Attempts a;
                synchronized (wake) {
                    a = attempts.getOrDefault(queued.txnId(), new Attempts(0, Instant.MIN));
                }
                if (a.nextAt().isAfter(clock.instant())) {
                    nextDue = min(nextDue, a.nextAt());
                    continue;
                }
                Optional<IsoResponseCode> answer = sendOnce(queued);
                if (answer.isPresent() && answer.get() != IsoResponseCode.ISSUER_INOPERATIVE
                        && answer.get() != IsoResponseCode.SYSTEM_MALFUNCTION) {
                    settle(queued, answer.get());
                } else {
                    Duration backoff = backoff(a.count() + 1);
                    Instant next = clock.instant().plus(backoff);
                    synchronized (wake) {
                        attempts.put(queued.txnId(), new Attempts(a.count() + 1, next));
                    }
                    nextDue = min(nextDue, next);
                    log.info("{} txn={} stan={} adviceStan={} attempt={} answered={} retryIn={}ms",
                            what(queued), queued.txnId(), queued.stan(), queued.adviceStan(), a.count() + 1,
                            answer.map(IsoResponseCode::code).orElse("none"), backoff.toMillis());
                }
            }
            synchronized (wake) {
                if (kicked) {
                    kicked = false;
                    continue;
                }
                long waitMs = nextDue.equals(Instant.MAX) ? 60_000
                        : Math.max(1, Duration.between(clock.instant(), nextDue).toMillis());
                try {
                    wake.wait(waitMs);
                } catch (InterruptedException e) {
                    if (!running) {
                        return;
                    }
                }
                kicked = false;
            }
        }
    }

    private Optional<IsoResponseCode> sendOnce(JournalRecord queued) {
        try {
            return queued.step() == JournalStep.ADVICE_QUEUED
                    ? adviceSender.send(queued.toFinancialAdvice(terminalId, branchId))
                    : sender.send(queued.toAdvice(terminalId, branchId));
        } catch (RuntimeException e) {
            log.warn("{} txn={} send failed: {}", what(queued), queued.txnId(), e.toString());
            return Optional.empty();
        }
    }

    private static String what(JournalRecord queued) {
        return queued.step() == JournalStep.ADVICE_QUEUED ? "advice" : "reversal";
    }

    private void settle(JournalRecord queued, IsoResponseCode code) {
        if (queued.step() == JournalStep.ADVICE_QUEUED) {
            settleAdvice(queued, code);
            return;
        }
        journal.append(queued.next(JournalStep.REVERSAL_ACKNOWLEDGED, clock.instant()).withResponseCode(code.code()));
        JournalRecord completed = queued.next(JournalStep.COMPLETED, clock.instant())
                .withActual(queued.actualMoney());
        journal.append(completed);
        log.info("reversal txn={} stan={} adviceStan={} settled rc={} reversed={}", queued.txnId(), queued.stan(),
                queued.adviceStan(), code.code(), queued.amountMoney().minus(queued.actualMoney()));
        synchronized (wake) {
            attempts.remove(queued.txnId());
            wake.notifyAll();
        }
        try {
            onSettled.accept(completed);
        } catch (RuntimeException e) {
            log.warn("reversal txn={} settled listener failed: {}", queued.txnId(), e.toString());
        }
    }

    /** {@code 00}: credited, the deposit completes with what was kept; anything else: refused, an exception record. */
    private void settleAdvice(JournalRecord queued, IsoResponseCode code) {
        journal.append(queued.next(JournalStep.ADVICE_ACKNOWLEDGED, clock.instant()).withResponseCode(code.code()));
        JournalRecord completed = null;
        if (code.approved()) {
            completed = queued.next(JournalStep.COMPLETED, clock.instant()).withActual(queued.actualMoney());
            journal.append(completed);
            log.info("advice txn={} stan={} adviceStan={} settled rc={} credited={}", queued.txnId(), queued.stan(),
                    queued.adviceStan(), code.code(), queued.actualMoney());
        } else {
            String note = endings.recordException(queued, queued.actualMoney(), ExceptionCause.ADVICE_REFUSED,
                    queued.actualMoney());
            log.warn("advice txn={} stan={} adviceStan={} refused rc={} kept={} why={}", queued.txnId(),
                    queued.stan(), queued.adviceStan(), code.code(), queued.actualMoney(), note);
        }
        synchronized (wake) {
            attempts.remove(queued.txnId());
            wake.notifyAll();
        }
        if (completed != null) {
            try {
                onSettled.accept(completed);
            } catch (RuntimeException e) {
                log.warn("advice txn={} settled listener failed: {}", queued.txnId(), e.toString());
            }
        }
    }

    private Duration backoff(int attempt) {
        long millis = minBackoff.toMillis() << Math.min(attempt - 1, 16);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
