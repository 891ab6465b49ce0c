package io.branchlink.channel.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.TestBank;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class TransferIntegrationTests extends TransferTestSupport {

    TestBank.Customer payer;
    TestBank.Customer other;
    String session;

    @BeforeEach
    void customers() {
        payer = bank.customer(5_000_00);
        other = bank.customer(100_00);
        session = login(payer);
    }

    @Nested
    class Payees {

        @Test
        void addsAnotherCustomerByAccountNumberAndShowsOnlyTheLastFourDigits() {
            Api.Response added = addPayee(session, Map.of("type", "ACCOUNT", "accountNumber", other.accountNumber(),
                    "name", other.fullName()));

            assertThat(added.status()).isEqualTo(201);
            assertThat(added.text("kind")).isEqualTo("INTRA");
            assertThat(added.text("accountNumber")).endsWith(other.accountNumber().substring(12)).startsWith("****");
            assertThat(added.body().path("trusted").asBoolean()).isFalse();
            assertThat(added.body().path("registeredAtCounter").asBoolean()).isFalse();
            assertThat(api.get("/api/v1/payees", session).body().findValuesAsText("id"))
                    .containsExactly(added.text("id"));
        }

        @Test
        void addsAnotherCustomerByRegisteredPhone() {
            Api.Response added = addPayee(session, Map.of("type", "PHONE", "phone", other.phone(),
                    "name", other.fullName()));

            assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
            assertThat(jdbc.sql("select account_id from payees where id = ?::uuid").param(added.text("id"))
                    .query(java.util.UUID.class).single()).isEqualTo(other.accountId());
        }

        @Test
        void aNameThatIsNotTheHoldersFindsNobodyAsNoAccountDoes() {
            Api.Response wrongName = addPayee(session, Map.of("type", "ACCOUNT", "accountNumber",
                    other.accountNumber(), "name", "Someone Else"));
            Api.Response noAccount = addPayee(session, Map.of("type", "ACCOUNT", "accountNumber", "6222000000000000",
                    "name", "Someone Else"));

            assertThat(wrongName.status()).isEqualTo(404);
            assertThat(wrongName.irc()).isEqualTo("NOT_FOUND");
            assertThat(wrongName.body().path("detail")).isEqualTo(noAccount.body().path("detail"));
            assertThat(api.get("/api/v1/payees", session).body()).isEmpty();
        }

        @Test
        void addsAPayeeAtAnotherBankAndAddingItAgainAnswersTheSameOne() {
            String account = otherBankAccount();
            String first = payeeElsewhere(session, account);
            String again = payeeElsewhere(session, account);

            assertThat(again).isEqualTo(first);
            Api.Response payee = api.get("/api/v1/payees/" + first, session);
            assertThat(payee.text("kind")).isEqualTo("INTERBANK");
            assertThat(payee.text("accountNumber")).isEqualTo(account);
            assertThat(payee.text("bankCode")).isEqualTo("102100099996");
        }

        @Test
        void anotherCustomersPayeeIsNotFoundAndCannotBeRemoved() {
            String payee = payeeAt(session, other);
            String otherSession = login(other);

            assertThat(api.get("/api/v1/payees/" + payee, otherSession).status()).isEqualTo(404);
            assertThat(api.delete("/api/v1/payees/" + payee, otherSession).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/payees/" + payee, session).status()).isEqualTo(200);
        }

        @Test
        void aRemovedPayeeIsGoneAndCannotBePaid() {
            String payee = payeeAt(session, other);

            assertThat(api.delete("/api/v1/payees/" + payee, session).status()).isEqualTo(204);

            assertThat(api.get("/api/v1/payees", session).body()).isEmpty();
            Api.Response refused = toPayee(session, payer, payee, "10");
            assertThat(refused.status()).isEqualTo(404);
            assertThat(bank.balance(payer.accountId())).isEqualTo(5_000_00);
        }

        @Test
        void refusesAnUnknownType() {
            Api.Response refused = addPayee(session, Map.of("type", "IBAN", "accountNumber", "12345678",
                    "name", "X"));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().path("fields").has("type")).isTrue();
        }
    }

    @Nested
    class WithinTheBank {

        @Test
        void movesMoneyBetweenTheCustomersOwnAccountsAtOnce() {
            String secret = bank.enrolOtp(payer);
            java.util.UUID savingsId = bank.accountId(bank.account(payer, 0));

            Api.Response made = confirmed(session, body(payer.accountId(), "toAccountId", savingsId, "1234.56"),
                    secret);

            assertThat(made.status()).as(made.body().toString()).isEqualTo(201);
            assertThat(made.text("kind")).isEqualTo("OWN");
            assertThat(made.text("state")).isEqualTo("COMPLETED");
            assertThat(bank.balance(payer.accountId())).isEqualTo(5_000_00 - 1_234_56);
            assertThat(bank.balance(savingsId)).isEqualTo(1_234_56);
        }

        @Test
        void paysAnotherCustomerPostsAtOnceTrustsThePayeeAndTellsTheRiskEngine() {
            String payee = payeeAt(session, other);

            Api.Response made = toPayee(session, payer, payee, "250.50");

            assertThat(made.status()).as(made.body().toString()).isEqualTo(201);
            assertThat(made.text("kind")).isEqualTo("INTRA");
            assertThat(made.text("state")).isEqualTo("COMPLETED");
            assertThat(made.text("payeeName")).isEqualTo(other.fullName());
            assertThat(made.body().path("toAccountId").isNull()).isTrue();
            assertThat(bank.balance(payer.accountId())).isEqualTo(5_000_00 - 250_50);
            assertThat(bank.balance(other.accountId())).isEqualTo(100_00 + 250_50);
            assertThat(api.get("/api/v1/payees/" + payee, session).body().path("trusted").asBoolean()).isTrue();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.sql("""
                    select counterparty from risk_events where customer_id = ? and action = 'TRANSFER'
                    """).param(payer.id()).query(String.class).list()).containsExactly(other.accountNumber()));
            assertThat(api.get("/api/v1/transfers/" + made.text("id"), session).body().path("amount").decimalValue())
                    .isEqualByComparingTo("250.50");
            assertThat(api.get("/api/v1/transfers", session).body().findValuesAsText("id"))
                    .containsExactly(made.text("id"));
        }

        @Test
        void aTransferOfOneThousandOrMoreIsConfirmedWithTheSecondFactorAndTheSameKey() {
            String secret = bank.enrolOtp(payer);
            String payee = payeeAt(session, other);
            String key = key();
            Map<String, Object> body = body(payer.accountId(), "payeeId", payee, "1500");

            Api.Response required = transfer(session, key, body);
            assertThat(required.status()).isEqualTo(403);
            assertThat(bank.balance(payer.accountId())).isEqualTo(5_000_00);

            clock.advance(Duration.ofSeconds(30));
            Map<String, Object> confirmed = new HashMap<>(body);
            confirmed.put("stepUpId", passStepUpWithOtp(session, required, secret, 0));
            Api.Response made = transfer(session, key, confirmed);

            assertThat(made.status()).as(made.body().toString()).isEqualTo(201);
            assertThat(bank.balance(payer.accountId())).isEqualTo(3_500_00);
        }
    }

    @Nested
    class Idempotency {

        @Test
        void theSameKeyAndRequestAnswersTheFirstTransferWithoutASecondPosting() {
            String payee = payeeAt(session, other);
            String key = key();
            Map<String, Object> body = body(payer.accountId(), "payeeId", payee, "100");

            Api.Response first = transfer(session, key, body);
            Api.Response again = transfer(session, key, body);

            assertThat(first.status()).isEqualTo(201);
            assertThat(first.headers().getFirst("Idempotent-Replayed")).isEqualTo("false");
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
            assertThat(again.text("id")).isEqualTo(first.text("id"));
            assertThat(bank.balance(payer.accountId())).isEqualTo(4_900_00);
            assertThat(bank.balance(other.accountId())).isEqualTo(200_00);
            assertThat(transfersOf(payer)).isEqualTo(1);
        }

        @Test
        void twoRequestsWithTheSameKeyAtOnceMakeOneTransfer() throws Exception {
            String payee = payeeAt(session, other);
            String key = key();
            Map<String, Object> body = body(payer.accountId(), "payeeId", payee, "100");
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                java.util.List<java.util.concurrent.Future<Api.Response>> sent = new java.util.ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    sent.add(pool.submit(() -> transfer(session, key, body)));
                }
                java.util.Set<String> ids = new java.util.HashSet<>();
                for (java.util.concurrent.Future<Api.Response> response : sent) {
                    Api.Response answer = response.get(30, java.util.concurrent.TimeUnit.SECONDS);
                    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
                    ids.add(answer.text("id"));
                }
                assertThat(ids).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(bank.balance(payer.accountId())).isEqualTo(4_900_00);
            assertThat(transfersOf(payer)).isEqualTo(1);
        }

        @Test
        void theSameKeyWithAnotherRequestIsAConflictAndMovesNothing() {
            String payee = payeeAt(session, other);
            String key = key();
            transfer(session, key, body(payer.accountId(), "payeeId", payee, "100"));

            Api.Response conflict = transfer(session, key, body(payer.accountId(), "payeeId", payee, "200"));

            assertThat(conflict.status()).isEqualTo(409);
            assertThat(conflict.irc()).isEqualTo("CONFLICT");
            assertThat(conflict.text("detail")).contains("Idempotency-Key");
            assertThat(bank.balance(payer.accountId())).isEqualTo(4_900_00);
            assertThat(transfersOf(payer)).isEqualTo(1);
        }

        @Test
        void aRequestWithoutAKeyIsRefused() {
            String payee = payeeAt(session, other);

            Api.Response refused = transfer(session, null, body(payer.accountId(), "payeeId", payee, "100"));
            Api.Response shortKey = transfer(session, "abc", body(payer.accountId(), "payeeId", payee, "100"));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.irc()).isEqualTo("MISSING_FIELD");
            assertThat(shortKey.status()).isEqualTo(400);
            assertThat(shortKey.irc()).isEqualTo("FORMAT_ERROR");
            assertThat(bank.balance(payer.accountId())).isEqualTo(5_000_00);
        }
    }

    @Nested
    class Limits {

        @Test
        void aTransferOverThePerTransactionLimitIsRefusedAndMovesNothing() {
            TestBank.Customer rich = bank.customer(100_000_00);
            String richSession = login(rich);
            String payee = payeeAt(richSession, other);

            Api.Response refused = toPayee(richSession, rich, payee, "50000.01");

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.irc()).isEqualTo("EXCEEDS_LIMIT");
            assertThat(refused.text("detail")).contains("50000.00 CNY");
            assertThat(bank.balance(rich.accountId())).isEqualTo(100_000_00);
            assertThat(bank.balance(other.accountId())).isEqualTo(100_00);
        }

        @Test
        void theDailyLimitCountsTodaysTransfersIncludingPendingInterbankOnes() {
            TestBank.Customer rich = bank.customer(300_000_00);
            String richSession = login(rich);
            String secret = bank.enrolOtp(rich);
            String here = payeeAt(richSession, other);
            String elsewhere = payeeElsewhere(richSession, otherBankAccount());
            for (int i = 0; i < 4; i++) {
                String payeeId = i % 2 == 0 ? here : elsewhere;
                Api.Response made = confirmed(richSession, body(rich.accountId(), "payeeId", payeeId, "49000"),
                        secret);
                assertThat(made.status()).as(made.body().toString()).isEqualTo(201);
            }

            Api.Response refused = confirmed(richSession, body(rich.accountId(), "payeeId", here, "5000"),
                    secret);

            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
            assertThat(refused.irc()).isEqualTo("EXCEEDS_LIMIT");
            assertThat(refused.text("detail")).contains("daily transfer limit of 200000.00 CNY")
                    .contains("4000.00 CNY is left");
            assertThat(bank.balance(rich.accountId())).isEqualTo(300_000_00 - 4 * 49_000_00);
        }

        @Test
        void aClassTwoAccountPaysOthersAtMostItsDailyOutboundLimit() {
            TestBank.Customer electronic = bank.customer(30_000_00);
            jdbc.sql("update accounts set account_class = 'TYPE_II' where id = ?").param(electronic.accountId())
                    .update();
            String electronicSession = login(electronic);
            String secret = bank.enrolOtp(electronic);
            String payee = payeeAt(electronicSession, other);
            Api.Response made = confirmed(electronicSession, body(electronic.accountId(), "payeeId", payee, "9000"),
                    secret);
            assertThat(made.status()).as(made.body().toString()).isEqualTo(201);

            Api.Response refused = confirmed(electronicSession,
                    body(electronic.accountId(), "payeeId", payee, "1000.01"), secret);

            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
            assertThat(refused.irc()).isEqualTo("EXCEEDS_LIMIT");
            assertThat(refused.text("detail")).contains("Class II").contains("1000.00 CNY is left today");
            assertThat(bank.balance(electronic.accountId())).isEqualTo(30_000_00 - 9_000_00);
            assertThat(bank.balance(other.accountId())).isEqualTo(100_00 + 9_000_00);
        }

        @Test
        void transfersBetweenOwnAccountsAreNotLimited() {
            TestBank.Customer rich = bank.customer(300_000_00);
            String richSession = login(rich);
            String secret = bank.enrolOtp(rich);
            java.util.UUID savings = bank.accountId(bank.account(rich, 0));

            Api.Response made = confirmed(richSession, body(rich.accountId(), "toAccountId", savings, "250000"),
                    secret);

            assertThat(made.status()).as(made.body().toString()).isEqualTo(201);
            assertThat(bank.balance(savings)).isEqualTo(250_000_00);
        }
    }

    @Nested
    class DesignatedPayeesOnly {

        @BeforeEach
        void setAtTheCounter() {
            Api.Response set = operator(HttpMethod.PUT, "/api/ops/v1/customers/" + payer.id()
                    + "/transfer-restriction", Map.of("designatedPayeesOnly", true));
            assertThat(set.status()).as(set.body().toString()).isEqualTo(200);
        }

        @Test
        void aPayeeAddedInTheAppCannotBePaid() {
            String payee = payeeAt(session, other);

            Api.Response refused = toPayee(session, payer, payee, "100");

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.irc()).isEqualTo("ACCESS_DENIED");
            assertThat(refused.text("reason")).isEqualTo("designated-payees-only");
            assertThat(refused.text("detail")).contains("registered at the counter");
            assertThat(bank.balance(payer.accountId())).isEqualTo(5_000_00);
            assertThat(bank.balance(other.accountId())).isEqualTo(100_00);
        }

        @Test
        void aPayeeRegisteredAtTheCounterAndOwnAccountsCanBePaid() {
            String payee = registerAtCounter(payer, other);
            java.util.UUID savings = bank.accountId(bank.account(payer, 0));

            Api.Response paid = toPayee(session, payer, payee, "100");
            Api.Response own = transfer(session, key(), body(payer.accountId(), "toAccountId", savings, "50"));

            assertThat(paid.status()).as(paid.body().toString()).isEqualTo(201);
            assertThat(own.status()).as(own.body().toString()).isEqualTo(201);
            assertThat(bank.balance(other.accountId())).isEqualTo(200_00);
            assertThat(bank.balance(savings)).isEqualTo(50_00);
        }

        @Test
        void aPayeeAddedInTheAppBecomesPayableWhenTheTellerRegistersIt() {
            String payee = payeeAt(session, other);

            assertThat(registerAtCounter(payer, other)).isEqualTo(payee);

            assertThat(toPayee(session, payer, payee, "100").status()).isEqualTo(201);
            assertThat(api.delete("/api/v1/payees/" + payee, session).status()).isEqualTo(403);
        }

        @Test
        void liftingTheModeLetsTheCustomerPayAnyPayee() {
            String payee = payeeAt(session, other);
            operator(HttpMethod.PUT, "/api/ops/v1/customers/" + payer.id() + "/transfer-restriction",
                    Map.of("designatedPayeesOnly", false));

            assertThat(toPayee(session, payer, payee, "100").status()).isEqualTo(201);
        }

        @Test
        void onlyOperatorsSetTheMode() {
            Api.Response refused = api.call(HttpMethod.PUT, "/api/ops/v1/customers/" + other.id()
                    + "/transfer-restriction", session, Map.of("designatedPayeesOnly", true),
                    new org.springframework.http.HttpHeaders());

            assertThat(refused.status()).isEqualTo(401);
            assertThat(jdbc.sql("select count(*) from transfer_restrictions where customer_id = ?").param(other.id())
                    .query(Integer.class).single()).isZero();
        }
    }

    @Nested
    class BadRequests {

        @Test
        void aNegativeAmountIsRefusedAndMovesNothing() {
            String payee = payeeAt(session, other);

            Api.Response refused = toPayee(session, payer, payee, "-10");

            assertRefused(refused, 400, "INVALID_AMOUNT", "more than 0");
        }

        @Test
        void anAmountWithMoreThanTwoDecimalsIsRefusedAndMovesNothing() {
            String payee = payeeAt(session, other);

            Api.Response refused = toPayee(session, payer, payee, "10.001");

            assertRefused(refused, 400, "INVALID_AMOUNT", "2 decimal places");
        }

        @Test
        void anAmountOverTheCapIsRefusedAndMovesNothing() {
            String payee = payeeAt(session, other);

            Api.Response refused = toPayee(session, payer, payee, "1000000.01");

            assertRefused(refused, 400, "INVALID_AMOUNT", "at most 1000000.00 CNY");
        }

        @Test
        void anotherCurrencyIsRefusedAndMovesNothing() {
            String payee = payeeAt(session, other);
            Map<String, Object> body = body(payer.accountId(), "payeeId", payee, "10");
            body.put("currency", "USD");

            assertRefused(transfer(session, key(), body), 400, "INVALID_AMOUNT", "CNY");
        }

        @Test
        void anUnknownPayeeIsNotFoundAndMovesNothing() {
            Api.Response refused = toPayee(session, payer, java.util.UUID.randomUUID().toString(), "10");

            assertRefused(refused, 404, "NOT_FOUND", "Payee not found");
        }

        @Test
        void anotherCustomersPayeeIsNotFoundAndMovesNothing() {
            TestBank.Customer third = bank.customer(0);
            String othersPayee = payeeAt(login(other), third);

            Api.Response refused = toPayee(session, payer, othersPayee, "10");

            assertRefused(refused, 404, "NOT_FOUND", "Payee not found");
            assertThat(bank.balance(third.accountId())).isZero();
        }

        @Test
        void anotherCustomersAccountIsNotFoundEitherWayAndMovesNothing() {
            Api.Response from = transfer(session, key(), body(other.accountId(), "toAccountId", payer.accountId(),
                    "10"));
            Api.Response to = transfer(session, key(), body(payer.accountId(), "toAccountId", other.accountId(),
                    "10"));

            assertRefused(from, 404, "NOT_FOUND", "Account not found");
            assertRefused(to, 404, "NOT_FOUND", "Account not found");
            assertThat(from.body().path("detail")).isEqualTo(to.body().path("detail"));
        }

        @Test
        void anotherCustomersTransferIsNotFound() {
            String payee = payeeAt(session, other);
            String transfer = toPayee(session, payer, payee, "10").text("id");

            Api.Response hidden = api.get("/api/v1/transfers/" + transfer, login(other));

            assertThat(hidden.status()).isEqualTo(404);
            assertThat(hidden.irc()).isEqualTo("NOT_FOUND");
        }

        @Test
        void moreThanTheBalanceIsRefusedAndMovesNothing() {
            TestBank.Customer poor = bank.customer(50_00);
            String poorSession = login(poor);
            String payee = payeeAt(poorSession, other);

            Api.Response refused = toPayee(poorSession, poor, payee, "50.01");

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.irc()).isEqualTo("NOT_SUFFICIENT_FUNDS");
            assertThat(bank.balance(poor.accountId())).isEqualTo(50_00);
            assertThat(bank.balance(other.accountId())).isEqualTo(100_00);
            assertThat(transfersOf(poor)).isZero();
        }

        @Test
        void bothOrNeitherTargetIsRefused() {
            Map<String, Object> neither = body(payer.accountId(), "memo", "rent", "10");

            assertRefused(transfer(session, key(), neither), 400, "FORMAT_ERROR", "either toAccountId");
        }

        private void assertRefused(Api.Response refused, int status, String irc, String detail) {
            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(status);
            assertThat(refused.irc()).isEqualTo(irc);
            assertThat(refused.text("type")).isEqualTo("https://branchlink.io/errors/"
                    + irc.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            assertThat(refused.text("detail")).contains(detail);
            assertThat(bank.balance(payer.accountId())).isEqualTo(5_000_00);
            assertThat(bank.balance(other.accountId())).isEqualTo(100_00);
            assertThat(transfersOf(payer)).isZero();
        }
    }

    static BigDecimal decimal(String value) {
        return new BigDecimal(value);
    }
}
