package io.branchlink.channel.seal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.channel.seal.BankSeal;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** {@code POST /api/v1/seals/verifications} over real HTTP: the bank's seal, a changed byte, and what is no PDF. */
class SealIntegrationTests extends ChannelIntegrationTest {

    private static final String PATH = "/api/v1/seals/verifications";

    @Autowired
    BankSeal seal;

    @Autowired
    ObjectMapper json;

    @Autowired
    MeterRegistry meters;

    String session;
    byte[] sealed;

    @BeforeEach
    void customerAndDocument() {
        TestBank.Customer customer = bank.customer(1_000_00);
        session = login(customer);
        Map<String, String> consent = new LinkedHashMap<>();
        consent.put("kind", "FORM_SUBMISSION");
        consent.put("formId", "form-1");
        consent.put("confirmationId", "confirmation-1");
        sealed = seal.seal(SealKeyRingTests.document(), "Voucher V-1", "Shanghai", consent, clock.instant()).pdf();
    }

    @Nested
    class Verdicts {

        @Test
        void theBanksSealIsValidWithItsKeyTimeAndConsent() throws IOException {
            Answer answer = post(sealed, MediaType.APPLICATION_PDF_VALUE, session);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("valid").asBoolean()).isTrue();
            assertThat(answer.body().path("verdict").asText()).isEqualTo("SEALED");
            assertThat(answer.body().path("keyId").asText()).isEqualTo("bank-seal");
            assertThat(answer.body().path("keyRetired").asBoolean()).isFalse();
            assertThat(answer.body().path("changedAfterSealing").asBoolean()).isFalse();
            assertThat(answer.body().path("signedAt").asText()).isNotBlank();
            assertThat(answer.body().path("consent").path("confirmationId").asText()).isEqualTo("confirmation-1");
            assertThat(answer.body().path("consent").path("kind").asText()).isEqualTo("FORM_SUBMISSION");
        }

