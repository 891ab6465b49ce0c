package io.branchlink.protocol.hubapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.branchlink.protocol.rc.Irc;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HubApiJsonTests {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Nested
    class Requests {

        @Test
        void writeAWithdrawalAsChannelApiReadsIt() throws Exception {
            WithdrawalRequest request = new WithdrawalRequest("v1.token", "ITM00001", 42,
                    Instant.parse("2026-12-07T10:00:00Z"), new BigDecimal("500.00"), "CNY", "R42");

            assertThat(json.writeValueAsString(request)).isEqualTo("""
                    {"token":"v1.token","terminalId":"ITM00001","stan":42,"transmittedAt":"2026-12-07T10:00:00Z",\
                    "amount":500.00,"currency":"CNY","rrn":"R42"}""");
        }

        @Test
        void keepTheTokenOutOfTheirText() {
            DepositRequest request = new DepositRequest("v1.secret-token", "ITM00001", 7, Instant.EPOCH,
                    BigDecimal.TEN, "CNY", null, true);

            assertThat(request.toString()).doesNotContain("secret-token");
        }
    }

    @Nested
    class Answers {

        @Test
        void readADecisionIgnoringMembersTheyDoNotKnow() throws Exception {
            Decision decision = json.readValue("""
                    {"irc":"APPROVED","authCode":"123456","detail":null,"replayed":true,"newMember":1}""",
                    Decision.class);

            assertThat(decision).isEqualTo(new Decision("APPROVED", "123456", null, true));
            assertThat(decision.result()).isEqualTo(Irc.APPROVED);
        }

        @Test
        void takeAResultCodeTheyDoNotKnowForADecline() {
            assertThat(new Decision("SOMETHING_NEW", null, null, false).result()).isEqualTo(Irc.DO_NOT_HONOUR);
        }

        @Test
        void writeADecisionWithItsFourMembersOnly() throws Exception {
            assertThat(json.writeValueAsString(Decision.approved("000042")))
                    .isEqualTo("{\"irc\":\"APPROVED\",\"authCode\":\"000042\",\"detail\":null,\"replayed\":false}");
        }

        @Test
        void carryAVoucherPdfAsBase64() throws Exception {
            byte[] pdf = "%PDF-1.7".getBytes(StandardCharsets.US_ASCII);
            String written = json.writeValueAsString(new VoucherCopy("V-BR001-20261207-000001", "abc", pdf));

            assertThat(written).contains("\"pdf\":\"" + Base64.getEncoder().encodeToString(pdf) + "\"");
            assertThat(json.readValue(written, VoucherCopy.class).pdf()).isEqualTo(pdf);
        }
    }

    @Nested
    class Problems {

        @Test
        void nameTheIrcInTypeAndTitleAsChannelApiDoes() throws Exception {
            HubProblem problem = HubProblem.of(410, Irc.TOKEN_EXPIRED.name(), HubProblemCode.FORM_EXPIRED,
                    "This form's code has expired.");

            assertThat(json.writeValueAsString(problem)).isEqualTo("""
                    {"type":"https://branchlink.io/errors/token-expired","title":"Token expired","status":410,\
                    "detail":"This form's code has expired.","irc":"TOKEN_EXPIRED","code":"FORM_EXPIRED"}""");
        }

        @Test
        void readTheFormARefusalNames() throws Exception {
            HubProblem problem = json.readValue("""
                    {"type":"https://branchlink.io/errors/access-denied","title":"Access denied","status":403,
                     "instance":"/api/hub/v1/forms/tokens/x/stage","irc":"ACCESS_DENIED","code":"FORM_OTHER_BRANCH",
                     "formStatus":"STAGED","branchId":"BR002","decidedAt":null}""", HubProblem.class);

            assertThat(problem.is(HubProblemCode.FORM_OTHER_BRANCH)).isTrue();
            assertThat(problem.formStatus()).isEqualTo(FormStatus.STAGED.name());
            assertThat(problem.branchId()).isEqualTo("BR002");
        }
    }

    @Nested
    class Feed {

        @Test
        void readATicketEventAndSkipNothingOfIt() throws Exception {
            FeedEvent event = json.readValue("""
                    {"seq":41,"kind":"TICKET","tokenId":"7b7247ec0f2d4d7fa1f1d2a3b4c5d6e7","form":null,
                     "ticket":{"ticketId":"7b7247ec-0f2d-4d7f-a1f1-d2a3b4c5d6e7","branchId":"BR001",
                     "businessDate":"2026-12-08","number":12,"customerId":"c-1","customerInitial":"W.",
                     "source":"LOCATION","formsStaged":2,"issuedAt":"2026-12-08T01:02:03Z","later":true}}""",
                    FeedEvent.class);

            assertThat(event.is(FeedEventKind.TICKET)).isTrue();
            assertThat(event.form()).isNull();
            assertThat(event.ticket().number()).isEqualTo(12);
            assertThat(event.ticket().label()).isEqualTo("012");
            assertThat(event.ticket().businessDate()).isEqualTo(java.time.LocalDate.of(2026, 12, 8));
            assertThat(json.readValue(json.writeValueAsString(event), FeedEvent.class)).isEqualTo(event);
        }

        @Test
        void readAFormEventOfAnOlderChannelApiWithoutATicket() throws Exception {
            FeedEvent event = json.readValue("""
                    {"seq":7,"kind":"WITHDRAWN","tokenId":"3f1c","form":null}""", FeedEvent.class);

            assertThat(event).isEqualTo(new FeedEvent(7, "WITHDRAWN", "3f1c", null));
            assertThat(event.ticket()).isNull();
        }
    }
}
