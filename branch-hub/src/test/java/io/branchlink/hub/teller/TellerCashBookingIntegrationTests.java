package io.branchlink.hub.teller;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.hub.device.TestDevice;
import io.branchlink.hub.support.ChannelApiAnswers;
import io.branchlink.hub.support.Tokens;
import io.branchlink.protocol.hubapi.CashBookingAtCounter;
import io.branchlink.protocol.hubapi.CashOrder;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.PrintVoucher;
import io.branchlink.protocol.mqtt.Topics;
import io.branchlink.protocol.qr.TokenType;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A large-cash booking at the teller console over the real broker, Hazelcast and HTTP stack, with WireMock as
 * channel-api: the terminal scans the booking's code, the console shows the booking with its ID-check fields, one
 * click (however often) pays it out once through channel-api and prints the voucher; a refusal says why.
 */
class TellerCashBookingIntegrationTests extends TellerTestSupport {

    private static final String REFERENCE = "V-BR001-20261208-000007";

    @Test
    void theScanShowsTheBookingAndOneClickPaysItOutOnceAndPrintsTheVoucher() throws Exception {
        TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
        teller.session();
        String bookingId = UUID.randomUUID().toString();
        String code = code();
        channelApi.stubFor(post(HubApiPaths.CASH_BOOKING_SCANS).withRequestBody(equalToJson("{\"code\":\"" + code
                + "\"}")).willReturn(ChannelApiAnswers.json(booking(bookingId, "READY", null, null))));
        channelApi.stubFor(post(HubApiPaths.CASH_BOOKING_PAYOUTS).willReturn(ChannelApiAnswers.json(
                booking(bookingId, "PAID", null, REFERENCE))));
        channelApi.stubFor(get(HubApiPaths.VOUCHER.replace("{reference}", REFERENCE))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withHeader("Content-Type", "application/pdf").withBody(PDF)));
        try (TestDevice terminal = tellerTerminal(TERMINAL, TERMINAL_PASSWORD)) {
            terminal.subscribe(Topics.commands(BRANCH, TERMINAL));
            JsonNode view = scanAndAwaitView(teller, terminal, code);

            assertThat(view.path("state").asText()).isEqualTo("FORM");
            JsonNode form = view.path("form");
            assertThat(form.path("type").asText()).isEqualTo("LARGE_CASH_PAYOUT");
            assertThat(form.path("draftId").asText()).isEqualTo(bookingId);
            assertThat(form.path("tokenId").isNull() || form.path("tokenId").isMissingNode()).isTrue();
            assertThat(form.path("customer").path("name").asText()).isEqualTo("Alice Chen");
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            form.path("fields").forEach(field -> fields.put(field.path("name").asText(), field));
            assertThat(fields.get("customerName").path("idCheck").asBoolean()).isTrue();
            assertThat(fields.get("idNumber").path("value").asText()).isEqualTo("123X");
            assertThat(fields.get("idNumber").path("idCheck").asBoolean()).isTrue();
            assertThat(fields.get("amount").path("value").asText()).isEqualTo("60000.00 CNY");
            assertThat(fields.get("amount").path("idCheck").asBoolean()).isFalse();
            String confirmationId = form.path("confirmationId").asText();

            HttpResponse<String> paid = teller.post("/teller/api/forms/" + bookingId + "/confirm",
                    Map.of("confirmationId", confirmationId));
            HttpResponse<String> again = teller.post("/teller/api/forms/" + bookingId + "/confirm",
                    Map.of("confirmationId", confirmationId));

            assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
            assertThat(JSON.readTree(again.body())).isEqualTo(JSON.readTree(paid.body()));
            JsonNode decision = JSON.readTree(paid.body());
            assertThat(decision.path("outcome").asText()).isEqualTo("EXECUTED");
            assertThat(decision.path("voucherReference").asText()).isEqualTo(REFERENCE);
            channelApi.verify(1, postRequestedFor(urlPathEqualTo(HubApiPaths.CASH_BOOKING_PAYOUTS)));
            channelApi.verify(postRequestedFor(urlPathEqualTo(HubApiPaths.CASH_BOOKING_PAYOUTS)).withRequestBody(
                    equalToJson("{\"bookingId\":\"" + bookingId + "\",\"confirmationId\":\"" + confirmationId
                            + "\",\"tellerId\":\"T0042\",\"terminalId\":\"TLR00101\"}")));

            TestDevice.Received received = terminal.received().poll(10, TimeUnit.SECONDS);
            assertThat(received).as("print-voucher command").isNotNull();
            Command command = MqttJson.decode(received.message().getPayload(), Command.class);
            assertThat(command).isInstanceOf(PrintVoucher.class);
            assertThat(((PrintVoucher) command).reference()).isEqualTo(REFERENCE);
            assertThat(((PrintVoucher) command).pdf()).isEqualTo(PDF);
            assertThat(terminal.received().poll(300, TimeUnit.MILLISECONDS)).as("printed once").isNull();
            assertThat(teller.json("/teller/api/current").path("form").path("decision").path("outcome").asText())
                    .isEqualTo("EXECUTED");
        }
    }

    @Test
    void aBookingForAnotherDayIsRefusedWithItsReasonAndNothingIsPaid() throws Exception {
        TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
        String code = code();
        channelApi.stubFor(post(HubApiPaths.CASH_BOOKING_SCANS).withRequestBody(equalToJson("{\"code\":\"" + code
                + "\"}")).willReturn(ChannelApiAnswers.json(booking(UUID.randomUUID().toString(), "REFUSED",
                "WRONG_DAY", null))));
        try (TestDevice terminal = tellerTerminal(TERMINAL, TERMINAL_PASSWORD)) {
            JsonNode view = scanAndAwaitView(teller, terminal, code);

            assertThat(view.path("state").asText()).isEqualTo("REFUSED");
            assertThat(view.path("code").asText()).isEqualTo("BOOKING_WRONG_DAY");
            assertThat(view.path("message").path("en").asText()).contains("2026-12-09");
            assertThat(view.path("message").path("zh").asText()).isEqualTo("此预约不是今天。");
            channelApi.verify(0, postRequestedFor(urlPathEqualTo(HubApiPaths.CASH_BOOKING_PAYOUTS)));
        }
    }

    @Test
    void theConsoleListsTheBranchsCashOrdersForTheComingWeek() throws Exception {
        TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        channelApi.stubFor(get(urlPathEqualTo(HubApiPaths.CASH_ORDERS)).willReturn(ChannelApiAnswers.json(List.of(
                new CashOrder(BRANCH, today.plusDays(1), "CNY100", "CNY", 2, new BigDecimal("110000.00"), 0,
                        BigDecimal.ZERO.setScale(2))))));

        JsonNode orders = teller.json("/teller/api/cash-orders?days=7");

        assertThat(orders.path("orders")).hasSize(1);
        assertThat(orders.path("orders").get(0).path("openAmount").decimalValue()).isEqualByComparingTo("110000");
        assertThat(orders.path("orders").get(0).path("openBookings").asInt()).isEqualTo(2);
        channelApi.verify(getRequestedFor(urlPathEqualTo(HubApiPaths.CASH_ORDERS))
                .withQueryParam("from", com.github.tomakehurst.wiremock.client.WireMock.equalTo(today.toString()))
                .withQueryParam("to", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        today.plusDays(7).toString())));
        assertThat(browser(null, null).get("/teller/api/cash-orders").statusCode()).isEqualTo(401);
    }

    private static String code() {
        return Tokens.sign(TokenType.CASH_BOOKING, Money.parse("60000", "CNY"), BRANCH,
                Instant.now().plus(Duration.ofMinutes(5)), TOKEN_KEYS.getPrivate());
    }

    private static CashBookingAtCounter booking(String id, String outcome, String refusal, String reference) {
        return new CashBookingAtCounter(outcome, refusal, "WRONG_DAY".equals(refusal)
                ? "This booking is for 2026-12-09." : "Check the customer's ID card, then pay out.", id, BRANCH,
                "Alice Chen", "5678", "123X", "************1234", "60000.00", "CNY", LocalDate.parse("2026-12-09"),
                "CNY100", reference, reference == null ? null : sha256(PDF),
                reference == null ? null : Instant.now());
    }
}
