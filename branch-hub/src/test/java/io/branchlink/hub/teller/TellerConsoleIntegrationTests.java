package io.branchlink.hub.teller;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.branchlink.hub.device.TestDevice;
import io.branchlink.hub.form.StagedForms;
import io.branchlink.hub.support.ChannelApiAnswers;
import io.branchlink.hub.support.Tokens;
import io.branchlink.protocol.hubapi.DecidedExecution;
import io.branchlink.protocol.hubapi.Execution;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.hubapi.HubProblem;
import io.branchlink.protocol.hubapi.HubProblemCode;
import io.branchlink.protocol.hubapi.TokenStatus;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.PrintVoucher;
import io.branchlink.protocol.mqtt.Topics;
import io.branchlink.protocol.qr.Ed25519Keys;
import io.branchlink.protocol.qr.TokenType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The teller console over the real broker, Hazelcast and HTTP stack, with WireMock as channel-api: a teller
 * terminal's scan shows the form, one confirmation reaches channel-api however often it is clicked, the voucher
 * goes to the terminal's printer, and each code that cannot be served says why.
 */
class TellerConsoleIntegrationTests extends TellerTestSupport {

    private static final String EXECUTIONS = HubApiPaths.FORM_EXECUTIONS;

    @Autowired
    StagedForms staged;

    @Nested
    class Scanning {

        @Test
        void showsTheScannedFormWithLabelsAndIdChecksAndCachesIt() throws Exception {
            TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
            FormToken token = FormToken.valid();
            String draftId = stagedAtChannel(token);
            try (TestDevice terminal = tellerTerminal(TERMINAL, TERMINAL_PASSWORD)) {
                JsonNode view = scanAndAwaitView(teller, terminal, token.text());
                assertThat(view.path("state").asText()).isEqualTo("FORM");
                JsonNode form = view.path("form");
                assertThat(form.path("draftId").asText()).isEqualTo(draftId);
                assertThat(form.path("tokenId").isNull() || form.path("tokenId").isMissingNode()).isTrue();
                assertThat(form.path("label").path("zh").asText()).isEqualTo("定期存款开户");
                assertThat(form.path("customer").path("name").asText()).isEqualTo("Alice Chen");
                assertThat(form.path("confirmationId").asText()).isNotBlank();
                Map<String, JsonNode> fields = new java.util.LinkedHashMap<>();
                form.path("fields").forEach(field -> fields.put(field.path("name").asText(), field));
                assertThat(fields.get("idNumber").path("idCheck").asBoolean()).isTrue();
                assertThat(fields.get("customerName").path("idCheck").asBoolean()).isTrue();
                assertThat(fields.get("amount").path("idCheck").asBoolean()).isFalse();
                assertThat(fields.get("term").path("display").path("en").asText()).isEqualTo("1 year");
                assertThat(fields.get("term").path("label").path("zh").asText()).isEqualTo("存期");
                assertThat(staged.find(token.tokenId())).as("cached after the lookup").isPresent();
                assertThat(teller.json("/teller/api/audit?limit=5").path("records").get(0).path("action").asText())
                        .isEqualTo("SCAN");
            }
        }

