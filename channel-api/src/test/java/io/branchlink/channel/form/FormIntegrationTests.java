package io.branchlink.channel.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.TestBank;
import io.branchlink.protocol.qr.QrImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FormIntegrationTests extends FormTestSupport {

    TestBank.Branch branch;
    TestBank.Customer customer;
    String session;

    @BeforeEach
    void branchAndCustomer() {
        branch = bank.branch();
        customer = bank.customer(50_000_00);
        session = login(customer);
    }

    private Map<String, String> passwordReset(TestBank.Customer who) {
        return form(who, "mobile", who.phone(), "account", who.accountNumber(), "passwordKind", "ONLINE");
    }

    private static JsonNode errorOn(Api.Response response, String field) {
        for (JsonNode error : response.body().path("errors")) {
            if (error.path("field").asText().equals(field)) {
                return error;
            }
        }
        throw new AssertionError("no error on " + field + " in " + response.body());
    }

    @Nested
    class Drafts {

        @Test
        void theCatalogListsEveryBusinessType() {
            Api.Response catalog = api.get("/api/v1/forms/catalog", session);

            assertThat(catalog.status()).isEqualTo(200);
            assertThat(catalog.body()).hasSize(10);
            assertThat(catalog.body().findValuesAsText("action")).contains("TIME_DEPOSIT_OPEN", "FX_EXCHANGE");
        }

        @Test
        void aDraftKeepsValuesAsTypedUntilSubmitted() {
            String id = draft(session, "PASSWORD_RESET", Map.of("customerName", "x"));

            Api.Response updated = put(session, id, passwordReset(customer));
            assertThat(updated.status()).isEqualTo(200);
            assertThat(updated.body().path("values").path("account").asText()).isEqualTo(customer.accountNumber());

            Api.Response submitted = submit(session, id, null);
            assertThat(submitted.status()).isEqualTo(200);
            assertThat(submitted.text("status")).isEqualTo("SUBMITTED");
            assertThat(submitted.text("token")).startsWith("BL:");
            assertThat(put(session, id, passwordReset(customer)).status()).isEqualTo(409);
            assertThat(api.get("/api/v1/forms/drafts", session).body().findValuesAsText("id")).contains(id);
        }

        @Test
        void theQrCodeCarriesTheFormToken() throws IOException {
            String id = draft(session, "PASSWORD_RESET", passwordReset(customer));
            assertThat(api.get("/api/v1/forms/drafts/" + id + "/qr.png", session).status()).isEqualTo(409);
            String token = submit(session, id, null).text("token");

            Api.Response png = api.get("/api/v1/forms/drafts/" + id + "/qr.png", session);

            assertThat(png.status()).isEqualTo(200);
            assertThat(QrImages.decode(ImageIO.read(new ByteArrayInputStream(png.bytes())))).contains(token);
            assertThat(io.branchlink.protocol.qr.QrTokenCodec.parse(token).claims().type().name()).isEqualTo("FORM");
            assertThat(io.branchlink.protocol.qr.QrTokenCodec.parse(token).claims().amount()).isNull();
            assertThat(io.branchlink.protocol.qr.QrTokenCodec.parse(token).claims().branchId()).isNull();
        }

        @Test
        void submittingWithABranchStagesAtOnce() {
            String id = draft(session, "PASSWORD_RESET", passwordReset(customer));

            Api.Response submitted = submit(session, id, branch.id());

            assertThat(submitted.text("status")).isEqualTo("STAGED");
            assertThat(submitted.text("branchId")).isEqualTo(branch.id());
            assertThat(feed(branch, 0, 0).body().path("events")).singleElement()
                    .satisfies(e -> assertThat(e.path("kind").asText()).isEqualTo("STAGED"));
        }

        @Test
        void stagingAtAnUnknownBranchIsNotFound() {
            String id = draft(session, "PASSWORD_RESET", passwordReset(customer));
            submit(session, id, null);

            Api.Response staged = stage(session, id, "NOSUCHBRANCH");

            assertThat(staged.status()).isEqualTo(404);
            assertThat(staged.text("code")).isEqualTo("BRANCH_UNKNOWN");
        }

        @Test
        void movingAFormWithdrawsItFromTheOldBranchAndCancellingFromTheNew() {
            TestBank.Branch other = bank.branch();
            Staged staged = submitAndStage(session, "PASSWORD_RESET", passwordReset(customer), branch);

            assertThat(stage(session, staged.draftId(), other.id()).text("branchId")).isEqualTo(other.id());
            assertThat(api.delete("/api/v1/forms/drafts/" + staged.draftId(), session).text("status"))
                    .isEqualTo("CANCELLED");

            assertThat(feed(branch, 0, 0).body().path("events").findValuesAsText("kind"))
                    .containsExactly("STAGED", "WITHDRAWN");
            assertThat(feed(other, 0, 0).body().path("events").findValuesAsText("kind"))
                    .containsExactly("STAGED", "WITHDRAWN");
            assertThat(confirm(other, staged.tokenId()).status()).isEqualTo(409);
        }
    }

    @Nested
    class Validation {

        @Test
        void everyBadFieldIsNamed() {
            String badCheckDigit = customer.idNumber().substring(0, 17)
                    + (customer.idNumber().charAt(17) == '0' ? '1' : '0');
            String id = draft(session, "TIME_DEPOSIT_OPENING", Map.of("customerName", customer.fullName(),
                    "idNumber", badCheckDigit, "sourceAccount", customer.accountNumber(), "currency", "CNY",
                    "amount", "60000000.00", "term", "Y1", "autoRenew", "YES"));

            Api.Response refused = submit(session, id, null);

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.text("code")).isEqualTo("FORM_INVALID");
            assertThat(errorOn(refused, "idNumber").path("code").asText()).isEqualTo("ID_CHECK_DIGIT");
            assertThat(errorOn(refused, "amount").path("code").asText()).isEqualTo("AMOUNT_ABOVE_MAX");
            assertThat(errorOn(refused, "amount").path("messageZh").asText()).isNotBlank();
            assertThat(draftStatus(id)).isEqualTo("DRAFT");
        }

        @Test
        void theIdNumberAndNameMustBeTheCustomersOwn() {
            String id = draft(session, "PASSWORD_RESET", form(customer, "idNumber", TestBank.idNumber(),
                    "customerName", "Somebody Else", "mobile", customer.phone(), "account",
                    customer.accountNumber(), "passwordKind", "ONLINE"));

            Api.Response refused = submit(session, id, null);

            assertThat(refused.status()).isEqualTo(422);
            assertThat(errorOn(refused, "idNumber").path("code").asText()).isEqualTo("ID_MISMATCH");
            assertThat(errorOn(refused, "customerName").path("code").asText()).isEqualTo("NAME_MISMATCH");
        }

        @Test
        void anotherCustomersAccountIsNotOwned() {
            TestBank.Customer other = bank.customer(0);
            String id = draft(session, "PASSWORD_RESET", form(customer, "mobile", customer.phone(), "account",
                    other.accountNumber(), "passwordKind", "ONLINE"));

            Api.Response refused = submit(session, id, null);

            assertThat(errorOn(refused, "account").path("code").asText()).isEqualTo("ACCOUNT_NOT_OWNED");
        }
    }

    @Nested
    class Privacy {

        @Test
        void aCustomerCannotSeeOrCancelAnotherCustomersDraftsOrVouchers() {
            TestBank.Customer mallory = bank.customer(0);
            String intruder = login(mallory);
            Staged staged = submitAndStage(session, "PASSWORD_RESET", passwordReset(customer), branch);
            String reference = confirm(branch, staged.tokenId()).body().path("voucher").path("reference").asText();

            assertThat(api.get("/api/v1/forms/drafts/" + staged.draftId(), intruder).status()).isEqualTo(404);
            assertThat(api.delete("/api/v1/forms/drafts/" + staged.draftId(), intruder).status()).isEqualTo(404);
            assertThat(stage(intruder, staged.draftId(), branch.id()).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/forms/drafts/" + staged.draftId() + "/qr.png", intruder).status())
                    .isEqualTo(404);
            assertThat(api.get("/api/v1/vouchers/" + reference, intruder).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/vouchers", intruder).body()).isEmpty();
            assertThat(api.get("/api/v1/forms/drafts", intruder).body()).isEmpty();
            assertThat(api.get("/api/v1/vouchers", session).body().findValuesAsText("reference"))
                    .containsExactly(reference);
            assertThat(api.get("/api/hub/v1/vouchers/" + reference, hub(bank.branch())).status()).isEqualTo(404);
        }

        @Test
        void unauthenticatedCallsAreRefused() {
            assertThat(api.get("/api/v1/forms/catalog", null).status()).isEqualTo(401);
            assertThat(api.post("/api/v1/forms/drafts", null, Map.of("type", "PASSWORD_RESET")).status())
                    .isEqualTo(401);
            assertThat(api.get("/api/v1/vouchers", null).status()).isEqualTo(401);
            assertThat(api.get("/api/hub/v1/forms/feed", null).status()).isEqualTo(401);
            assertThat(api.get("/api/hub/v1/forms/feed", session).status()).isEqualTo(401);
            assertThat(api.get("/api/hub/v1/forms/feed", Api.basic(branch.hubId(), "wrong")).status())
                    .isEqualTo(401);
            assertThat(api.get("/api/v1/forms/drafts", hub(branch)).status()).isEqualTo(401);
        }
    }

    @Nested
    class Feed {

        @Test
        void aLongPollReturnsAsSoonAsAFormIsStaged() {
            long last = feed(branch, 0, 0).body().path("last").asLong();
            CompletableFuture<Api.Response> poll = CompletableFuture.supplyAsync(() -> feed(branch, last, 25));
            String id = draft(session, "PASSWORD_RESET", passwordReset(customer));

            submit(session, id, branch.id());

            await().atMost(Duration.ofSeconds(10)).until(poll::isDone);
            Api.Response answer = poll.join();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("events")).singleElement().satisfies(event -> {
                assertThat(event.path("kind").asText()).isEqualTo("STAGED");
                assertThat(event.path("form").path("draftId").asText()).isEqualTo(id);
            });
            assertThat(answer.body().path("last").asLong()).isGreaterThan(last);
        }

        @Test
        void aLongPollWithNothingToSayAnswersEmptyWhenTheWaitEnds() {
            Api.Response answer = feed(branch, 0, 1);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("events")).isEmpty();
            assertThat(answer.body().path("last").asLong()).isZero();
        }

        @Test
        void negativeParametersAreRefused() {
            assertThat(feed(branch, 0, -1).status()).isEqualTo(400);
            assertThat(feed(branch, -5, 0).status()).isEqualTo(400);
        }

        @Test
        void aHubSeesOnlyItsOwnBranchsEvents() {
            TestBank.Branch other = bank.branch();
            submitAndStage(session, "PASSWORD_RESET", passwordReset(customer), branch);

            assertThat(feed(other, 0, 0).body().path("events")).isEmpty();
            assertThat(feed(branch, 0, 0).body().path("events")).hasSize(1);
        }
    }

    static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64);
    }
}
