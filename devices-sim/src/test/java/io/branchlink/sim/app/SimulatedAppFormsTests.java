package io.branchlink.sim.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.prefill.catalog.FormDefinition;
import io.branchlink.protocol.qr.QrImages;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app's form calls against a JDK HTTP server answering as docs/counter-business.md specifies: request bodies,
 * the mapping of drafts, outcomes and vouchers, binary downloads and the 422 field errors.
 */
class SimulatedAppFormsTests {

    static final String DRAFT = """
            {"id": "d1", "type": "TIME_DEPOSIT_OPENING", "status": "EXECUTED",
             "values": {"amount": "20000.00", "currency": "CNY"}, "branchId": "BR001", "token": "BL:secret-token",
             "tokenExpiresAt": "2026-11-25T16:00:00Z", "createdAt": "2026-11-25T08:00:00Z",
             "updatedAt": "2026-11-25T08:05:00Z", "submittedAt": "2026-11-25T08:01:00Z",
             "outcome": {"outcome": "EXECUTED", "message": "Time deposit opened",
                         "result": {"timeDepositAccount": "6013000000000123"}, "tellerId": "T0042",
                         "decidedAt": "2026-11-25T08:05:00Z"},
             "voucherReference": "V-BR001-20261125-000042"}
            """;
    static final byte[] PDF = "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    final ObjectMapper json = new ObjectMapper();
    final Map<String, String> requests = new ConcurrentHashMap<>();
    ChannelApiStub server;
    SimulatedApp app;

    @BeforeEach
    void start() throws IOException {
        server = ChannelApiStub.start("/api/v1/", this::answer);
        app = server.app("phone-1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        requests.put(key, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        switch (key) {
            case "POST /api/v1/forms/drafts" -> reply(exchange, 201, "application/json", DRAFT);
            case "GET /api/v1/forms/drafts" -> reply(exchange, 200, "application/json", "[" + DRAFT + "]");
            case "GET /api/v1/forms/catalog" -> reply(exchange, 200, "application/json",
                    json.writeValueAsString(FormCatalog.load().all()));
            case "POST /api/v1/forms/drafts/d1/submit" -> reply(exchange, 422, "application/problem+json", """
                    {"type": "https://branchlink.io/errors/form-invalid", "status": 422, "code": "FORM_INVALID",
                     "errors": [{"field": "idNumber", "code": "ID_CHECK_DIGIT", "message": "has a wrong check digit",
                                 "messageZh": "校验码错误"},
                                {"field": "*", "code": "RULE_DIFFERENT", "message": "m", "messageZh": "m"}]}
                    """);
            case "GET /api/v1/forms/drafts/d1/qr.png" -> reply(exchange, 200, "image/png",
                    QrImages.toPng("BL:form-token", 300));
            case "GET /api/v1/vouchers" -> reply(exchange, 200, "application/json", """
                    [{"reference": "V-BR001-20261125-000042", "draftId": "d1", "type": "TIME_DEPOSIT_OPENING",
                      "branchId": "BR001", "tellerId": "T0042", "contentHash": "%s", "sizeBytes": 18233,
                      "createdAt": "2026-11-25T08:05:00Z"}]""".formatted("ab".repeat(32)));
            case "GET /api/v1/vouchers/V-BR001-20261125-000042" -> reply(exchange, 200, "application/pdf", PDF);
            default -> reply(exchange, 404, "application/problem+json",
                    "{\"status\": 404, \"code\": \"NOT_FOUND\", \"detail\": \"no such thing\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        ChannelApiStub.reply(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        ChannelApiStub.reply(exchange, status, type, body);
    }

    @Test
    void createsADraftWithTheTypeAndValuesAndReadsItBack() throws IOException {
        SimulatedApp.Draft draft = app.createDraft("TIME_DEPOSIT_OPENING", Map.of("amount", "20000.00"));

        JsonNode sent = json.readTree(requests.get("POST /api/v1/forms/drafts"));
        assertThat(sent.path("type").asText()).isEqualTo("TIME_DEPOSIT_OPENING");
        assertThat(sent.path("values").path("amount").asText()).isEqualTo("20000.00");
        assertThat(draft.id()).isEqualTo("d1");
        assertThat(draft.status()).isEqualTo("EXECUTED");
        assertThat(draft.values()).containsEntry("amount", "20000.00").containsEntry("currency", "CNY");
        assertThat(draft.token()).isEqualTo("BL:secret-token");
        assertThat(draft.tokenExpiresAt()).isEqualTo(Instant.parse("2026-11-25T16:00:00Z"));
        assertThat(draft.outcome().result()).containsEntry("timeDepositAccount", "6013000000000123");
        assertThat(draft.outcome().tellerId()).isEqualTo("T0042");
        assertThat(draft.voucherReference()).isEqualTo("V-BR001-20261125-000042");
        assertThat(draft.toString()).doesNotContain("secret-token", "20000.00");
    }

    @Test
    void listsDraftsAndVouchersAndDownloadsThePdf() {
        assertThat(app.drafts()).singleElement().satisfies(d -> assertThat(d.type())
                .isEqualTo("TIME_DEPOSIT_OPENING"));
        assertThat(app.vouchers()).singleElement().satisfies(v -> {
            assertThat(v.reference()).isEqualTo("V-BR001-20261125-000042");
            assertThat(v.sizeBytes()).isEqualTo(18233);
            assertThat(v.contentHash()).hasSize(64);
            assertThat(v.createdAt()).isEqualTo(Instant.parse("2026-11-25T08:05:00Z"));
        });
        assertThat(app.voucherPdf("V-BR001-20261125-000042")).isEqualTo(PDF);
    }

    @Test
    void readsTheFormQrCodeBackFromThePng() {
        assertThat(app.formQrShownOnScreen("d1")).isEqualTo("BL:form-token");
    }

    @Test
    void readsTheCatalogIntoFormDefinitions() {
        List<FormDefinition> catalog = app.catalog();
        assertThat(catalog).extracting(FormDefinition::type).containsExactlyElementsOf(FormCatalog.load().types());
        assertThat(catalog).isEqualTo(FormCatalog.load().all());
    }

    @Test
    void turnsA422IntoPerFieldErrors() throws IOException {
        assertThatThrownBy(() -> app.submit("d1", "BR001")).isInstanceOfSatisfying(FormInvalidException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.irc()).isEqualTo("FORM_INVALID");
                    assertThat(e.codes()).containsEntry("idNumber", "ID_CHECK_DIGIT")
                            .containsEntry("*", "RULE_DIFFERENT");
                    assertThat(e.errors().get(0).messageZh()).isEqualTo("校验码错误");
                });
        assertThat(json.readTree(requests.get("POST /api/v1/forms/drafts/d1/submit")).path("branchId").asText())
                .isEqualTo("BR001");
    }

    @Test
    void reportsAMissingVoucherWithItsStatusAndCode() {
        assertThatThrownBy(() -> app.voucherPdf("V-OTHER")).isInstanceOfSatisfying(AppException.class, e -> {
            assertThat(e).isNotInstanceOf(FormInvalidException.class);
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.irc()).isEqualTo("NOT_FOUND");
        });
    }
}