        @Test
        void ignoresScansFromItms() throws Exception {
            TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
            FormToken token = FormToken.valid();
            stagedAtChannel(token);
            try (TestDevice itm = device("TEST-ITM-06", "secret-06", DeviceState.DeviceKind.ITM);
                    TestDevice terminal = tellerTerminal(TERMINAL, TERMINAL_PASSWORD)) {
                long before = teller.json("/teller/api/current").path("version").asLong();
                double ignored = ignoredItmScans();
                scan(itm, token.text());
                scan(terminal, "not a code at all");

                awaitView(teller, before);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> ignoredItmScans() == ignored + 1);
                assertThat(views.current("TEST-ITM-06").version()).isZero();
                assertThat(teller.json("/teller/api/current").path("code").asText()).isEqualTo("NOT_BRANCHLINK");
            }
        }
    }

    @Autowired
    TellerViews views;

    @Autowired
    MeterRegistry meters;

    private double ignoredItmScans() {
        Counter counter = meters.find(ResolveScan.IGNORED_SCANS)
                .tag("reason", "DEVICE_KIND_ITM").counter();
        return counter == null ? 0 : counter.count();
    }

    @Nested
    class Refusals {

        @Test
        void eachCodeThatCannotBeServedSaysWhy() throws Exception {
            TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
            FormToken unknown = FormToken.valid();
            FormToken decided = FormToken.valid();
            channelApi.stubFor(get(tokenPath(decided)).willReturn(ChannelApiAnswers.json(
                    new TokenStatus("EXECUTED", "BR001", Instant.parse("2026-11-25T09:30:00Z"), null))));
            FormToken elsewhere = FormToken.valid();
            channelApi.stubFor(get(tokenPath(elsewhere)).willReturn(ChannelApiAnswers.json(
                    new TokenStatus("STAGED", "BR002", null, null))));
            String forged = Tokens.sign(TokenType.FORM, null, null, Instant.now().plus(Duration.ofHours(1)),
                    Ed25519Keys.generate().getPrivate());
            String expired = Tokens.sign(TokenType.FORM, null, null, Instant.now().minus(Duration.ofHours(1)),
                    TOKEN_KEYS.getPrivate());
            String withdrawal = Tokens.sign(TokenType.WITHDRAWAL, Money.parse("300", "CNY"), null,
                    Instant.now().plus(Duration.ofMinutes(5)), TOKEN_KEYS.getPrivate());

            Map<String, String[]> cases = new java.util.LinkedHashMap<>();
            cases.put("https://example.com/menu", new String[] {"NOT_BRANCHLINK", "not a BranchLink code"});
            cases.put(forged, new String[] {"FORGED", "forged"});
            cases.put(expired, new String[] {"EXPIRED", "expired"});
            cases.put(withdrawal, new String[] {"USE_ITM", "use the ITM"});
            cases.put(unknown.text(), new String[] {"UNKNOWN_FORM", "does not know"});
            cases.put(decided.text(), new String[] {"ALREADY_DECIDED", "executed at 2026-11-25 09:30:00 UTC"});
            cases.put(elsewhere.text(), new String[] {"OTHER_BRANCH", "branch BR002"});

            try (TestDevice terminal = tellerTerminal(TERMINAL, TERMINAL_PASSWORD)) {
                for (Map.Entry<String, String[]> refusal : cases.entrySet()) {
                    JsonNode view = scanAndAwaitView(teller, terminal, refusal.getKey());
                    assertThat(view.path("state").asText()).isEqualTo("REFUSED");
                    assertThat(view.path("code").asText()).isEqualTo(refusal.getValue()[0]);
                    assertThat(view.path("message").path("en").asText()).contains(refusal.getValue()[1]);
                    assertThat(view.path("message").path("zh").asText()).isNotBlank();
                }
            }
            assertThat(teller.json("/teller/api/audit?limit=1").path("records").get(0).path("outcome").asText())
                    .isEqualTo("OTHER_BRANCH");
        }
    }

    @Nested
    class StagingOnArrival {

        @Test
        void aSubmittedFormIsStagedHereAndShownOnce() throws Exception {
            TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
            FormToken token = FormToken.valid();
            String draftId = submittedAtChannel(token);
            try (TestDevice terminal = tellerTerminal(TERMINAL, TERMINAL_PASSWORD)) {
                JsonNode view = scanAndAwaitView(teller, terminal, token.text());
                assertThat(view.path("state").asText()).as("view: %s", view).isEqualTo("FORM");
                assertThat(view.path("form").path("draftId").asText()).isEqualTo(draftId);
                assertThat(view.path("form").path("customer").path("name").asText()).isEqualTo("Alice Chen");
                String confirmationId = view.path("form").path("confirmationId").asText();
                assertThat(staged.find(token.tokenId())).as("stored as the feed stores it").get()
                        .satisfies(form -> assertThat(form.confirmationId()).isEqualTo(confirmationId));
                channelApi.verify(1, postRequestedFor(urlPathEqualTo(stagePath(token))));
                assertThat(teller.json("/teller/api/audit?limit=1").path("records").get(0).path("outcome").asText())
                        .isEqualTo("FORM_STAGED_ON_ARRIVAL");

                long shown = view.path("version").asLong();
                scan(terminal, token.text());
                JsonNode again = awaitView(teller, shown);
                assertThat(again.path("form").path("confirmationId").asText()).isEqualTo(confirmationId);
                channelApi.verify(1, postRequestedFor(urlPathEqualTo(stagePath(token))));
                assertThat(teller.json("/teller/api/audit?limit=1").path("records").get(0).path("outcome").asText())
                        .isEqualTo("FORM_SHOWN");

                var fromFeed = stagedForm(draftId, token.tokenId(), BRANCH,
                        staged.find(token.tokenId()).orElseThrow().form().expiresAt());
                assertThat(staged.stage(fromFeed)).as("the feed's STAGED for it later").get()
                        .satisfies(form -> assertThat(form.confirmationId()).isEqualTo(confirmationId));
            }
        }

        @Test
        void aStagingThatFailsOnceIsRetried() throws Exception {
            TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
            FormToken token = FormToken.valid();
            String draftId = submittedAtChannel(token);
            channelApi.stubFor(post(stagePath(token)).inScenario("staging").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
            channelApi.stubFor(post(stagePath(token)).inScenario("staging").whenScenarioStateIs("recovered")
                    .willReturn(ChannelApiAnswers.json(new TokenStatus("STAGED", BRANCH, null,
                            stagedForm(draftId, token.tokenId(), BRANCH, Instant.now().plus(Duration.ofHours(4)))))));
            try (TestDevice terminal = tellerTerminal(TERMINAL, TERMINAL_PASSWORD)) {
                JsonNode view = scanAndAwaitView(teller, terminal, token.text());
                assertThat(view.path("state").asText()).as("view: %s", view).isEqualTo("FORM");
                assertThat(view.path("form").path("draftId").asText()).isEqualTo(draftId);
                channelApi.verify(2, postRequestedFor(urlPathEqualTo(stagePath(token))));
            }
        }

        @Test
        void aFormChannelApiKeepsAtAnotherBranchIsRefused() throws Exception {
            TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
            FormToken token = FormToken.valid();
            submittedAtChannel(token);
            channelApi.stubFor(post(stagePath(token)).willReturn(problem(HubProblem.of(409, "CONFLICT",
                    HubProblemCode.FORM_OTHER_BRANCH, "This form is not staged at this branch.")
                    .withForm("STAGED", "BR002", null))));
            try (TestDevice terminal = tellerTerminal(TERMINAL, TERMINAL_PASSWORD)) {
                JsonNode view = scanAndAwaitView(teller, terminal, token.text());
                assertThat(view.path("state").asText()).isEqualTo("REFUSED");
                assertThat(view.path("code").asText()).isEqualTo("OTHER_BRANCH");
                assertThat(view.path("message").path("en").asText()).contains("branch BR002");
                assertThat(view.path("message").path("zh").asText()).contains("BR002");
                assertThat(staged.find(token.tokenId())).isEmpty();
                channelApi.verify(1, postRequestedFor(urlPathEqualTo(stagePath(token))));
                assertThat(teller.json("/teller/api/audit?limit=1").path("records").get(0).path("outcome").asText())
                        .isEqualTo("OTHER_BRANCH");
            }
        }

        @Test
        void aFormDecidedMeanwhileIsShownAsAlreadyDecided() throws Exception {
            TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
            FormToken token = FormToken.valid();
            submittedAtChannel(token);
            channelApi.stubFor(post(stagePath(token)).willReturn(problem(HubProblem.of(409, "DUPLICATE",
                    HubProblemCode.FORM_ALREADY_DECIDED, "This form was already decided: rejected.")
                    .withForm("REJECTED", "BR002", Instant.parse("2026-11-25T09:30:00Z")))));
            try (TestDevice terminal = tellerTerminal(TERMINAL, TERMINAL_PASSWORD)) {
                JsonNode view = scanAndAwaitView(teller, terminal, token.text());
                assertThat(view.path("code").asText()).isEqualTo("ALREADY_DECIDED");
                assertThat(view.path("message").path("en").asText())
                        .contains("rejected at 2026-11-25 09:30:00 UTC");
            }
        }
    }

    @Nested
    class Deciding {

        @Test
        void confirmsOnceHoweverOftenItIsClickedAndPrintsTheVoucher() throws Exception {
            TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
            TellerBrowser secondTab = browser(TELLER, TELLER_PASSWORD);
            teller.session();
            secondTab.session();
            FormToken token = FormToken.valid();
            String draftId = stagedAtChannel(token);
            channelApi.stubFor(post(EXECUTIONS).willReturn(aResponse().withFixedDelay(300)
                    .withHeader("Content-Type", "application/json")
                    .withBody(execution("ignored", draftId, "EXECUTED", "V-BR001-20261125-000042"))));
            try (TestDevice terminal = tellerTerminal(TERMINAL, TERMINAL_PASSWORD)) {
                terminal.subscribe(Topics.commands(BRANCH, TERMINAL));
                JsonNode form = scanAndAwaitView(teller, terminal, token.text()).path("form");
                String confirmationId = form.path("confirmationId").asText();

                ExecutorService clicks = Executors.newFixedThreadPool(2);
                List<Callable<HttpResponse<String>>> both = List.of(
                        () -> teller.post("/teller/api/forms/" + draftId + "/confirm",
                                Map.of("confirmationId", confirmationId)),
                        () -> secondTab.post("/teller/api/forms/" + draftId + "/confirm",
                                Map.of("confirmationId", confirmationId)));
                List<String> answers = new ArrayList<>();
                for (Future<HttpResponse<String>> answer : clicks.invokeAll(both)) {
                    assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
                    answers.add(answer.get().body());
                }
                clicks.shutdown();
                HttpResponse<String> again = teller.post("/teller/api/forms/" + draftId + "/confirm",
                        Map.of("confirmationId", confirmationId));
                answers.add(again.body());

                assertThat(answers).allSatisfy(answer -> assertThat(JSON.readTree(answer))
                        .isEqualTo(JSON.readTree(answers.get(0))));
                JsonNode decision = JSON.readTree(answers.get(0));
                assertThat(decision.path("outcome").asText()).isEqualTo("EXECUTED");
                assertThat(decision.path("voucherReference").asText()).isEqualTo("V-BR001-20261125-000042");
                channelApi.verify(1, postRequestedFor(urlPathEqualTo(EXECUTIONS)));
                channelApi.verify(postRequestedFor(urlPathEqualTo(EXECUTIONS)).withRequestBody(equalToJson(
                        "{\"confirmationId\":\"" + confirmationId + "\",\"tokenId\":\"" + token.tokenId()
                                + "\",\"tellerId\":\"T0042\",\"terminalId\":\"TLR00101\",\"decision\":\"CONFIRM\","
                                + "\"reason\":null}")));

                TestDevice.Received received = terminal.received().poll(10, TimeUnit.SECONDS);
                assertThat(received).as("print-voucher command").isNotNull();
                assertThat(received.message().getQos()).isEqualTo(1);
                Command command = MqttJson.decode(received.message().getPayload(), Command.class);
                assertThat(command).isInstanceOf(PrintVoucher.class);
                PrintVoucher print = (PrintVoucher) command;
                assertThat(print.reference()).isEqualTo("V-BR001-20261125-000042");
                assertThat(print.pdf()).isEqualTo(PDF);
                assertThat(print.contentHash()).isEqualTo(sha256(PDF));
                assertThat(terminal.received().poll(300, TimeUnit.MILLISECONDS)).as("printed once").isNull();

                HttpResponse<byte[]> pdf = teller.getBytes("/teller/api/vouchers/V-BR001-20261125-000042");
                assertThat(pdf.statusCode()).isEqualTo(200);
                assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
                assertThat(pdf.body()).isEqualTo(PDF);
                assertThat(staged.find(token.tokenId())).as("no longer staged").isEmpty();
                assertThat(teller.json("/teller/api/current").path("form").path("decision").path("outcome")
                        .asText()).isEqualTo("EXECUTED");
            }
        }

        @Test
        void showsARiskRefusalAsTheFailedOutcomeWithItsMessageAndPrintsNothing() throws Exception {
            TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
            teller.session();
            FormToken token = FormToken.valid();
            String draftId = stagedAtChannel(token);
            String refusal = "Refused by the bank's risk checks. This customer's business is held for review.";
            channelApi.stubFor(post(EXECUTIONS).willReturn(ChannelApiAnswers.json(new Execution("ignored", draftId,
                    "FAILED", refusal, JSON.valueToTree(Map.of("riskDecision", "8f0e4c1a-0000-4000-8000-000000000001")),
                    Instant.now(), null))));
            try (TestDevice terminal = tellerTerminal(TERMINAL, TERMINAL_PASSWORD)) {
                terminal.subscribe(Topics.commands(BRANCH, TERMINAL));
                String confirmationId = scanAndAwaitView(teller, terminal, token.text()).path("form")
                        .path("confirmationId").asText();

                HttpResponse<String> answer = teller.post("/teller/api/forms/" + draftId + "/confirm",
                        Map.of("confirmationId", confirmationId));
                HttpResponse<String> again = teller.post("/teller/api/forms/" + draftId + "/confirm",
                        Map.of("confirmationId", confirmationId));

                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                JsonNode decision = JSON.readTree(answer.body());
                assertThat(decision.path("outcome").asText()).isEqualTo("FAILED");
                assertThat(decision.path("message").asText()).isEqualTo(refusal);
                assertThat(JSON.readTree(again.body())).isEqualTo(decision);
                assertThat(terminal.received().poll(300, TimeUnit.MILLISECONDS)).as("nothing to print").isNull();
                assertThat(teller.json("/teller/api/current").path("form").path("decision").path("outcome")
                        .asText()).isEqualTo("FAILED");
            }
        }

        @Test
        void showsAFormDecidedElsewhereAsAlreadyDecided() throws Exception {
            TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
            teller.session();
            FormToken token = FormToken.valid();
            String draftId = stagedAtChannel(token);
            channelApi.stubFor(post(EXECUTIONS).willReturn(problem(HubProblem.of(409, "DUPLICATE",
                    HubProblemCode.FORM_ALREADY_DECIDED, "This form was already decided: executed.")
                    .withExisting(new DecidedExecution(null, "EXECUTED", "Time deposit opened", null, "T0099",
                            Instant.parse("2026-11-25T09:30:00Z"), null)))));
            try (TestDevice terminal = tellerTerminal(TERMINAL, TERMINAL_PASSWORD)) {
                scanAndAwaitView(teller, terminal, token.text());

                HttpResponse<String> answer = teller.post("/teller/api/forms/" + draftId + "/confirm", Map.of());

                assertThat(answer.statusCode()).isEqualTo(200);
                JsonNode decision = JSON.readTree(answer.body());
                assertThat(decision.path("decidedElsewhere").asBoolean()).isTrue();
                assertThat(decision.path("outcome").asText()).isEqualTo("EXECUTED");
                assertThat(decision.path("tellerId").asText()).isEqualTo("T0099");
            }
        }

        @Test
        void rejectsOnlyWithAReason() throws Exception {
            TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
            teller.session();
            FormToken token = FormToken.valid();
            String draftId = stagedAtChannel(token);
            channelApi.stubFor(post(EXECUTIONS).willReturn(okJson(execution("ignored", draftId, "REJECTED", null))));
            try (TestDevice terminal = tellerTerminal(TERMINAL, TERMINAL_PASSWORD)) {
                scanAndAwaitView(teller, terminal, token.text());

                HttpResponse<String> blank = teller.post("/teller/api/forms/" + draftId + "/reject",
                        Map.of("reason", "   "));
                assertThat(blank.statusCode()).isEqualTo(400);
                assertThat(JSON.readTree(blank.body()).path("code").asText()).isEqualTo("REASON_REQUIRED");
                channelApi.verify(0, postRequestedFor(urlPathEqualTo(EXECUTIONS)));

                HttpResponse<String> withNul = teller.post("/teller/api/forms/" + draftId + "/reject",
                        Map.of("reason", "ID card\u0000 does not match"));
                assertThat(withNul.statusCode()).as("a control character is refused by the JSON limits")
                        .isEqualTo(400);
                channelApi.verify(0, postRequestedFor(urlPathEqualTo(EXECUTIONS)));
                assertThat(teller.json("/teller/api/audit?limit=1").path("records").get(0).path("action").asText())
                        .as("nothing was decided or stored").isNotEqualTo("REJECT");

                HttpResponse<String> rejected = teller.post("/teller/api/forms/" + draftId + "/reject",
                        Map.of("reason", "ID card does not match"));
                assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
                assertThat(JSON.readTree(rejected.body()).path("outcome").asText()).isEqualTo("REJECTED");
                channelApi.verify(1, postRequestedFor(urlPathEqualTo(EXECUTIONS))
                        .withRequestBody(equalToJson("{\"decision\":\"REJECT\",\"reason\":\"ID card does not match\"}",
                                true, true)));
                assertThat(teller.json("/teller/api/audit?limit=1").path("records").get(0).path("action").asText())
                        .isEqualTo("REJECT");
            }
        }
    }

    @Nested
    class Access {

        @Test
        void anUnauthenticatedRequestGets401() throws Exception {
            assertThat(browser(null, null).get("/teller/api/current").statusCode()).isEqualTo(401);
            assertThat(browser(TELLER, "wrong-password").get("/teller/api/current").statusCode()).isEqualTo(401);
            assertThat(browser(null, null).get("/teller/").statusCode()).isEqualTo(401);
        }

        @Test
        void aTellerCannotReadAnotherTerminalsView() throws Exception {
            TellerBrowser other = browser(OTHER_TELLER, OTHER_TELLER_PASSWORD);
            assertThat(other.get("/teller/api/terminals/" + TERMINAL + "/current").statusCode()).isEqualTo(403);
            assertThat(other.get("/teller/api/terminals/TLR00102/current").statusCode()).isEqualTo(200);
            assertThat(other.session().path("terminalId").asText()).isEqualTo("TLR00102");
        }

        @Test
        void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
            TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
            teller.session();
            assertThat(teller.xsrf()).isNotBlank();
            HttpResponse<String> answer = teller.postWithCsrf("/teller/api/forms/some-draft/confirm", Map.of(), null);
            assertThat(answer.statusCode()).isEqualTo(403);
            channelApi.verify(0, postRequestedFor(urlPathEqualTo(EXECUTIONS)));
        }

        @Test
        void aTellerLoginDoesNotOpenTheDeviceApiAndHealthStaysOpen() throws Exception {
            assertThat(browser(TELLER, TELLER_PASSWORD).get("/api/devices").statusCode()).isEqualTo(401);
            assertThat(browser("OPS01", "operator-test-pass").get("/api/devices").statusCode()).isEqualTo(200);
            assertThat(browser(null, null).get("/actuator/health").statusCode()).isEqualTo(200);
        }
    }
}
