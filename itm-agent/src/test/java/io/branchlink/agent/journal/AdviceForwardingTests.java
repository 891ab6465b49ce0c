package io.branchlink.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.branchlink.agent.link.IsoHostLink.Authorization;
import io.branchlink.agent.link.IsoHostLink;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.iso8583.IsoResponseCode;
import io.branchlink.protocol.iso8583.MacKey;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.branchlink.testsupport.FakeIsoHost.Reply;
import io.branchlink.testsupport.FakeIsoHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

/**
 * A deposit's 0210 never comes and its notes stay in the machine: its 0220 is journaled and repeated, unchanged,
 * until an 0230 comes, across a restart; {@code 00} completes it credited, a refusal leaves an exception record.
 */
class AdviceForwardingTests {

    static final MacKey KEY = MacKey.fromHex("2b7e151628aed2a6abf7158809cf4f3c");
    static final String TOKEN = "BL:TESTDEPOSITTOKEN";

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
                advice -> l.advise(advice, Duration.ofMillis(300)), "ITM00101", "BR001", Duration.ofMillis(20),
                Duration.ofMillis(100), Clock.systemUTC(), r -> { });
        f.start();
        return f;
    }

    @AfterEach
    void stop() {
        link.close();
        journal.close();
        hub.close();
    }

    /** A deposit of CNY 500.00 whose 0200 the host answers as {@code reply} without the answer arriving. */
    JournalRecord keptWithoutAnswer(Reply reply) {
        int stan = journal.stans().next();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        FinancialRequest request = new FinancialRequest(TransactionKind.DEPOSIT, Money.parse("500.00", "CNY"), now,
                stan, LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS), String.format("600116%06d", stan),
                "ITM00101", "BR001", TOKEN);
        JournalRecord base = new JournalRecord("T-" + stan, TransactionKind.DEPOSIT, JournalStep.CASH_COUNTED, now,
                stan, "CNY", 50000, null, null, request.transmittedAt(), request.localDateTime(), request.rrn(),
                null, null, null, null);
        journal.append(base);
        journal.append(base.next(JournalStep.AUTH_REQUESTED, now).withToken(TOKEN));
        hub.script(reply);
        assertThat(link.authorize(request, Duration.ofMillis(200))).isInstanceOf(Authorization.TimedOut.class);
        journal.append(base.next(JournalStep.AUTH_TIMED_OUT, Instant.now()));
        journal.append(base.next(JournalStep.RETURN_FAILED, Instant.now()));
        return Reversals.queueAdvice(journal, base, base.amountMoney(), TOKEN, Clock.systemUTC());
    }

    @Test
    void repeatsTheSameAdviceUntilAcknowledgedAndCreditsOnce() {
        hub.ignoreAdvices(2);
        JournalRecord queued = keptWithoutAnswer(Reply.NO_ANSWER);
        try (ReversalForwarder forwarder = forwarder(journal, link)) {
            assertThat(forwarder.awaitSettled(queued.txnId(), Duration.ofSeconds(10))).isTrue();
        }
        assertThat(hub.financialAdvices()).hasSize(3).allSatisfy(a -> {
            assertThat(a.stan()).isEqualTo(queued.adviceStan());
            assertThat(a.transmittedAt()).isEqualTo(queued.adviceAt().truncatedTo(ChronoUnit.SECONDS));
            assertThat(a.original().stan()).isEqualTo(queued.stan());
            assertThat(a.qrToken()).isEqualTo(TOKEN);
            assertThat(a.kept()).isEqualTo(Money.parse("500.00", "CNY"));
        });
        assertThat(hub.creditedAdvices()).hasSize(1);
        assertThat(hub.net(TransactionKind.DEPOSIT, Money.parse("1", "CNY").currency()))
                .isEqualTo(Money.parse("500.00", "CNY"));
        assertThat(journal.records(queued.txnId())).extracting(JournalRecord::step).endsWith(
                JournalStep.ADVICE_QUEUED, JournalStep.ADVICE_ACKNOWLEDGED, JournalStep.COMPLETED);
        assertThat(journal.last(queued.txnId()).orElseThrow().actualMoney()).isEqualTo(Money.parse("500", "CNY"));
    }

    @Test
    void anAdviceForACreditedOriginalIsNotASecondCredit() {
        JournalRecord queued = keptWithoutAnswer(Reply.APPROVE_BUT_LOSE_ANSWER);
        try (ReversalForwarder forwarder = forwarder(journal, link)) {
            assertThat(forwarder.awaitSettled(queued.txnId(), Duration.ofSeconds(10))).isTrue();
        }
        assertThat(hub.creditedAdvices()).isEmpty();
        assertThat(hub.net(TransactionKind.DEPOSIT, Money.parse("1", "CNY").currency()))
                .isEqualTo(Money.parse("500.00", "CNY"));
        assertThat(hub.reversalAdvices()).isEmpty();
    }

    @Test
    void aRefusedAdviceEndsInAnExceptionRecordWithTheNotesKept() {
        hub.answerAdvices(IsoResponseCode.DO_NOT_HONOUR);
        JournalRecord queued = keptWithoutAnswer(Reply.NO_ANSWER);
        try (ReversalForwarder forwarder = forwarder(journal, link)) {
            assertThat(forwarder.awaitSettled(queued.txnId(), Duration.ofSeconds(10))).isTrue();
        }
        assertThat(hub.financialAdvices()).hasSize(1);
        assertThat(journal.records(queued.txnId())).extracting(JournalRecord::step).endsWith(
                JournalStep.ADVICE_ACKNOWLEDGED, JournalStep.EXCEPTION_RECORDED, JournalStep.COMPLETED);
        JournalRecord exception = journal.records(queued.txnId()).stream()
                .filter(r -> r.step() == JournalStep.EXCEPTION_RECORDED).findFirst().orElseThrow();
        assertThat(exception.actualMoney()).isEqualTo(Money.parse("500", "CNY"));
        assertThat(exception.note()).contains("refused");
    }

    @Test
    void anUnansweredOrFailingHubKeepsTheAdviceQueued() {
        hub.answerAdvices(IsoResponseCode.SYSTEM_MALFUNCTION);
        JournalRecord queued = keptWithoutAnswer(Reply.NO_ANSWER);
        try (ReversalForwarder forwarder = forwarder(journal, link)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.financialAdvices().size() >= 3);
            assertThat(journal.pendingAdvices()).containsExactly(queued);
        }
    }

    @Test
    void resumesAfterARestartFromTheJournal() {
        hub.ignoreAdvices(Integer.MAX_VALUE);
        JournalRecord queued = keptWithoutAnswer(Reply.NO_ANSWER);
        try (ReversalForwarder forwarder = forwarder(journal, link)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.financialAdvices().size() >= 1);
        }
        link.close();
        journal.close();
        hub.ignoreAdvices(0);

        journal = Journal.open(dir);
        link = link(journal);
        assertThat(journal.pendingAdvices()).containsExactly(queued);
        try (ReversalForwarder forwarder = forwarder(journal, link)) {
            assertThat(forwarder.awaitSettled(queued.txnId(), Duration.ofSeconds(10))).isTrue();
        }
        assertThat(hub.financialAdvices()).extracting(a -> a.stan()).containsOnly(queued.adviceStan());
        assertThat(hub.creditedAdvices()).hasSize(1);
        assertThat(journal.pendingAdvices()).isEmpty();
    }

    @Test
    void keepsTheDepositTokenOnlyWhereAnAdviceNeedsItAndNeverPrintsIt() throws IOException {
        JournalRecord queued = keptWithoutAnswer(Reply.NO_ANSWER);

        String text = Files.readString(dir.resolve(Journal.FILE_NAME), StandardCharsets.UTF_8);
        assertThat(text.lines().filter(line -> line.contains(TOKEN)))
                .hasSize(2)
                .allMatch(line -> line.contains("\"AUTH_REQUESTED\"") || line.contains("\"ADVICE_QUEUED\""));
        assertThat(queued.toString()).doesNotContain(TOKEN).contains("token=<");
        assertThat(queued.next(JournalStep.COMPLETED, Instant.now()).token()).isNull();
    }
}
