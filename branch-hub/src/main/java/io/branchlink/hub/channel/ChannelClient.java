package io.branchlink.hub.channel;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.protocol.hubapi.CashBookingAtCounter;
import io.branchlink.protocol.hubapi.CashBookingScan;
import io.branchlink.protocol.hubapi.CashOrder;
import io.branchlink.protocol.hubapi.CashPayoutRequest;
import io.branchlink.protocol.hubapi.Arrival;
import io.branchlink.protocol.hubapi.ArrivalRequest;
import io.branchlink.protocol.hubapi.DecidedExecution;
import io.branchlink.protocol.hubapi.Decision;
import io.branchlink.protocol.hubapi.DepositRequest;
import io.branchlink.protocol.hubapi.Execution;
import io.branchlink.protocol.hubapi.ExecutionRequest;
import io.branchlink.protocol.hubapi.Feed;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.hubapi.HubProblem;
import io.branchlink.protocol.hubapi.HubProblemCode;
import io.branchlink.protocol.hubapi.ItmSessionCode;
import io.branchlink.protocol.hubapi.ItmSessionFeed;
import io.branchlink.protocol.hubapi.ItmSessionRequest;
import io.branchlink.protocol.hubapi.ReversalRequest;
import io.branchlink.protocol.hubapi.TokenStatus;
import io.branchlink.protocol.hubapi.VoucherCopy;
import io.branchlink.protocol.hubapi.WithdrawalRequest;
import io.branchlink.protocol.money.Money;
import java.net.http.HttpClient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls channel-api's hub API with the records of {@code protocol.hubapi}. A decision (approved or declined) is an answer; a problem detail naming an
 * {@code irc} is a refusal that is also an answer; only transport failures and 5xx are retried, since every call
 * here is idempotent on its terminal transaction key.
 */
@Component
public class ChannelClient {

    private static final Logger log = LoggerFactory.getLogger(ChannelClient.class);
    private static final ParameterizedTypeReference<Map<String, String>> KEYS = new ParameterizedTypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> RESULT = new TypeReference<>() {
    };

    private final RestClient http;
    private final RestClient longPoll;
    private final ChannelProperties properties;
    private final ObjectMapper json;

    ChannelClient(RestClient.Builder builder, ChannelProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = client(builder, properties, properties.readTimeout());
        this.longPoll = client(builder, properties, properties.readTimeout().plus(properties.maxFeedWait()));
    }

