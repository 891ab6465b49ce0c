package io.branchlink.hub.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.hub.device.TestDevice;
import io.branchlink.hub.mqtt.MqttClients;
import io.branchlink.hub.support.HubIntegrationTest;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.mqtt.CashUnit;
import io.branchlink.protocol.mqtt.CashUnitsChanged;
import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.DeviceFaulted;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.PutOutOfService;
import io.branchlink.protocol.mqtt.ResetDevice;
import io.branchlink.protocol.mqtt.SetCashCounts;
import io.branchlink.protocol.mqtt.Topics;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The fleet dashboard's API over real HTTP with devices on the real embedded broker: faults into the history,
 * commands to the device's topic, the forecast from cash events, the live stream, the login, and the Grafana
 * dashboard's queries against what the hub exports.
 */
class FleetIntegrationTests extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String OPERATOR = "OPS01";
    private static final String OPERATOR_PASSWORD = "operator-test-pass";
    private static final Money HUNDRED = Money.ofMinor(10_000, "CNY");
    private static final Money FIFTY = Money.ofMinor(5_000, "CNY");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MqttClients mqtt;

    @Autowired
    TestRestTemplate rest;

    @LocalServerPort
    int port;

    private TestRestTemplate operator() {
        return rest.withBasicAuth(OPERATOR, OPERATOR_PASSWORD);
    }

    private JsonNode device(String deviceId) {
        return operator().getForObject("/fleet/api/devices/{id}", JsonNode.class, deviceId);
    }

    /** A POST as the operator, with the session's CSRF cookie echoed as the page does. */
    private ResponseEntity<JsonNode> post(String path, Object body, Object... uriVariables) {
        ResponseEntity<String> session = operator().getForEntity("/fleet/api/session", String.class);
        List<String> cookies = session.getHeaders().get(HttpHeaders.SET_COOKIE);
        String token = cookies.stream().filter(cookie -> cookie.startsWith("XSRF-TOKEN="))
                .map(cookie -> cookie.substring("XSRF-TOKEN=".length(), cookie.indexOf(';')))
                .findFirst().orElseThrow();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.add("X-XSRF-TOKEN", token);
        headers.add(HttpHeaders.COOKIE, String.join("; ", cookies.stream()
                .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).toList()));
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class, uriVariables);
    }

    private static DeviceState itm(DeviceState.Status status, int hundreds, int fifties, Instant at) {
        return DeviceState.of(DeviceState.DeviceKind.ITM, status, List.of(new CashUnit("CST1", HUNDRED, hundreds),
                new CashUnit("CST2", FIFTY, fifties)), at);
    }

    @Nested
    class Faults {

        @Test
        void aFaultOverMqttIsCurrentInTheRegistryAndKeptInTheHistoryUntilTheDeviceIsBackInService()
                throws Exception {
            Instant start = Instant.now();
            try (TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, "TEST-ITM-10", "secret-10")) {
                device.online();
                device.state(itm(DeviceState.Status.IN_SERVICE, 1200, 800, start));
                device.event(DeviceFaulted.of("CASH_DISPENSER", "E-JAM-01", "Notes jammed in the transport",
                        start.plusSeconds(1)));

                await().atMost(WAIT).untilAsserted(() -> {
                    JsonNode view = device("TEST-ITM-10");
                    assertThat(view.get("currentFaults")).hasSize(1);
                    assertThat(view.at("/currentFaults/0/faultCode").asText()).isEqualTo("E-JAM-01");
                    assertThat(view.at("/currentFaults/0/component").asText()).isEqualTo("CASH_DISPENSER");
                });
                device.event(DeviceFaulted.of("CASH_DISPENSER", "E-JAM-01", "Notes jammed in the transport",
                        start.plusSeconds(1)));
                device.state(itm(DeviceState.Status.IN_SERVICE, 1200, 800, start.plusSeconds(5)));

                await().atMost(WAIT).untilAsserted(() -> assertThat(device("TEST-ITM-10").get("currentFaults"))
                        .isEmpty());
                JsonNode history = operator().getForObject("/fleet/api/devices/{id}/faults", JsonNode.class,
                        "TEST-ITM-10");
                assertThat(history).as("a redelivered fault is kept once").hasSize(1);
                assertThat(history.at("/0/faultCode").asText()).isEqualTo("E-JAM-01");
                assertThat(Instant.parse(history.at("/0/clearedAt").asText())).isEqualTo(start.plusSeconds(5));
                assertThat(device("TEST-ITM-10").get("faultsInHistory").asInt()).isEqualTo(1);
            }
        }
    }

    @Nested
    class Commands {

        @Test
        void commandsFromTheDashboardReachTheDevicesCommandTopicAndAreAudited() throws Exception {
            try (TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, "TEST-ITM-11", "secret-11")) {
                device.subscribe(Topics.commands(BRANCH, "TEST-ITM-11"));
                device.online();
                device.state(itm(DeviceState.Status.IN_SERVICE, 1000, 500, Instant.now()));
                await().atMost(WAIT).until(() -> operator().getForEntity("/fleet/api/devices/{id}", String.class,
                        "TEST-ITM-11").getStatusCode().is2xxSuccessful());

                ResponseEntity<JsonNode> out = post("/fleet/api/devices/{id}/out-of-service",
                        Map.of("reason", "Dispenser jam"), "TEST-ITM-11");
                assertThat(out.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
                Command first = received(device);
                assertThat(first).isInstanceOfSatisfying(PutOutOfService.class, command -> {
                    assertThat(command.reason()).isEqualTo("Dispenser jam");
                    assertThat(command.commandId()).isEqualTo(out.getBody().get("commandId").asText());
                });

                assertThat(post("/fleet/api/devices/{id}/reset", Map.of(), "TEST-ITM-11").getStatusCode())
                        .isEqualTo(HttpStatus.ACCEPTED);
                assertThat(received(device)).isInstanceOf(ResetDevice.class);

                ResponseEntity<JsonNode> reconciled = post("/fleet/api/devices/{id}/reconcile",
                        Map.of("counts", List.of(Map.of("unitId", "CST1", "count", 990))), "TEST-ITM-11");
                assertThat(reconciled.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
                assertThat(reconciled.getBody().at("/reconciliation/units/0/difference").asInt()).isEqualTo(-10);
                assertThat(received(device)).isInstanceOfSatisfying(SetCashCounts.class, command ->
                        assertThat(command.counts()).containsExactly(new SetCashCounts.Count("CST1", 990)));

                JsonNode audit = operator().getForObject("/fleet/api/audit?limit=3", JsonNode.class);
                assertThat(audit).hasSize(3);
                assertThat(audit.findValuesAsText("command"))
                        .containsExactly("set-cash-counts", "reset-device", "put-out-of-service");
                assertThat(audit.findValuesAsText("operatorId")).containsOnly(OPERATOR);
                assertThat(audit.findValuesAsText("deviceId")).containsOnly("TEST-ITM-11");
                assertThat(audit.at("/0/detail").asText()).isEqualTo("CST1 1000->990 (-10)");
                assertThat(audit.at("/2/detail").asText()).isEqualTo("Dispenser jam");
            }
        }

        @Test
        void refusesAReconciliationOfACassetteTheDeviceDoesNotHave() throws Exception {
            try (TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, "TEST-ITM-11", "secret-11")) {
                device.state(itm(DeviceState.Status.IN_SERVICE, 1000, 500, Instant.now()));
                await().atMost(WAIT).until(() -> operator().getForEntity("/fleet/api/devices/{id}", String.class,
                        "TEST-ITM-11").getStatusCode().is2xxSuccessful());

                ResponseEntity<JsonNode> refused = post("/fleet/api/devices/{id}/reconcile",
                        Map.of("counts", List.of(Map.of("unitId", "CST9", "count", 10))), "TEST-ITM-11");

                assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(refused.getBody().get("type").asText()).endsWith("/unknown-cassette");
                assertThat(post("/fleet/api/devices/{id}/reset", Map.of(), "NO-SUCH-ITM").getStatusCode())
                        .isEqualTo(HttpStatus.NOT_FOUND);
            }
        }

        private Command received(TestDevice device) throws InterruptedException {
            TestDevice.Received received = device.received().poll(10, TimeUnit.SECONDS);
            assertThat(received).isNotNull();
            assertThat(received.topic()).isEqualTo(Topics.commands(BRANCH, "TEST-ITM-11"));
            return MqttJson.decode(received.message().getPayload(), Command.class);
        }
    }

    @Nested
    class Forecast {

        @Test
        void forecastsEachCassetteFromTheCashEventsOfTheWindow() throws Exception {
            Instant now = Instant.now();
            try (TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, "TEST-ITM-14", "secret-14")) {
                device.state(itm(DeviceState.Status.IN_SERVICE, 700, 150, now.minus(Duration.ofMinutes(60))));
                device.event(CashUnitsChanged.of(List.of(new CashUnit("CST1", HUNDRED, 650),
                        new CashUnit("CST2", FIFTY, 150)), now.minus(Duration.ofMinutes(40))));
                device.event(CashUnitsChanged.of(List.of(new CashUnit("CST1", HUNDRED, 600),
                        new CashUnit("CST2", FIFTY, 150)), now.minus(Duration.ofMinutes(20))));
                device.event(CashUnitsChanged.of(List.of(new CashUnit("CST1", HUNDRED, 600),
                        new CashUnit("CST2", FIFTY, 150)), now));

                await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
                    JsonNode cassettes = device("TEST-ITM-14").get("cassettes");
                    JsonNode hundreds = cassettes.get(0);
                    assertThat(hundreds.get("count").asInt()).isEqualTo(600);
                    // 100 notes in the hour since the first sample: 600 left last about 6 hours
                    assertThat(hundreds.get("notesPerHour").asDouble()).isBetween(95.0, 101.0);
                    assertThat(Duration.between(now, Instant.parse(hundreds.get("emptyAt").asText())))
                            .isBetween(Duration.ofMinutes(355), Duration.ofMinutes(380));
                    assertThat(hundreds.get("level").asText()).isEqualTo("OK");
                    JsonNode fifties = cassettes.get(1);
                    assertThat(fifties.get("level").asText()).isEqualTo("LOW");
                    assertThat(fifties.path("emptyAt").textValue()).as("idle: not running out at the current rate")
                            .isNull();
                    assertThat(fifties.get("low").asInt()).isEqualTo(200);
                });
            }
        }
    }

    @Nested
    class Stream {

        @Test
        void theStreamDeliversADevicesChange() throws Exception {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fleet/api/stream"))
                    .header("Authorization", basic(OPERATOR, OPERATOR_PASSWORD))
                    .header("Accept", "text/event-stream")
                    .timeout(Duration.ofSeconds(10))
                    .GET().build();
            HttpResponse<java.util.stream.Stream<String>> response = client.send(request,
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> response.body().forEach(lines::add), "fleet-stream-test");
            reader.setDaemon(true);
            reader.start();
            try (TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, "TEST-ITM-13", "secret-13")) {
                device.event(DeviceFaulted.of("QR_SCANNER", "E-CAM-77", null, Instant.now()));

                List<String> seen = new ArrayList<>();
                await().atMost(WAIT).until(() -> {
                    lines.drainTo(seen);
                    return seen.stream().anyMatch(line -> line.startsWith("data:") && line.contains("TEST-ITM-13")
                            && line.contains("E-CAM-77"));
                });
                assertThat(seen).contains("event:" + FleetStreams.OPEN_EVENT, "event:" + FleetStreams.DEVICE_EVENT);
            } finally {
                response.body().close();
            }
        }

        private static String basic(String user, String password) {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    @Nested
    class Login {

        @Test
        void withoutALoginEverythingIs401() {
            assertThat(rest.getForEntity("/fleet/api/devices", String.class).getStatusCode().value()).isEqualTo(401);
            assertThat(rest.getForEntity("/fleet/", String.class).getStatusCode().value()).isEqualTo(401);
            assertThat(rest.postForEntity("/fleet/api/devices/{id}/out-of-service", null, String.class,
                    "TEST-ITM-11").getStatusCode().value()).isEqualTo(401);
        }

        @Test
        void aTellerCannotReadOrCommand() {
            TestRestTemplate teller = rest.withBasicAuth("T0042", "teller-test-42");
            assertThat(teller.getForEntity("/fleet/api/devices", String.class).getStatusCode().value())
                    .isEqualTo(401);
            assertThat(teller.postForEntity("/fleet/api/devices/{id}/out-of-service", null, String.class,
                    "TEST-ITM-11").getStatusCode().value()).isEqualTo(401);
        }

        @Test
        void aSignedInOperatorsPostWithoutTheCsrfTokenIsForbidden() {
            ResponseEntity<String> session = operator().getForEntity("/fleet/api/session", String.class);
            HttpHeaders headers = new HttpHeaders();
            headers.add(HttpHeaders.COOKIE, String.join("; ", session.getHeaders().get(HttpHeaders.SET_COOKIE)
                    .stream().map(cookie -> cookie.substring(0, cookie.indexOf(';')))
                    .filter(cookie -> cookie.startsWith("JSESSIONID=")).toList()));
            assertThat(headers.get(HttpHeaders.COOKIE)).singleElement().asString().startsWith("JSESSIONID=");

            assertThat(rest.exchange("/fleet/api/devices/{id}/out-of-service", HttpMethod.POST,
                    new HttpEntity<>(null, headers), String.class, "TEST-ITM-11").getStatusCode().value())
                    .isEqualTo(403);
        }

        @Test
        void anOperatorGetsThePage() {
            ResponseEntity<String> page = operator().getForEntity("/fleet/", String.class);
            assertThat(page.getStatusCode().value()).isEqualTo(200);
            assertThat(page.getBody()).contains("Fleet dashboard").contains("fleet.js");
        }
    }

    @Nested
    class Grafana {

        private static final Pattern METRIC = Pattern.compile("\\bbranchlink_[a-z0-9_]+");

        @Test
        void everyMetricTheGrafanaDashboardQueriesIsOneTheHubExports() throws Exception {
            try (TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, "TEST-ITM-12", "secret-12")) {
                device.state(itm(DeviceState.Status.IN_SERVICE, 700, 150, Instant.now()));
                await().atMost(WAIT).untilAsserted(() -> assertThat(rest.getForObject("/actuator/prometheus",
                        String.class)).contains("branchlink_hub_cash_notes{"));
            }
            JsonNode dashboard;
            try (InputStream in = Files.newInputStream(Path.of("..", "docs", "grafana", "branch-fleet.json"))) {
                dashboard = JSON.readTree(in);
            }
            assertThat(dashboard.at("/templating/list").findValuesAsText("type")).contains("datasource");
            Set<String> queried = new HashSet<>();
            for (JsonNode expression : dashboard.findValues("expr")) {
                Matcher metric = METRIC.matcher(expression.asText());
                while (metric.find()) {
                    queried.add(metric.group());
                }
            }
            for (JsonNode query : dashboard.at("/templating/list").findValues("definition")) {
                Matcher metric = METRIC.matcher(query.asText());
                while (metric.find()) {
                    queried.add(metric.group());
                }
            }
            assertThat(queried).contains("branchlink_hub_cash_notes", "branchlink_hub_device_faults_total",
                    "branchlink_hub_devices", "branchlink_hub_device_commands_total");

            String scrape = rest.getForObject("/actuator/prometheus", String.class);
            Set<String> exported = new HashSet<>();
            scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(exported::add);
            assertThat(exported).containsAll(queried);
            assertThat(dashboard.findValues("datasource")).allSatisfy(datasource ->
                    assertThat(datasource.get("uid").asText()).isEqualTo("${DS_PROMETHEUS}"));
        }
    }
}
