package io.branchlink.channel.customer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.SmsGatewayDouble;
import io.branchlink.channel.support.TestBank;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A password alone does not bind a new phone: binding needs the code sent by SMS to the registered number or
 * approval from a phone already bound (docs/channel-api.md, "Device binding").
 */
class DeviceBindingIntegrationTests extends ChannelIntegrationTest {

    /** Logs in from a phone the customer has never bound and returns the Authorization header value. */
    String loginFrom(TestBank.Customer customer, String deviceId) {
        Api.Response response = api.post("/api/v1/sessions", null, Map.of("username", customer.username(),
                "password", TestBank.PASSWORD, "deviceId", deviceId));
        assertThat(response.status()).as("login").isEqualTo(201);
        assertThat(response.body().path("deviceBound").asBoolean()).as("deviceBound").isFalse();
        return Api.bearer(response.text("token"));
    }

    Api.Response challenge(String session, String name, String method) {
        return api.post("/api/v1/devices/challenges", session, method == null ? Map.of("name", name)
                : Map.of("name", name, "method", method));
    }

    Api.Response bind(String session, String challengeId, String code) {
        return api.post("/api/v1/devices", session, code == null ? Map.of("challengeId", challengeId)
                : Map.of("challengeId", challengeId, "code", code));
    }

    /** Another 6-digit code than {@code code}. */
    static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    int usableChallenges(TestBank.Customer customer) {
        return jdbc.sql("""
                select count(*) from device_binding_challenges
                 where customer_id = ? and status in ('PENDING', 'APPROVED')
                """).param(customer.id()).query(Integer.class).single();
    }

    @Nested
    class WithoutProof {

        @Test
        void aPasswordAloneDoesNotBindANewPhoneNorStageCash() {
            TestBank.Customer customer = bank.customer(1_000_00);
            String newPhone = loginFrom(customer, customer.username() + "-new");

            Api.Response bound = api.post("/api/v1/devices", newPhone, Map.of("name", "Attacker's phone"));

            assertThat(bound.status()).isEqualTo(403);
            assertThat(bound.irc()).isEqualTo("STEP_UP_REQUIRED");
            Api.Response devices = api.get("/api/v1/devices", newPhone);
            assertThat(devices.body()).hasSize(1);
            assertThat(devices.body().get(0).path("deviceId").asText()).isEqualTo(customer.deviceId());
            Api.Response staged = stageWithdrawal(newPhone, customer, "100", null);
            assertThat(staged.status()).isEqualTo(403);
            assertThat(staged.irc()).isEqualTo("STEP_UP_REQUIRED");
            assertThat(bank.available(customer.accountId())).isEqualTo(1_000_00);
        }

        @Test
        void aChallengeOfAnotherPhoneDoesNotBindThisOne() {
            TestBank.Customer customer = bank.customer(0, null);
            String first = loginFrom(customer, customer.username() + "-a");
            String second = loginFrom(customer, customer.username() + "-b");
            String challengeId = challenge(first, "Phone A", null).text("id");
            String code = SmsGatewayDouble.latestCode(customer.phone()).orElseThrow();

            Api.Response response = bind(second, challengeId, code);

            assertThat(response.status()).isEqualTo(404);
            assertThat(api.get("/api/v1/devices", second).body()).isEmpty();
        }

