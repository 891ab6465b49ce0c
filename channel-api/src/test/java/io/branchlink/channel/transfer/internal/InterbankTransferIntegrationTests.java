package io.branchlink.channel.transfer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ClearingDouble;
import io.branchlink.channel.support.TestBank;
import io.branchlink.channel.transfer.TransferTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Transfers to other banks against WireMock as the clearing system ({@link ClearingDouble}): the outbox delivers
 * each payment after commit, the tests send the clearing system's signed notifications, and move the clock past the
 * confirmation time. After each test the money invariants (in-transit equals the transfers in flight, each transfer
 * has exactly the entries of its state) are checked with the ledger's.
 */
class InterbankTransferIntegrationTests extends TransferTestSupport {

    @Autowired
    ClearingOutbox outbox;

    @Autowired
    MeterRegistry meters;

    TestBank.Customer payer;
    String session;
    String creditorAccount;
    String payee;

    @BeforeEach
    void payerWithAPayeeElsewhere() {
        ClearingDouble.accepting();
        payer = bank.customer(2_000_00);
        session = login(payer);
        creditorAccount = otherBankAccount();
        payee = payeeElsewhere(session, creditorAccount);
    }

    @Nested
    class Confirmed {

        @Test
        void debitsThePayerIntoInTransitThenSettlementAndTrustsThePayee() {
            long inTransitBefore = balance(TransferBooks.IN_TRANSIT);
            long settledBefore = balance(TransferBooks.SETTLEMENT);

            Api.Response sent = toPayee(session, payer, payee, "300");

            assertThat(sent.status()).as(sent.body().toString()).isEqualTo(201);
            assertThat(sent.text("kind")).isEqualTo("INTERBANK");
            assertThat(sent.text("state")).isEqualTo("SENT");
            assertThat(sent.text("payeeAccount")).isEqualTo(creditorAccount);
            assertThat(bank.balance(payer.accountId())).isEqualTo(1_700_00);
            String id = sent.text("id");
            await().atMost(Duration.ofSeconds(10)).until(() -> stateOf(id).equals("ACCEPTED"));
            assertThat(ClearingDouble.submission(id)).contains("\"amount\":\"300.00\"", "\"currency\":\"CNY\"",
                    "\"bankCode\":\"102100099996\"", "\"account\":\"" + creditorAccount + "\"",
                    "\"account\":\"" + payer.accountNumber() + "\"");
            assertThat(balance(TransferBooks.IN_TRANSIT) - inTransitBefore).isEqualTo(300_00);

            Api.Response confirmed = notifyClearing(id, "CONFIRMED", "n-" + UUID.randomUUID(), null);

            assertThat(confirmed.status()).as(confirmed.body().toString()).isEqualTo(200);
            assertThat(confirmed.text("state")).isEqualTo("CONFIRMED");
            assertThat(stateOf(id)).isEqualTo("CONFIRMED");
            assertThat(balance(TransferBooks.IN_TRANSIT)).isEqualTo(inTransitBefore);
            assertThat(balance(TransferBooks.SETTLEMENT) - settledBefore).isEqualTo(300_00);
            assertThat(bank.balance(payer.accountId())).isEqualTo(1_700_00);
            assertThat(api.get("/api/v1/payees/" + payee, session).body().path("trusted").asBoolean()).isTrue();
            assertThat(api.get("/api/v1/transfers/" + id, session).text("finishedAt")).isNotNull();
        }

        @Test
        void aDuplicateNotificationChangesNothing() {
            String id = sentAndAccepted("300");
            String notification = "n-" + UUID.randomUUID();
            notifyClearing(id, "CONFIRMED", notification, null);

            Api.Response repeated = notifyClearing(id, "CONFIRMED", notification, null);
            Api.Response anotherConfirmation = notifyClearing(id, "CONFIRMED", "n-" + UUID.randomUUID(), null);

            assertThat(repeated.status()).isEqualTo(200);
            assertThat(repeated.body().path("repeated").asBoolean()).isTrue();
            assertThat(anotherConfirmation.status()).isEqualTo(200);
            assertThat(entries(id, "TRANSFER_SETTLEMENT")).isEqualTo(1);
            assertThat(bank.balance(payer.accountId())).isEqualTo(1_700_00);
        }

