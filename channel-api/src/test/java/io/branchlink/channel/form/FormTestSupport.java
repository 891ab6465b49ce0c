package io.branchlink.channel.form;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import io.branchlink.protocol.qr.QrTokenCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.springframework.http.HttpMethod;

/** Drives counter forms through the app and hub APIs the way the phone and the teller console do. */
abstract class FormTestSupport extends ChannelIntegrationTest {

    static final ZoneId BRANCH_ZONE = ZoneId.of("Asia/Shanghai");

    static LocalDate today() {
        return LocalDate.now(BRANCH_ZONE);
    }

    /** A form being filled: the customer's name and ID number, then whatever the business type asks. */
    static Map<String, String> form(TestBank.Customer customer, String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customerName", customer.fullName());
        values.put("idNumber", customer.idNumber());
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return values;
    }

    Api.Response createDraft(String session, String type, Map<String, String> values) {
        return api.post("/api/v1/forms/drafts", session, Map.of("type", type, "values", values));
    }

    String draft(String session, String type, Map<String, String> values) {
        Api.Response created = createDraft(session, type, values);
        assertThat(created.status()).as("draft created: %s", created.body()).isEqualTo(201);
        return created.text("id");
    }

    Api.Response submit(String session, String draftId, String branchId) {
        return api.post("/api/v1/forms/drafts/" + draftId + "/submit", session,
                branchId == null ? Map.of() : Map.of("branchId", branchId));
    }

    Api.Response stage(String session, String draftId, String branchId) {
        return api.post("/api/v1/forms/drafts/" + draftId + "/stage", session, Map.of("branchId", branchId));
    }

    Api.Response put(String session, String draftId, Map<String, String> values) {
        return api.call(HttpMethod.PUT, "/api/v1/forms/drafts/" + draftId, session, Map.of("values", values));
    }

    /** Submits and stages a form at the branch; returns its token id. */
    Staged submitAndStage(String session, String type, Map<String, String> values, TestBank.Branch branch) {
        String id = draft(session, type, values);
        Api.Response submitted = submit(session, id, null);
        assertThat(submitted.status()).as("submitted: %s", submitted.body()).isEqualTo(200);
        assertThat(submitted.text("status")).isEqualTo("SUBMITTED");
        Api.Response staged = stage(session, id, branch.id());
        assertThat(staged.status()).as("staged: %s", staged.body()).isEqualTo(200);
        assertThat(staged.text("status")).isEqualTo("STAGED");
        return new Staged(id, tokenId(staged.text("token")));
    }

    static String tokenId(String token) {
        return QrTokenCodec.parse(token).claims().tokenIdHex();
    }

    static String hub(TestBank.Branch branch) {
        return Api.basic(branch.hubId(), branch.hubSecret());
    }

    Api.Response feed(TestBank.Branch branch, long after, int waitSeconds) {
        return api.get("/api/hub/v1/forms/feed?after=" + after + "&waitSeconds=" + waitSeconds, hub(branch));
    }

    /** The hub's call when a submitted form's code is scanned at its counter. */
    Api.Response stageOnArrival(TestBank.Branch branch, String tokenId) {
        return api.post("/api/hub/v1/forms/tokens/" + tokenId + "/stage", hub(branch), Map.of());
    }

    /** Submits a form without choosing a branch; returns it with its token id. */
    Staged submitOnly(String session, String type, Map<String, String> values) {
        String id = draft(session, type, values);
        Api.Response submitted = submit(session, id, null);
        assertThat(submitted.status()).as("submitted: %s", submitted.body()).isEqualTo(200);
        assertThat(submitted.text("status")).isEqualTo("SUBMITTED");
        return new Staged(id, tokenId(submitted.text("token")));
    }

    Api.Response execute(TestBank.Branch branch, String tokenId, String confirmationId, String decision,
            String reason) {
        Map<String, Object> body = new HashMap<>(Map.of("confirmationId", confirmationId, "tokenId", tokenId,
                "tellerId", "T0042", "terminalId", branch.teller(), "decision", decision));
        if (reason != null) {
            body.put("reason", reason);
        }
        return api.post("/api/hub/v1/forms/executions", hub(branch), body);
    }

    Api.Response confirm(TestBank.Branch branch, String tokenId) {
        return execute(branch, tokenId, UUID.randomUUID().toString(), "CONFIRM", null);
    }

    static String pdfText(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String draftStatus(String draftId) {
        return jdbc.sql("select status from form_drafts where id = ?::uuid").param(draftId).query(String.class)
                .single();
    }

    record Staged(String draftId, String tokenId) {
    }
}
