package io.branchlink.demo.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stub speaks the identity provider contract of docs/onboarding.md with verdicts a demo can steer. */
class IdentityCheckStubTests {

    static final String NUMBER = "11010519491231002X";

    final IdentityCheckStub stub = IdentityCheckStub.start(0, "key-1");
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        stub.close();
    }

    HttpResponse<String> send(String apiKey, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/v1/identity-checks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String check(String number, String name, String liveness) {
        return "{\"idNumber\":\"" + number + "\",\"name\":\"" + name + "\",\"livenessToken\":\"" + liveness + "\"}";
    }

    @Test
    void matchesAnyoneWithALivenessToken() throws Exception {
        HttpResponse<String> response = send("key-1", check(NUMBER, "王芳", "sdk-token"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"result\":\"MATCH\"").contains("\"checkId\":\"stub-check-1\"");
        assertThat(stub.checks()).extracting(IdentityCheckStub.Check::result).containsExactly("MATCH");
        assertThat(stub.checks().toString()).doesNotContain(NUMBER);
    }

    @Test
    void refusesAsARegisterWouldOnTheDemoRules() throws Exception {
        assertThat(send("key-1", check(NUMBER, "王芳", "fail-selfie")).body()).contains("LIVENESS_FAILED");
        assertThat(send("key-1", check(NUMBER, "Mismatch Wang", "sdk-token")).body()).contains("NAME_MISMATCH");
        assertThat(send("key-1", check("11010519491231000X", "王芳", "sdk-token")).body()).contains("NO_RECORD");
    }

    @Test
    void refusesAMissingOrWrongApiKeyAndMalformedChecks() throws Exception {
        assertThat(send(null, check(NUMBER, "王芳", "t")).statusCode()).isEqualTo(401);
        assertThat(send("key-2", check(NUMBER, "王芳", "t")).statusCode()).isEqualTo(401);
        assertThat(send("key-1", check("123", "王芳", "t")).statusCode()).isEqualTo(400);
        assertThat(send("key-1", "not json").statusCode()).isEqualTo(400);
        assertThat(stub.checks()).isEmpty();
    }
}