        @Test
        void aConfirmationBeforeTheAcceptanceIsRecordedStillConfirms() {
            ClearingDouble.answering(creditorAccount, com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                    .withStatus(503));
            String id = toPayee(session, payer, payee, "300").text("id");

            Api.Response confirmed = notifyClearing(id, "CONFIRMED", "n-" + UUID.randomUUID(), null);

            assertThat(confirmed.text("state")).isEqualTo("CONFIRMED");
            assertThat(jdbc.sql("select closed_at is not null from clearing_outbox where transfer_id = ?::uuid")
                    .param(id).query(Boolean.class).single()).isTrue();
        }
    }

    @Nested
    class Rejected {

        @Test
        void aRejectionAtSubmissionRefundsThePayerOnceWithTheReason() {
            ClearingDouble.rejecting(creditorAccount, "creditor account closed");

            String id = toPayee(session, payer, payee, "300").text("id");

            await().atMost(Duration.ofSeconds(10)).until(() -> stateOf(id).equals("REFUNDED"));
            Api.Response transfer = api.get("/api/v1/transfers/" + id, session);
            assertThat(transfer.text("refundReason")).isEqualTo("REJECTED");
            assertThat(transfer.text("failureReason")).isEqualTo("creditor account closed");
            assertThat(bank.balance(payer.accountId())).isEqualTo(2_000_00);
            assertThat(entries(id, "TRANSFER_REFUND")).isEqualTo(1);
            assertThat(ClearingDouble.submissions(id)).isEqualTo(1);
        }

        @Test
        void aRejectingNotificationRefundsExactlyOnceWhateverRepeats() {
            String id = sentAndAccepted("300");
            String notification = "n-" + UUID.randomUUID();

            Api.Response rejected = notifyClearing(id, "REJECTED", notification, "name does not match");
            notifyClearing(id, "REJECTED", notification, "name does not match");
            notifyClearing(id, "REJECTED", "n-" + UUID.randomUUID(), "name does not match");
            clock.advance(Duration.ofHours(1));
            outbox.refundOverdue();

            assertThat(rejected.text("state")).isEqualTo("REFUNDED");
            assertThat(bank.balance(payer.accountId())).isEqualTo(2_000_00);
            assertThat(entries(id, "TRANSFER_REFUND")).isEqualTo(1);
            clock.reset();
            assertThat(api.get("/api/v1/transfers/" + id, session).text("failureReason"))
                    .isEqualTo("name does not match");
        }

        @Test
        void aRejectionAfterAConfirmationIsAClearingExceptionAndMovesNothing() {
            String id = sentAndAccepted("300");
            notifyClearing(id, "CONFIRMED", "n-" + UUID.randomUUID(), null);

            notifyClearing(id, "REJECTED", "n-" + UUID.randomUUID(), "late reject");

            assertThat(stateOf(id)).isEqualTo("CONFIRMED");
            assertThat(entries(id, "TRANSFER_REFUND")).isZero();
            assertThat(bank.balance(payer.accountId())).isEqualTo(1_700_00);
            assertThat(exceptionKinds(id)).containsExactly("REJECTED_AFTER_CONFIRMATION");
        }
    }

    @Nested
    class TimedOut {

        @Test
        void aTransferNotConfirmedInTimeIsRefundedOnce() {
            String id = sentAndAccepted("300");
            clock.advance(Duration.ofMinutes(29));
            outbox.refundOverdue();
            assertThat(stateOf(id)).isEqualTo("ACCEPTED");

            clock.advance(Duration.ofMinutes(2));
            outbox.refundOverdue();
            outbox.refundOverdue();

            clock.reset();
            Api.Response transfer = api.get("/api/v1/transfers/" + id, session);
            assertThat(transfer.text("state")).isEqualTo("REFUNDED");
            assertThat(transfer.text("refundReason")).isEqualTo("TIMED_OUT");
            assertThat(transfer.text("failureReason")).contains("30 minutes");
            assertThat(bank.balance(payer.accountId())).isEqualTo(2_000_00);
            assertThat(entries(id, "TRANSFER_REFUND")).isEqualTo(1);
        }

