package io.branchlink.channel.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.TestBank;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Every archived voucher is sealed by the bank at its confirmation, with the customer's consent inside what the
 * seal covers: the form they submitted (its id, the SHA-256 of its FORM token, when) and the teller's confirmation
 * (its id, teller, terminal, when). The customer downloads the voucher and has the bank verify it.
 */
class SealedVoucherIntegrationTests extends FormTestSupport {

    @Autowired
    ObjectMapper json;

    @Test
    void theVoucherIsSealedWithTheFormsSubmissionAndTheTellersConfirmation() throws Exception {
        TestBank.Branch branch = bank.branch();
        TestBank.Customer customer = bank.customer(100_000_00);
        String session = login(customer);
        Staged staged = submitAndStage(session, "TIME_DEPOSIT_OPENING", form(customer, "sourceAccount",
                customer.accountNumber(), "currency", "CNY", "amount", "1000.00", "term", "Y1", "autoRenew", "YES"),
                branch);
        String confirmationId = "confirm-" + staged.draftId().substring(0, 8);

        Api.Response executed = execute(branch, staged.tokenId(), confirmationId, "CONFIRM", null);
        assertThat(executed.text("outcome")).as(executed.body().toString()).isEqualTo("EXECUTED");
        String reference = executed.body().path("voucher").path("reference").asText();
        byte[] answered = Base64.getDecoder().decode(executed.body().path("voucher").path("pdf").asText());
        Api.Response download = api.get("/api/v1/vouchers/" + reference, session);
        assertThat(download.bytes()).isEqualTo(answered);

        JsonNode verified = verify(download.bytes(), session);

        assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.path("verdict").asText()).isEqualTo("SEALED");
        assertThat(verified.path("keyId").asText()).isEqualTo("bank-seal");
        JsonNode consent = verified.path("consent");
        assertThat(consent.path("kind").asText()).isEqualTo("FORM_SUBMISSION");
        assertThat(consent.path("formId").asText()).isEqualTo(staged.draftId());
        assertThat(consent.path("formTokenSha256").asText()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(staged.tokenId().getBytes(StandardCharsets.UTF_8))));
        assertThat(consent.path("confirmationId").asText()).isEqualTo(confirmationId);
        assertThat(consent.path("tellerId").asText()).isEqualTo("T0042");
        assertThat(consent.path("terminalId").asText()).isEqualTo(branch.teller());
        assertThat(consent.path("submittedAt").asText()).isNotBlank();
        assertThat(consent.path("confirmedAt").asText()).isNotBlank();
        // the token itself stays out of the document
        assertThat(new String(download.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain(staged.tokenId());
        assertThat(pdfText(download.bytes())).contains("Consent (sealed): kind=FORM_SUBMISSION formId="
                + staged.draftId(), "confirmationId=" + confirmationId, reference);
    }

    private JsonNode verify(byte[] pdf, String session) throws Exception {
        byte[] body = RestClient.create("http://localhost:" + port).post().uri("/api/v1/seals/verifications")
                .header(HttpHeaders.AUTHORIZATION, session)
                .contentType(MediaType.APPLICATION_PDF)
                .body(pdf)
                .retrieve()
                .body(byte[].class);
        return json.readTree(body);
    }
}
