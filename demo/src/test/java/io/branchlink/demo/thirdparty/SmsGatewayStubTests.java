package io.branchlink.demo.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stub speaks the SMS gateway contract of docs/channel-api.md and keeps what it accepted per number. */
class SmsGatewayStubTests {

    final SmsGatewayStub stub = SmsGatewayStub.start(0, "key-1");
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        stub.close();
    }

    HttpResponse<String> send(String apiKey, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/v1/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void acceptsAMessageAndPutsItInTheInboxOfItsNumber() throws Exception {
        HttpResponse<String> response = send("key-1", "{\"to\":\"+8613800138001\",\"text\":\"code 123456\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).matches("\\{\"messageId\":\"stub-\\d+\"}");
        assertThat(stub.inbox("13800138001").messages()).containsExactly("code 123456");
        assertThat(stub.inbox("+8613800138001").messages()).containsExactly("code 123456");
        assertThat(stub.inbox("13800138002").messages()).isEmpty();
        assertThat(stub.messages().get(0).toString()).doesNotContain("123456");
    }

    @Test
    void refusesAMissingOrWrongApiKey() throws Exception {
        assertThat(send(null, "{\"to\":\"+8613800138001\",\"text\":\"x\"}").statusCode()).isEqualTo(401);
        assertThat(send("key-2", "{\"to\":\"+8613800138001\",\"text\":\"x\"}").statusCode()).isEqualTo(401);
        assertThat(stub.messages()).isEmpty();
    }

    @Test
    void refusesANumberNotInE164AndAnEmptyText() throws Exception {
        assertThat(send("key-1", "{\"to\":\"13800138001\",\"text\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(send("key-1", "{\"to\":\"+8613800138001\",\"text\":\"\"}").statusCode()).isEqualTo(400);
        assertThat(send("key-1", "not json").statusCode()).isEqualTo(400);
        assertThat(stub.messages()).isEmpty();
    }
}