        @Test
        void aTimeoutRacingARejectionRefundsOnce() throws Exception {
            String id = sentAndAccepted("300");
            clock.advance(Duration.ofMinutes(31));
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
            try {
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                var sweep = pool.submit(() -> {
                    start.await();
                    return outbox.refundOverdue();
                });
                var rejection = pool.submit(() -> {
                    start.await();
                    return notifyClearing(id, "REJECTED", "n-" + UUID.randomUUID(), "account closed");
                });
                var secondSweep = pool.submit(() -> {
                    start.await();
                    return outbox.refundOverdue();
                });
                start.countDown();
                sweep.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(rejection.get(30, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(200);
                secondSweep.get(30, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }

            assertThat(stateOf(id)).isEqualTo("REFUNDED");
            assertThat(entries(id, "TRANSFER_REFUND")).isEqualTo(1);
            assertThat(bank.balance(payer.accountId())).isEqualTo(2_000_00);
        }

        @Test
        void aLateConfirmationAfterTheRefundIsAnExceptionForOperationsNeverASecondMovement() {
            String id = sentAndAccepted("300");
            clock.advance(Duration.ofMinutes(31));
            outbox.refundOverdue();
            long settled = balance(TransferBooks.SETTLEMENT);
            double before = lateConfirmations();

            Api.Response late = notifyClearing(id, "CONFIRMED", "n-" + UUID.randomUUID(), null);
            notifyClearing(id, "CONFIRMED", "n-" + UUID.randomUUID(), null);

            assertThat(late.status()).isEqualTo(200);
            assertThat(late.text("state")).isEqualTo("REFUNDED");
            assertThat(bank.balance(payer.accountId())).isEqualTo(2_000_00);
            assertThat(balance(TransferBooks.SETTLEMENT)).isEqualTo(settled);
            assertThat(entries(id, "TRANSFER_SETTLEMENT")).isZero();
            assertThat(exceptionKinds(id)).containsExactly("LATE_CONFIRMATION");
            assertThat(lateConfirmations() - before).isEqualTo(1.0);
            Api.Response listed = operator(HttpMethod.GET, "/api/ops/v1/clearing/exceptions", null);
            assertThat(listed.body().findValuesAsText("transferId")).contains(id);

            String exceptionId = jdbc.sql("select id::text from clearing_exceptions where transfer_id = ?::uuid")
                    .param(id).query(String.class).single();
            Api.Response resolved = operator(HttpMethod.POST, "/api/ops/v1/clearing/exceptions/" + exceptionId
                    + "/resolution", java.util.Map.of("resolution", "recall requested through the clearing system"));
            assertThat(resolved.status()).as(resolved.body().toString()).isEqualTo(200);
            assertThat(resolved.text("resolvedBy")).isEqualTo(OPERATOR);
            assertThat(operator(HttpMethod.GET, "/api/ops/v1/clearing/exceptions", null).body()
                    .findValuesAsText("transferId")).doesNotContain(id);
        }

        @Test
        void aPaymentTheClearingSystemNeverTookIsRefundedAndNotSentAgain() {
            ClearingDouble.answering(creditorAccount, com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                    .withStatus(503));
            String id = toPayee(session, payer, payee, "300").text("id");
            await().atMost(Duration.ofSeconds(10)).until(() -> ClearingDouble.submissions(id) >= 1);

            clock.advance(Duration.ofMinutes(31));
            outbox.refundOverdue();
            outbox.sendDue();

            assertThat(stateOf(id)).isEqualTo("REFUNDED");
            assertThat(jdbc.sql("select closed_at is not null from clearing_outbox where transfer_id = ?::uuid")
                    .param(id).query(Boolean.class).single()).isTrue();
            int submitted = ClearingDouble.submissions(id);
            outbox.sendDue();
            assertThat(ClearingDouble.submissions(id)).isEqualTo(submitted);
            assertThat(bank.balance(payer.accountId())).isEqualTo(2_000_00);
        }
    }

    @Nested
    class Delivery {

        @Test
        void aServerErrorIsRetriedFromTheOutboxUntilTheClearingSystemAccepts() {
            ClearingDouble.failingOnceThenAccepting(creditorAccount);

            String id = toPayee(session, payer, payee, "300").text("id");

            await().atMost(Duration.ofSeconds(15)).until(() -> stateOf(id).equals("ACCEPTED"));
            assertThat(ClearingDouble.submissions(id)).isEqualTo(2);
            assertThat(jdbc.sql("select attempts from clearing_outbox where transfer_id = ?::uuid").param(id)
                    .query(Integer.class).single()).isEqualTo(2);
            assertThat(bank.balance(payer.accountId())).isEqualTo(1_700_00);
        }

        @Test
        void theRetryDelayDoublesUpToTheMaximum() {
            assertThat(outbox.retryDelay(1)).isEqualTo(Duration.ofSeconds(1));
            assertThat(outbox.retryDelay(3)).isEqualTo(Duration.ofSeconds(4));
            assertThat(outbox.retryDelay(40)).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Nested
    class Notifications {

        @Test
        void aNotificationWithAWrongSignatureIsRefusedAndChangesNothing() {
            String id = sentAndAccepted("300");
            String body = "{\"notificationId\":\"n-forged\",\"paymentId\":\"" + id + "\",\"status\":\"REJECTED\"}";
            HttpHeaders headers = new HttpHeaders();
            String timestamp = String.valueOf(clock.instant().getEpochSecond());
            headers.add("X-Clearing-Timestamp", timestamp);
            headers.add("X-Clearing-Signature", ClearingDouble.signature(timestamp, body.replace("REJECTED",
                    "CONFIRMED")));
            headers.add("Content-Type", "application/json");

            Api.Response forged = api.call(HttpMethod.POST, "/api/clearing/v1/notifications", null, body, headers);

            assertThat(forged.status()).isEqualTo(401);
            assertThat(forged.irc()).isEqualTo("UNAUTHENTICATED");
            assertThat(stateOf(id)).isEqualTo("ACCEPTED");
            assertThat(bank.balance(payer.accountId())).isEqualTo(1_700_00);
        }

        @Test
        void aStaleNotificationIsRefused() {
            String id = sentAndAccepted("300");
            String body = "{\"notificationId\":\"n-stale\",\"paymentId\":\"" + id + "\",\"status\":\"REJECTED\"}";
            String timestamp = String.valueOf(clock.instant().minus(Duration.ofMinutes(6)).getEpochSecond());
            HttpHeaders headers = new HttpHeaders();
            headers.add("X-Clearing-Timestamp", timestamp);
            headers.add("X-Clearing-Signature", ClearingDouble.signature(timestamp, body));
            headers.add("Content-Type", "application/json");

            Api.Response stale = api.call(HttpMethod.POST, "/api/clearing/v1/notifications", null, body, headers);

            assertThat(stale.status()).isEqualTo(401);
            assertThat(stateOf(id)).isEqualTo("ACCEPTED");
        }

        @Test
        void aNotificationOfAnUnknownPaymentIsNotFound() {
            Api.Response unknown = notifyClearing(UUID.randomUUID().toString(), "CONFIRMED", "n-unknown", null);

            assertThat(unknown.status()).isEqualTo(404);
        }
    }

    private String sentAndAccepted(String amount) {
        Api.Response sent = toPayee(session, payer, payee, amount);
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(201);
        String id = sent.text("id");
        await().atMost(Duration.ofSeconds(10)).until(() -> stateOf(id).equals("ACCEPTED"));
        return id;
    }

    private long balance(UUID account) {
        return bank.balance(account);
    }

    private java.util.List<String> exceptionKinds(String id) {
        return jdbc.sql("select kind from clearing_exceptions where transfer_id = ?::uuid").param(id)
                .query(String.class).list();
    }

    private double lateConfirmations() {
        var counter = meters.find("branchlink.channel.clearing.exceptions").tag("kind", "LATE_CONFIRMATION").counter();
        return counter == null ? 0 : counter.count();
    }
}