    private static RestClient client(RestClient.Builder builder, ChannelProperties properties,
            java.time.Duration readTimeout) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        factory.setReadTimeout(readTimeout);
        return builder.clone()
                .baseUrl(properties.baseUrl())
                .requestFactory(factory)
                .defaultHeaders(headers -> headers.setBasicAuth(properties.hubId(), properties.hubSecret()))
                .build();
    }

    /**
     * One long poll of the branch's staging feed: channel-api answers at once when it has events after
     * {@code after}, else when one arrives or {@code waitSeconds} pass. Tried once: the caller's loop backs off.
     *
     * @throws ChannelUnavailableException on a transport failure or any answer other than 200
     */
    public Feed formFeed(long after, int waitSeconds) {
        try {
            return longPoll.get()
                    .uri(uri -> uri.path(HubApiPaths.FORM_FEED).queryParam("after", after)
                            .queryParam("waitSeconds", waitSeconds).build())
                    .retrieve()
                    .body(Feed.class);
        } catch (RestClientException e) {
            throw new ChannelUnavailableException("staging feed failed", e);
        }
    }

    /**
     * A fresh session code for one of this branch's ITMs to show. Tried once: the caller tries again on its next
     * turn, while the ITM still shows its current code.
     *
     * @throws ChannelUnavailableException on a transport failure or any answer other than 201
     */
    public ItmSessionCode itmSessionCode(String terminalId) {
        try {
            return http.post()
                    .uri(HubApiPaths.ITM_SESSIONS)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new ItmSessionRequest(terminalId))
                    .retrieve()
                    .body(ItmSessionCode.class);
        } catch (RestClientException e) {
            throw new ChannelUnavailableException("ITM session code failed terminal=" + terminalId, e);
        }
    }

    /**
     * One long poll of the branch's ITM session feed, as {@link #formFeed} for the staging feed.
     *
     * @throws ChannelUnavailableException on a transport failure or any answer other than 200
     */
    public ItmSessionFeed itmSessionFeed(long after, int waitSeconds) {
        try {
            return longPoll.get()
                    .uri(uri -> uri.path(HubApiPaths.ITM_SESSION_FEED).queryParam("after", after)
                            .queryParam("waitSeconds", waitSeconds).build())
                    .retrieve()
                    .body(ItmSessionFeed.class);
        } catch (RestClientException e) {
            throw new ChannelUnavailableException("ITM session feed failed", e);
        }
    }

    /** channel-api's status of a FORM token, or empty for a token it never issued (404). Retried: a read. */
    public Optional<TokenStatus> formToken(String tokenId) {
        return withRetries("form token lookup", () -> http.get()
                .uri(HubApiPaths.FORM_TOKEN, tokenId)
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.value() == 404) {
                        return Optional.<TokenStatus>empty();
                    }
                    if (!status.is2xxSuccessful()) {
                        throw new RetryableFailure("channel-api answered " + status.value());
                    }
                    return Optional.ofNullable(response.bodyTo(TokenStatus.class));
                }));
    }

    /**
     * Stages a submitted form at this branch: its customer showed the code at this branch's counter. Retried on
     * transport failures and 5xx: channel-api stages a form once and answers a repeated call with the form as
     * staged. Problems (409, 410, 404, other 4xx) are answers.
     */
    public HubForms.StageAnswer stageForm(String tokenId) {
        return withRetries("form staging on arrival token=" + tokenId.substring(0, 8), () -> http.post()
                .uri(HubApiPaths.FORM_STAGE, tokenId)
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.is5xxServerError()) {
                        throw new RetryableFailure("channel-api answered " + status.value());
                    }
                    if (status.is2xxSuccessful()) {
                        TokenStatus staged = response.bodyTo(TokenStatus.class);
                        if (staged == null) {
                            throw new RetryableFailure("channel-api answered a staging without a body");
                        }
                        return new HubForms.StageAnswer(null, staged);
                    }
                    HubProblem problem = response.bodyTo(HubProblem.class);
                    // a problem names the form's status as formStatus: its status member is the HTTP status
                    TokenStatus token = problem == null ? new TokenStatus(null, null, null, null)
                            : new TokenStatus(problem.formStatus(), problem.branchId(), problem.decidedAt(), null);
                    String code = problem == null ? null : problem.code();
                    if (code == null && status.value() == 404) {
                        code = HubProblemCode.FORM_UNKNOWN.name();
                    }
                    return new HubForms.StageAnswer(code == null ? "HTTP_" + status.value() : code, token);
                }));
    }

    /**
     * A customer showed a FORM code at this branch's queue-ticket machine: channel-api stages their submitted forms
     * here and issues (or finds) their ticket. Retried on transport failures and 5xx: channel-api answers a repeated
     * arrival with the same ticket and stages nothing twice. Problems (404 for an unknown code, other 4xx) are
     * answers.
     */
    public HubForms.ArrivalAnswer arrival(ArrivalRequest request) {
        return withRetries("arrival device=" + request.deviceId(), () -> http.post()
                .uri(HubApiPaths.ARRIVALS)
                .contentType(MediaType.APPLICATION_JSON)
                .body(request)
                .exchange((req, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.is5xxServerError()) {
                        throw new RetryableFailure("channel-api answered " + status.value());
                    }
                    if (status.is2xxSuccessful()) {
                        Arrival arrival = response.bodyTo(Arrival.class);
                        if (arrival == null || arrival.ticket() == null) {
                            throw new RetryableFailure("channel-api answered an arrival without a ticket");
                        }
                        return new HubForms.ArrivalAnswer(null, arrival);
                    }
                    HubProblem problem = response.bodyTo(HubProblem.class);
                    String code = problem == null ? null : problem.code();
                    return new HubForms.ArrivalAnswer(code == null ? "HTTP_" + status.value() : code, null);
                }));
    }

    /**
     * A teller's decision on a form. Retried on transport failures and 5xx: channel-api answers the same
     * confirmation id with the same outcome, so a retry never executes twice. Problems (409, 410, 403, 404, 4xx)
     * are answers.
     */
    public HubForms.ExecutionAnswer execute(ExecutionRequest request) {
        return withRetries("form execution confirmationId=" + request.confirmationId(), () -> http.post()
                .uri(HubApiPaths.FORM_EXECUTIONS)
                .contentType(MediaType.APPLICATION_JSON)
                .body(request)
                .exchange((req, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.is5xxServerError()) {
                        throw new RetryableFailure("channel-api answered " + status.value());
                    }
                    if (status.is2xxSuccessful()) {
                        Execution execution = response.bodyTo(Execution.class);
                        if (execution == null) {
                            throw new RetryableFailure("channel-api answered an execution without a body");
                        }
                        return new HubForms.ExecutionAnswer(status.value(), null, outcome(execution));
                    }
                    HubProblem problem = response.bodyTo(HubProblem.class);
                    String code = problem == null ? null : problem.code();
                    DecidedExecution existing = problem == null ? null : problem.existing();
                    return new HubForms.ExecutionAnswer(status.value(), code == null ? "HTTP_" + status.value() : code,
                            existing == null ? null : outcome(existing));
                }));
    }

    /**
     * The large-cash booking a scanned CASH_BOOKING code names, or channel-api's refusal (an answer). Retried: a
     * read.
     */
    public CashBookingAtCounter cashBookingScan(String code) {
        return withRetries("cash booking scan", () -> http.post()
                .uri(HubApiPaths.CASH_BOOKING_SCANS)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new CashBookingScan(code))
                .exchange((request, response) -> cashBookingAnswer(response.getStatusCode(),
                        () -> response.bodyTo(CashBookingAtCounter.class))));
    }

    /**
     * The teller's payout of a booking. Retried on transport failures and 5xx: channel-api answers the same
     * confirmation id with the same payout, so a retry never pays twice. Refusals are answers.
     */
    public CashBookingAtCounter payCashBooking(CashPayoutRequest payout) {
        return withRetries("cash booking payout confirmationId=" + payout.confirmationId(), () -> http.post()
                .uri(HubApiPaths.CASH_BOOKING_PAYOUTS)
                .contentType(MediaType.APPLICATION_JSON)
                .body(payout)
                .exchange((request, response) -> cashBookingAnswer(response.getStatusCode(),
                        () -> response.bodyTo(CashBookingAtCounter.class))));
    }

    /** The branch's cash orders from..to (large-cash bookings by date and denomination). Retried: a read. */
    public List<CashOrder> cashOrders(LocalDate from, LocalDate to) {
        return withRetries("cash orders", () -> http.get()
                .uri(uri -> uri.path(HubApiPaths.CASH_ORDERS).queryParam("from", from).queryParam("to", to).build())
                .exchange((request, response) -> {
                    if (!response.getStatusCode().is2xxSuccessful()) {
                        throw new RetryableFailure("channel-api answered " + response.getStatusCode().value());
                    }
                    CashOrder[] orders = response.bodyTo(CashOrder[].class);
                    return orders == null ? List.<CashOrder>of() : List.of(orders);
                }));
    }

    private static CashBookingAtCounter cashBookingAnswer(HttpStatusCode status,
            Supplier<CashBookingAtCounter> body) {
        if (!status.is2xxSuccessful()) {
            throw new RetryableFailure("channel-api answered " + status.value());
        }
        CashBookingAtCounter answer = body.get();
        if (answer == null || answer.outcome() == null) {
            throw new RetryableFailure("channel-api answered a booking without a body");
        }
        return answer;
    }

    /** A voucher PDF of this branch, or empty when channel-api has none under that reference. */
    public Optional<byte[]> voucher(String reference) {
        return withRetries("voucher", () -> http.get()
                .uri(HubApiPaths.VOUCHER, reference)
                .accept(MediaType.APPLICATION_PDF, MediaType.ALL)
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.value() == 404) {
                        return Optional.<byte[]>empty();
                    }
                    if (!status.is2xxSuccessful()) {
                        throw new RetryableFailure("channel-api answered " + status.value());
                    }
                    return Optional.ofNullable(response.bodyTo(byte[].class));
                }));
    }

    private HubForms.Outcome outcome(Execution execution) {
        VoucherCopy voucher = execution.voucher();
        return new HubForms.Outcome(execution.confirmationId(), execution.draftId(), execution.outcome(),
                execution.message(), result(execution.result()), null, execution.decidedAt(),
                voucher == null ? null : new HubForms.Voucher(voucher.reference(), voucher.contentHash(), voucher.pdf()),
                null);
    }

    private HubForms.Outcome outcome(DecidedExecution existing) {
        return new HubForms.Outcome(existing.confirmationId(), null, existing.outcome(), existing.message(),
                result(existing.result()), existing.tellerId(), existing.decidedAt(), null,
                existing.voucherReference());
    }

    private Map<String, Object> result(JsonNode result) {
        if (result == null || result.isNull()) {
            return null;
        }
        try {
            return json.convertValue(result, RESULT);
        } catch (IllegalArgumentException e) {
            throw new RetryableFailure("unreadable outcome: " + e.getClass().getSimpleName());
        }
    }

    public ChannelDecision withdraw(String token, String terminalId, int stan, Instant transmittedAt, Money amount,
            String rrn) {
        return decide(HubApiPaths.WITHDRAWALS, new WithdrawalRequest(token, terminalId, stan, transmittedAt,
                amount.toDecimal(), amount.currencyCode(), rrn), terminalId, stan);
    }

    public ChannelDecision deposit(String token, String terminalId, int stan, Instant transmittedAt, Money amount,
            String rrn, boolean advice) {
        return decide(HubApiPaths.DEPOSITS, new DepositRequest(token, terminalId, stan, transmittedAt,
                amount.toDecimal(), amount.currencyCode(), rrn, advice), terminalId, stan);
    }

    /**
     * @param kind {@code WITHDRAWAL} or {@code DEPOSIT} ({@link io.branchlink.protocol.hubapi.TransactionKind})
     * @param completed what the terminal completed: cash dispensed, or cash kept
     */
    public ChannelDecision reverse(String kind, String terminalId, int originalStan, Instant originalTransmittedAt,
            Money completed) {
        return decide(HubApiPaths.REVERSALS, new ReversalRequest(kind, terminalId, originalStan,
                originalTransmittedAt, completed.toDecimal(), completed.currencyCode()), terminalId, originalStan);
    }

    /** The trusted QR token public keys by key id (Base64 X.509). */
    public Map<String, String> tokenKeys() {
        return withRetries("token keys", () -> {
            Map<String, String> keys = http.get().uri(HubApiPaths.TOKEN_KEYS).retrieve().body(KEYS);
            return keys == null ? Map.of() : new LinkedHashMap<>(keys);
        });
    }

    /**
     * Sends a terminal transaction; a decision (200) and a problem naming an {@code irc} (4xx) both read as a
     * {@link Decision}, since both carry {@code irc}.
     */
    private ChannelDecision decide(String path, Object body, String terminalId, int stan) {
        return withRetries(path + " terminal=" + terminalId + " stan=" + stan, () -> http.post().uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.is5xxServerError()) {
                        throw new RetryableFailure("channel-api answered " + status.value());
                    }
                    Decision answer = response.bodyTo(Decision.class);
                    if (answer == null || answer.irc() == null) {
                        throw new RetryableFailure("channel-api answered " + status.value() + " without an irc");
                    }
                    return new ChannelDecision(answer.result(), answer.authCode(), answer.replayed());
                }));
    }

    private <T> T withRetries(String what, Supplier<T> call) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= Math.max(1, properties.attempts()); attempt++) {
            try {
                return call.get();
            } catch (RetryableFailure | RestClientException e) {
                last = e;
                log.warn("channel-api call failed call=\"{}\" attempt={} reason=\"{}\"", what, attempt,
                        e.getClass().getSimpleName());
            }
        }
        throw new ChannelUnavailableException("channel-api unavailable for " + what, last);
    }

    /** A failure worth another attempt: transport trouble or a 5xx. */
    private static final class RetryableFailure extends RuntimeException {
        RetryableFailure(String message) {
            super(message, null, false, false);
        }
    }

}
