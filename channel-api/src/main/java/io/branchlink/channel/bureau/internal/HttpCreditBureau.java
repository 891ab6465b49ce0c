package io.branchlink.channel.bureau.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.channel.bureau.CreditBureau;
import io.branchlink.channel.bureau.CreditBureauUnavailableException;
import io.branchlink.channel.bureau.CreditReport;
import io.branchlink.channel.system.ThirdPartyClients;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The credit bureau's HTTP client: {@code POST {baseUrl}/v1/reports} with {@code X-Api-Key} and
 * {@code {"residentId": "…"}} (in the body, so the number is in no URL or access log), answered 200 with the
 * report or 404 when the bureau has no file on the person. Asking is read-only at the bureau, so a failed ask
 * changes nothing and the applicant may simply try again.
 */
@Component
class HttpCreditBureau implements CreditBureau {

    private static final Logger log = LoggerFactory.getLogger(HttpCreditBureau.class);

    private final RestClient http;
    private final MeterRegistry meters;

    HttpCreditBureau(RestClient.Builder builder, BureauProperties properties, MeterRegistry meters) {
        this.meters = meters;
        if (!properties.configured()) {
            log.warn("no credit bureau configured (branchlink.channel.bureau.base-url): loan applications answer 503");
            this.http = null;
            return;
        }
        this.http = ThirdPartyClients.restClient(builder, properties.baseUrl(), properties.apiKey(),
                properties.connectTimeout(), properties.readTimeout());
    }

    @Override
    public CreditReport report(String residentId) {
        if (http == null) {
            throw unavailable("not-configured", "no credit bureau is configured");
        }
        JsonNode answer;
        try {
            answer = http.post()
                    .uri("/v1/reports")
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(Map.of("residentId", residentId))
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (status == 404) {
                            return null;
                        }
                        if (status != 200) {
                            throw new CreditBureauUnavailableException("the credit bureau answered " + status);
                        }
                        return response.bodyTo(JsonNode.class);
                    });
        } catch (CreditBureauUnavailableException e) {
            throw unavailable("status", e.getMessage());
        } catch (RestClientException e) {
            String reason = e.getMostSpecificCause().getClass().getSimpleName();
            throw unavailable(reason, "the credit bureau could not be reached: " + reason);
        }
        if (answer == null) {
            meters.counter("branchlink.bureau.reports", "result", "no-file").increment();
            log.info("credit report result=no-file");
            return CreditReport.noFile(null);
        }
        CreditReport report = parse(answer);
        meters.counter("branchlink.bureau.reports", "result", "found").increment();
        log.info("credit report result=found report={}", report.reportId());
        return report;
    }

    private CreditReport parse(JsonNode answer) {
        String reportId = answer.path("reportId").asText("");
        JsonNode utilisation = answer.path("utilisation");
        if (!reportId.matches("[A-Za-z0-9_-]{1,64}") || !utilisation.isNumber()
                || !whole(answer, "historyMonths") || !whole(answer, "delinquencies12m")
                || !whole(answer, "worstDelinquencyDays") || !whole(answer, "inquiries6m")
                || utilisation.decimalValue().signum() < 0
                || utilisation.decimalValue().compareTo(BigDecimal.TEN) > 0) {
            throw unavailable("malformed", "the credit bureau's report is malformed");
        }
        return new CreditReport(reportId, true, answer.path("historyMonths").asInt(),
                answer.path("delinquencies12m").asInt(), answer.path("worstDelinquencyDays").asInt(),
                utilisation.decimalValue(), answer.path("inquiries6m").asInt());
    }

    private static boolean whole(JsonNode answer, String field) {
        JsonNode value = answer.path(field);
        return value.canConvertToInt() && value.isIntegralNumber() && value.asInt() >= 0 && value.asInt() <= 100_000;
    }

    private CreditBureauUnavailableException unavailable(String reason, String message) {
        meters.counter("branchlink.bureau.reports", "result", "unavailable").increment();
        log.warn("credit report not received reason={}", reason);
        return new CreditBureauUnavailableException(message);
    }
}
