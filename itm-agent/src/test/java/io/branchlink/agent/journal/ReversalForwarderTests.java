package io.branchlink.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.branchlink.agent.link.IsoHostLink.Authorization;
import io.branchlink.agent.link.IsoHostLink;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.iso8583.MacKey;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.branchlink.testsupport.FakeIsoHost.Reply;
import io.branchlink.testsupport.FakeIsoHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 0200 times out, its 0420 is journaled and repeated, unchanged, until an 0430 comes, across a restart. */
class ReversalForwarderTests {

    static final MacKey KEY = MacKey.fromHex("2b7e151628aed2a6abf7158809cf4f3c");

    @TempDir
    Path dir;

    FakeIsoHost hub;
    Journal journal;
    IsoHostLink link;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeIsoHost(KEY);
        journal = Journal.open(dir);
        link = link(journal);
    }

    IsoHostLink link(Journal j) {
        IsoHostLink l = new IsoHostLink(new IsoHostLink.Settings("127.0.0.1", hub.port(), "ITM00101", "BR001", KEY,
                Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofSeconds(2)), j.stans()::next,
                Clock.systemUTC());
        l.start();
        assertThat(l.awaitSignedOn(Duration.ofSeconds(5))).isTrue();
        return l;
    }

    ReversalForwarder forwarder(Journal j, IsoHostLink l) {
        ReversalForwarder f = new ReversalForwarder(j, advice -> l.reverse(advice, Duration.ofMillis(300)),
                advice -> l.advise(advice, Duration.ofMillis(300)),
                "ITM00101", "BR001", Duration.ofMillis(20), Duration.ofMillis(100), Clock.systemUTC(), r -> { });
        f.start();
        return f;
    }

    @AfterEach
    void stop() {
        link.close();
        journal.close();
        hub.close();
    }

    JournalRecord timedOutWithdrawal() {
        int stan = journal.stans().next();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        FinancialRequest request = new FinancialRequest(TransactionKind.WITHDRAWAL, Money.parse("300.00", "CNY"), now,
                stan, LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS), String.format("600116%06d", stan),
                "ITM00101", "BR001", "BL:TESTTOKEN");
        JournalRecord base = new JournalRecord("T-" + stan, TransactionKind.WITHDRAWAL, JournalStep.AUTH_REQUESTED,
                now, stan, "CNY", 30000, null, null, request.transmittedAt(), request.localDateTime(), request.rrn(),
                null, null, null, null);
        journal.append(base);
        hub.script(Reply.APPROVE_BUT_LOSE_ANSWER);
        assertThat(link.authorize(request, Duration.ofMillis(200))).isInstanceOf(Authorization.TimedOut.class);
        journal.append(base.next(JournalStep.AUTH_TIMED_OUT, Instant.now()));
        return Reversals.queue(journal, base, Money.ofMinor(0, "CNY"), Clock.systemUTC());
    }

    @Test
    void sendsTheSameAdviceUntilItIsAcknowledged() {
        hub.ignoreReversals(2);
        JournalRecord queued = timedOutWithdrawal();
        try (ReversalForwarder forwarder = forwarder(journal, link)) {
            assertThat(forwarder.awaitSettled(queued.txnId(), Duration.ofSeconds(10))).isTrue();
        }
        assertThat(hub.reversalAdvices()).hasSize(3).allSatisfy(a -> {
            assertThat(a.stan()).isEqualTo(queued.adviceStan());
            assertThat(a.original().stan()).isEqualTo(queued.stan());
            assertThat(a.isFull()).isTrue();
        });
        assertThat(hub.appliedReversals()).hasSize(1);
        assertThat(hub.net(TransactionKind.WITHDRAWAL, Money.ofMinor(0, "CNY").currency()).minorUnits()).isZero();
        assertThat(journal.last(queued.txnId())).get().extracting(JournalRecord::step)
                .isEqualTo(JournalStep.COMPLETED);
    }

    @Test
    void resumesAfterARestartFromTheJournal() {
        hub.ignoreReversals(Integer.MAX_VALUE);
        JournalRecord queued = timedOutWithdrawal();
        try (ReversalForwarder forwarder = forwarder(journal, link)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.reversalAdvices().size() >= 1);
        }
        link.close();
        journal.close();
        hub.ignoreReversals(0);

        journal = Journal.open(dir);
        link = link(journal);
        assertThat(journal.pendingReversals()).containsExactly(queued);
        try (ReversalForwarder forwarder = forwarder(journal, link)) {
            assertThat(forwarder.awaitSettled(queued.txnId(), Duration.ofSeconds(10))).isTrue();
        }
        assertThat(hub.reversalAdvices()).extracting(a -> a.stan()).containsOnly(queued.adviceStan());
        assertThat(hub.appliedReversals()).hasSize(1);
        assertThat(journal.pendingReversals()).isEmpty();
    }
}