        @Test
        void aMalformedChallengeRequestIsRefusedAndSendsNoSms() {
            TestBank.Customer customer = bank.customer(0, null);
            String session = loginFrom(customer, customer.username() + "-new");

            Api.Response response = api.post("/api/v1/devices/challenges", session, Map.of("name", ""));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().path("fields").has("name")).isTrue();
            assertThat(SmsGatewayDouble.messagesTo(customer.phone())).isEmpty();
        }
    }

    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    class BySmsCode {

        @Test
        void bindsWithTheCodeSentToTheRegisteredNumberExactlyOnce(CapturedOutput output) {
            TestBank.Customer customer = bank.customer(1_000_00, null);
            String session = loginFrom(customer, customer.deviceId());

            Api.Response opened = challenge(session, "My new phone", null);

            assertThat(opened.status()).isEqualTo(201);
            assertThat(opened.text("method")).isEqualTo("SMS");
            assertThat(opened.text("sentTo")).isEqualTo("*".repeat(7) + customer.phone().substring(7));
            assertThat(opened.body().has("code")).isFalse();
            var messages = SmsGatewayDouble.messagesTo(customer.phone());
            assertThat(messages).hasSize(1);
            assertThat(messages.get(0).path("to").asText()).isEqualTo("+86" + customer.phone());
            String code = SmsGatewayDouble.latestCode(customer.phone()).orElseThrow();
            assertThat(new String(opened.bytes(), StandardCharsets.UTF_8)).doesNotContain(code);
            byte[] stored = jdbc.sql("select code_hash from device_binding_challenges where id = ?")
                    .param(UUID.fromString(opened.text("id"))).query(byte[].class).single();
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(code);

            Api.Response bound = bind(session, opened.text("id"), code);

            assertThat(bound.status()).isEqualTo(201);
            assertThat(bound.text("deviceId")).isEqualTo(customer.deviceId());
            assertThat(bound.text("name")).isEqualTo("My new phone");
            Api.Response again = bind(session, opened.text("id"), code);
            assertThat(again.status()).as("an already bound phone stays as it is").isEqualTo(200);
            assertThat(again.text("boundAt")).isEqualTo(bound.text("boundAt"));
            String laterSession = login(customer);
            assertThat(stageWithdrawal(laterSession, customer, "100", null).status()).isEqualTo(201);
            assertThat(output.getAll()).contains("binding challenge opened", "device bound")
                    .doesNotContain(code).doesNotContain(customer.phone());
        }

        @Test
        void aCodeIsNotAcceptedTwiceNorByAnotherSessionOfThePhone() {
            TestBank.Customer customer = bank.customer(0, null);
            String session = loginFrom(customer, customer.deviceId());
            String challengeId = challenge(session, "Phone", null).text("id");
            String code = SmsGatewayDouble.latestCode(customer.phone()).orElseThrow();
            assertThat(bind(session, challengeId, code).status()).isEqualTo(201);
            jdbc.sql("delete from customer_devices where customer_id = ?").param(customer.id()).update();
            String unbound = loginFrom(customer, customer.deviceId());

            Api.Response replayed = bind(unbound, challengeId, code);

            assertThat(replayed.status()).isEqualTo(410);
            assertThat(replayed.irc()).isEqualTo("TOKEN_EXPIRED");
            assertThat(api.get("/api/v1/devices", unbound).body()).isEmpty();
        }

        @Test
        void fiveWrongCodesKillTheChallenge() {
            TestBank.Customer customer = bank.customer(0, null);
            String session = loginFrom(customer, customer.deviceId());
            String challengeId = challenge(session, "Phone", null).text("id");
            String code = SmsGatewayDouble.latestCode(customer.phone()).orElseThrow();

            for (int left = 4; left >= 1; left--) {
                Api.Response wrong = bind(session, challengeId, wrong(code));
                assertThat(wrong.status()).isEqualTo(403);
                assertThat(wrong.irc()).isEqualTo("STEP_UP_REQUIRED");
                assertThat(wrong.body().path("attemptsLeft").asInt()).isEqualTo(left);
            }
            Api.Response fifth = bind(session, challengeId, wrong(code));
            assertThat(fifth.status()).isEqualTo(410);
            assertThat(fifth.irc()).isEqualTo("TOKEN_EXPIRED");

            Api.Response right = bind(session, challengeId, code);

            assertThat(right.status()).isEqualTo(410);
            assertThat(api.get("/api/v1/devices", session).body()).isEmpty();
        }

        @Test
        void anExpiredChallengeIsRefused() {
            TestBank.Customer customer = bank.customer(0, null);
            String session = loginFrom(customer, customer.deviceId());
            String challengeId = challenge(session, "Phone", null).text("id");
            String code = SmsGatewayDouble.latestCode(customer.phone()).orElseThrow();
            clock.advance(Duration.ofMinutes(5).plusSeconds(1));

            Api.Response late = bind(session, challengeId, code);

            assertThat(late.status()).isEqualTo(410);
            assertThat(late.irc()).isEqualTo("TOKEN_EXPIRED");
            assertThat(api.get("/api/v1/devices", session).body()).isEmpty();
        }

        @Test
        void aNewChallengeEndsTheOlderOne() {
            TestBank.Customer customer = bank.customer(0, null);
            String session = loginFrom(customer, customer.deviceId());
            String first = challenge(session, "Phone", null).text("id");
            String firstCode = SmsGatewayDouble.latestCode(customer.phone()).orElseThrow();
            String second = challenge(session, "Phone", null).text("id");
            String secondCode = SmsGatewayDouble.latestCode(customer.phone()).orElseThrow();

            assertThat(bind(session, first, firstCode).status()).isEqualTo(410);
            assertThat(bind(session, second, secondCode).status()).isEqualTo(201);
        }

        @Test
        void aBoundPhoneNeedsNoChallenge() {
            TestBank.Customer customer = bank.customer(0);

            Api.Response response = challenge(login(customer), "Phone", null);

            assertThat(response.status()).isEqualTo(409);
            assertThat(SmsGatewayDouble.messagesTo(customer.phone())).isEmpty();
        }

        @Test
        void limitsHowManyChallengesACustomerOpensInAnHour() {
            TestBank.Customer customer = bank.customer(0, null);
            String session = loginFrom(customer, customer.deviceId());
            for (int i = 0; i < 5; i++) {
                assertThat(challenge(session, "Phone", null).status()).isEqualTo(201);
            }

            Api.Response sixth = challenge(session, "Phone", null);

            assertThat(sixth.status()).isEqualTo(422);
            assertThat(sixth.irc()).isEqualTo("EXCEEDS_LIMIT");
            assertThat(SmsGatewayDouble.messagesTo(customer.phone())).hasSize(5);
            clock.advance(Duration.ofMinutes(61));
            assertThat(challenge(loginFrom(customer, customer.deviceId()), "Phone", null).status()).isEqualTo(201);
        }
    }

    @Nested
    class WhenTheSmsGatewayFails {

        static Stream<Arguments> failures() {
            return Stream.of(
                    Arguments.of("500", aResponse().withStatus(500)),
                    Arguments.of("401 (a wrong API key)", aResponse().withStatus(401)),
                    Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
                    Arguments.of("no answer within the read timeout", aResponse().withStatus(202)
                            .withBody("{\"messageId\":\"late\"}").withFixedDelay(2_000)),
                    Arguments.of("202 without a message id", aResponse().withStatus(202).withBody("{}")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("failures")
        void answers503AndLeavesNoUsableChallenge(String failure,
                com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
            SmsGatewayDouble.server().resetAll();
            SmsGatewayDouble.answering(answer);
            TestBank.Customer customer = bank.customer(0, null);
            String session = loginFrom(customer, customer.deviceId());

            Api.Response response = challenge(session, "Phone", null);

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.irc()).isEqualTo("HOST_UNREACHABLE");
            assertThat(response.body().has("id")).isFalse();
            assertThat(usableChallenges(customer)).isZero();
        }

        @Test
        void approvalStillWorksWithoutTheGateway() {
            SmsGatewayDouble.server().resetAll();
            SmsGatewayDouble.answering(aResponse().withStatus(503));
            TestBank.Customer customer = bank.customer(0);
            String newPhone = loginFrom(customer, customer.username() + "-new");

            Api.Response opened = challenge(newPhone, "New phone", "APPROVAL");
            assertThat(opened.status()).isEqualTo(201);
            assertThat(api.post("/api/v1/devices/challenges/" + opened.text("id") + "/approval", login(customer),
                    null).status()).isEqualTo(200);

            assertThat(bind(newPhone, opened.text("id"), null).status()).isEqualTo(201);
        }
    }

    @Nested
    class ByApproval {

        @Test
        void aBoundPhoneSeesAndApprovesTheChallengeAndTheNewPhoneBinds() {
            TestBank.Customer customer = bank.customer(0);
            String oldPhone = login(customer);
            String newDevice = customer.username() + "-new";
            String newPhone = loginFrom(customer, newDevice);
            Api.Response opened = challenge(newPhone, "Pixel", "APPROVAL");
            assertThat(opened.status()).isEqualTo(201);
            assertThat(SmsGatewayDouble.messagesTo(customer.phone())).as("no SMS for an approval").isEmpty();
            assertThat(bind(newPhone, opened.text("id"), null).irc()).as("before approval")
                    .isEqualTo("STEP_UP_REQUIRED");

            Api.Response pending = api.get("/api/v1/devices/challenges", oldPhone);

            assertThat(pending.status()).isEqualTo(200);
            assertThat(pending.body()).hasSize(1);
            assertThat(pending.body().get(0).path("id").asText()).isEqualTo(opened.text("id"));
            assertThat(pending.body().get(0).path("deviceId").asText()).isEqualTo(newDevice);
            assertThat(pending.body().get(0).path("name").asText()).isEqualTo("Pixel");
            assertThat(pending.body().get(0).hasNonNull("createdAt")).isTrue();
            assertThat(pending.body().get(0).has("code")).isFalse();

            Api.Response approved = api.post("/api/v1/devices/challenges/" + opened.text("id") + "/approval",
                    oldPhone, null);
            assertThat(approved.status()).isEqualTo(200);
            assertThat(approved.text("status")).isEqualTo("APPROVED");
            assertThat(api.get("/api/v1/devices/challenges", oldPhone).body()).isEmpty();

            Api.Response bound = bind(newPhone, opened.text("id"), null);

            assertThat(bound.status()).isEqualTo(201);
            assertThat(bound.text("deviceId")).isEqualTo(newDevice);
            assertThat(api.get("/api/v1/devices", oldPhone).body()).hasSize(2);
            assertThat(bind(newPhone, opened.text("id"), null).status()).isEqualTo(200);
        }

        @Test
        void anSmsChallengeCanBeApprovedInstead() {
            TestBank.Customer customer = bank.customer(0);
            String newPhone = loginFrom(customer, customer.username() + "-new");
            String challengeId = challenge(newPhone, "Tablet", null).text("id");

            api.post("/api/v1/devices/challenges/" + challengeId + "/approval", login(customer), null);

            assertThat(bind(newPhone, challengeId, null).status()).isEqualTo(201);
        }

        @Test
        void anotherCustomersBoundPhoneCannotSeeNorApproveTheChallenge() {
            TestBank.Customer alice = bank.customer(0);
            TestBank.Customer mallory = bank.customer(0);
            String alicesNewPhone = loginFrom(alice, alice.username() + "-new");
            String challengeId = challenge(alicesNewPhone, "New phone", "APPROVAL").text("id");
            String mallorysPhone = login(mallory);

            assertThat(api.get("/api/v1/devices/challenges", mallorysPhone).body()).isEmpty();
            Api.Response approval = api.post("/api/v1/devices/challenges/" + challengeId + "/approval",
                    mallorysPhone, null);

            assertThat(approval.status()).isEqualTo(404);
            assertThat(approval.irc()).isEqualTo("NOT_FOUND");
            assertThat(bind(alicesNewPhone, challengeId, null).irc()).isEqualTo("STEP_UP_REQUIRED");
            assertThat(api.get("/api/v1/devices", alicesNewPhone).body()).hasSize(1);
        }

        @Test
        void anUnboundPhoneCannotSeeNorApproveChallenges() {
            TestBank.Customer customer = bank.customer(0);
            String first = loginFrom(customer, customer.username() + "-new1");
            String second = loginFrom(customer, customer.username() + "-new2");
            String challengeId = challenge(first, "New phone", "APPROVAL").text("id");

            assertThat(api.get("/api/v1/devices/challenges", second).status()).isEqualTo(403);
            Api.Response approval = api.post("/api/v1/devices/challenges/" + challengeId + "/approval", second, null);

            assertThat(approval.status()).isEqualTo(403);
            assertThat(approval.irc()).isEqualTo("ACCESS_DENIED");
            assertThat(bind(first, challengeId, null).irc()).isEqualTo("STEP_UP_REQUIRED");
        }

        @Test
        void anExpiredChallengeCannotBeApproved() {
            TestBank.Customer customer = bank.customer(0);
            String newPhone = loginFrom(customer, customer.username() + "-new");
            String challengeId = challenge(newPhone, "New phone", "APPROVAL").text("id");
            String oldPhone = login(customer);
            clock.advance(Duration.ofMinutes(6));

            Api.Response approval = api.post("/api/v1/devices/challenges/" + challengeId + "/approval", oldPhone,
                    null);

            assertThat(approval.status()).isEqualTo(410);
            assertThat(api.get("/api/v1/devices/challenges", oldPhone).body()).isEmpty();
        }

        @Test
        void approvalNeedsABoundPhoneToExist() {
            TestBank.Customer customer = bank.customer(0, null);

            Api.Response response = challenge(loginFrom(customer, customer.deviceId()), "Phone", "APPROVAL");

            assertThat(response.status()).isEqualTo(409);
            assertThat(usableChallenges(customer)).isZero();
        }
    }

    @Test
    void theSweepDeletesChallengesADayPastTheirExpiry(@Autowired SessionSweeper sweeper) {
        TestBank.Customer customer = bank.customer(0);
        String newPhone = loginFrom(customer, customer.username() + "-new");
        assertThat(challenge(newPhone, "Old phone", "APPROVAL").status()).isEqualTo(201);
        clock.advance(Duration.ofDays(1).plusMinutes(10));
        assertThat(challenge(loginFrom(customer, customer.username() + "-later"), "Later phone", "APPROVAL")
                .status()).isEqualTo(201);

        sweeper.sweep();

        assertThat(jdbc.sql("select device_id from device_binding_challenges where customer_id = ?")
                .param(customer.id()).query(String.class).list()).containsExactly(customer.username() + "-later");
    }
}
