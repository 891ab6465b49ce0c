package io.branchlink.demo.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stub speaks the credit bureau contract of docs/loans.md and makes reports up from the ID's sequence code. */
class CreditBureauStubTests {

    final CreditBureauStub stub = CreditBureauStub.start(0, "key-1");
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        stub.close();
    }

    HttpResponse<String> send(String apiKey, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/v1/reports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSequenceCodeBelow800IsACleanReport() throws Exception {
        HttpResponse<String> response = send("key-1", "{\"residentId\":\"110105199003073429\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = json.readTree(response.body());
        assertThat(report.path("reportId").asText()).matches("DEMO-\\d+");
        assertThat(report.path("delinquencies12m").asInt()).isZero();
        assertThat(report.path("historyMonths").asInt()).isEqualTo(96);
        assertThat(stub.reportsAsked()).isEqualTo(1);
    }

    @Test
    void from900APoorReportAndFrom800NoFile() throws Exception {
        HttpResponse<String> poor = send("key-1", "{\"residentId\":\"11010519900307901X\"}");
        assertThat(poor.statusCode()).isEqualTo(200);
        assertThat(json.readTree(poor.body()).path("delinquencies12m").asInt()).isEqualTo(4);

        assertThat(send("key-1", "{\"residentId\":\"110105199003078421\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void refusesAMissingOrWrongKeyAndAMalformedNumber() throws Exception {
        assertThat(send(null, "{\"residentId\":\"110105199003073429\"}").statusCode()).isEqualTo(401);
        assertThat(send("key-2", "{\"residentId\":\"110105199003073429\"}").statusCode()).isEqualTo(401);
        assertThat(send("key-1", "{\"residentId\":\"1101051990\"}").statusCode()).isEqualTo(400);
        assertThat(send("key-1", "not json").statusCode()).isEqualTo(400);
        assertThat(stub.reportsAsked()).isZero();
    }
}