        @Test
        void aChangedByteIsAChangedDocument() throws IOException {
            byte[] marker = "confirmation-1".getBytes(StandardCharsets.US_ASCII);
            byte[] tampered = sealed.clone();
            int at = indexOf(tampered, marker);
            tampered[at + marker.length - 1] = '2';
            double before = count("branchlink.seal.verifications", "verdict", "CHANGED");

            Answer answer = post(tampered, MediaType.APPLICATION_PDF_VALUE, session);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("valid").asBoolean()).isFalse();
            assertThat(answer.body().path("verdict").asText()).isEqualTo("CHANGED");
            assertThat(answer.body().path("changedAfterSealing").asBoolean()).isTrue();
            // what a changed document says is not the bank's word: no consent is shown
            assertThat(answer.body().path("consent").isEmpty()).isTrue();
            assertThat(count("branchlink.seal.verifications", "verdict", "CHANGED")).isEqualTo(before + 1);
        }

        @Test
        void bytesAddedAfterTheSealAreAChangedDocument() throws IOException {
            byte[] appended = Arrays.copyOf(sealed, sealed.length + 8);
            System.arraycopy("\n%more\n".getBytes(StandardCharsets.US_ASCII), 0, appended, sealed.length, 7);

            Answer answer = post(appended, MediaType.APPLICATION_PDF_VALUE, session);

            assertThat(answer.body().path("verdict").asText()).isEqualTo("CHANGED");
        }

        @Test
        void anUnsealedPdfIsNotSealed() throws IOException {
            Answer answer = post(SealKeyRingTests.document(), MediaType.APPLICATION_PDF_VALUE, session);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("verdict").asText()).isEqualTo("NOT_SEALED");
            assertThat(answer.body().path("valid").asBoolean()).isFalse();
        }
    }

    @Test
    void theEndpointIsDocumentedWithAPdfBody() throws IOException {
        JsonNode docs = json.readTree(RestClient.create("http://localhost:" + port).get().uri("/v3/api-docs")
                .retrieve().body(byte[].class));

        JsonNode post = docs.path("paths").path(PATH).path("post");
        assertThat(post.path("summary").asText()).contains("sealed");
        assertThat(post.path("requestBody").path("content").has(MediaType.APPLICATION_PDF_VALUE)).isTrue();
    }

    @Nested
    class Refusals {

        @Test
        void whatIsNotAPdfIsAProblem() throws IOException {
            double before = count("branchlink.seal.refusals", "code", "NOT_A_PDF");

            problem(post("hello".getBytes(StandardCharsets.US_ASCII), MediaType.APPLICATION_PDF_VALUE, session),
                    "NOT_A_PDF");
            problem(post(sealed, MediaType.TEXT_PLAIN_VALUE, session), "NOT_A_PDF");
            problem(post(sealed, MediaType.APPLICATION_OCTET_STREAM_VALUE, session), "NOT_A_PDF");

            assertThat(count("branchlink.seal.refusals", "code", "NOT_A_PDF")).isEqualTo(before + 3);
        }

        @Test
        void aBrokenPdfIsUnreadable() throws IOException {
            problem(post("%PDF-1.7\nnot really\n".getBytes(StandardCharsets.US_ASCII),
                    MediaType.APPLICATION_PDF_VALUE, session), "PDF_UNREADABLE");
        }

        @Test
        void aTruncatedSealedPdfIsNeverValidNorShowsItsConsent() throws IOException {
            // PDFBox's lenient parser still reads the first revision's objects: an answer, not a problem
            for (int length : new int[] {400, sealed.length / 2, sealed.length - 1}) {
                Answer answer = post(Arrays.copyOf(sealed, length), MediaType.APPLICATION_PDF_VALUE, session);
                if (answer.status() == 400) {
                    assertThat(answer.body().path("code").asText()).isEqualTo("PDF_UNREADABLE");
                } else {
                    assertThat(answer.status()).isEqualTo(200);
                    assertThat(answer.body().path("valid").asBoolean()).isFalse();
                    assertThat(answer.body().path("verdict").asText()).isIn("NOT_SEALED", "CHANGED");
                    assertThat(answer.body().path("consent").isEmpty()).isTrue();
                }
            }
        }

        @Test
        void anEmptyOrTooLargeBodyIsAProblem() throws IOException {
            problem(post(new byte[0], MediaType.APPLICATION_PDF_VALUE, session), "EMPTY_DOCUMENT");
            byte[] large = Arrays.copyOf(sealed, 4 * 1024 * 1024 + 1);
            problem(post(large, MediaType.APPLICATION_PDF_VALUE, session), "DOCUMENT_TOO_LARGE");
        }

        @Test
        void onlyALoggedInCustomerAsks() throws IOException {
            assertThat(post(sealed, MediaType.APPLICATION_PDF_VALUE, null).status()).isEqualTo(401);
        }

        private void problem(Answer answer, String code) {
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
            assertThat(answer.type()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.body().path("irc").asText()).isEqualTo("FORMAT_ERROR");
            assertThat(answer.body().path("code").asText()).isEqualTo(code);
            assertThat(answer.body().path("detail").asText()).isNotBlank();
        }
    }

    private double count(String name, String tag, String value) {
        var counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private Answer post(byte[] body, String contentType, String authorization) throws IOException {
        RestClient client = RestClient.create("http://localhost:" + port);
        return client.post().uri(PATH)
                .headers(headers -> {
                    headers.set(HttpHeaders.CONTENT_TYPE, contentType);
                    if (authorization != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .body(body)
                .exchange((request, response) -> {
                    byte[] bytes = response.getBody().readAllBytes();
                    MediaType type = response.getHeaders().getContentType();
                    boolean isJson = type != null && type.getSubtype().contains("json") && bytes.length > 0;
                    return new Answer(response.getStatusCode().value(), type,
                            isJson ? json.readTree(bytes) : json.createObjectNode());
                });
    }

    private record Answer(int status, MediaType type, JsonNode body) {
    }

    private static int indexOf(byte[] data, byte[] marker) {
        outer:
        for (int i = 0; i <= data.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("marker not found");
    }
}
