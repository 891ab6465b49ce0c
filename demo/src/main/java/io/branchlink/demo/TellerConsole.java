package io.branchlink.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The teller console's JSON API as the console page uses it (HTTP Basic sign-in, the CSRF cookie echoed in a header
 * on posts), for the demo's scenario, the counter benchmark and tests that play the teller without a browser.
 */
public final class TellerConsole {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI hub;
    private final String authorization;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private volatile String csrfHeader;

    public TellerConsole(URI hub, String tellerId, String password) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((tellerId + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** What the console shows now. */
    public View current() {
        return new View(get("/teller/api/current"));
    }

    /** Waits until the console shows the form {@code draftId}, as the teller watching the screen would. */
    public View awaitForm(String draftId, Duration timeout) {
        View[] view = {current()};
        if (!Await.until(() -> (view[0] = current()).showsForm(draftId), timeout)) {
            throw new IllegalStateException("the console did not show form " + draftId + " within " + timeout
                    + "; it shows " + view[0].state() + " " + view[0].messageEn());
        }
        return view[0];
    }

    /** One click on Confirm. */
    public Decision confirm(String draftId, String confirmationId) {
        return new Decision(post("/teller/api/forms/" + draftId + "/confirm", Map.of("confirmationId",
                confirmationId)));
    }

    public Decision reject(String draftId, String confirmationId, String reason) {
        return new Decision(post("/teller/api/forms/" + draftId + "/reject", Map.of("confirmationId",
                confirmationId, "reason", reason)));
    }

    /** The queue panel: today's tickets, the summary of waits, and the ticket called to this teller's counter. */
    public JsonNode queue() {
        return get("/teller/api/queue");
    }

    /** One click on "Call next": the called ticket and its customer's staged forms; the first form opens. */
    public JsonNode callNext() {
        return post("/teller/api/queue/call-next", Map.of());
    }

    /** One click on "Done" for the ticket called to this counter. */
    public JsonNode done(String ticketId) {
        return post("/teller/api/queue/tickets/" + ticketId + "/done", Map.of());
    }

    public byte[] voucher(String reference) {
        HttpResponse<byte[]> response = send(request("/teller/api/vouchers/" + reference).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("voucher " + reference + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** The console's answer to a scan: a form to decide, a refusal, or nothing yet. */
    public record View(JsonNode json) {

        public long version() {
            return json.path("version").asLong();
        }

        /** {@code IDLE}, {@code FORM} or {@code REFUSED}. */
        public String state() {
            return json.path("state").asText();
        }

        /** The refusal's code, such as {@code OTHER_BRANCH}. */
        public String code() {
            return json.path("code").asText(null);
        }

        public String messageEn() {
            return json.path("message").path("en").asText(null);
        }

        public boolean showsForm(String draftId) {
            return "FORM".equals(state()) && draftId.equals(json.path("form").path("draftId").asText());
        }

        public String draftId() {
            return json.path("form").path("draftId").asText(null);
        }

        public String type() {
            return json.path("form").path("type").asText(null);
        }

        public String confirmationId() {
            return json.path("form").path("confirmationId").asText(null);
        }

        /** The names of the fields the teller must check against the ID card. */
        public List<String> idCheckFields() {
            List<String> names = new ArrayList<>();
            json.path("form").path("fields").forEach(field -> {
                if (field.path("idCheck").asBoolean()) {
                    names.add(field.path("name").asText());
                }
            });
            return names;
        }
    }

    /** The outcome of a confirmation or a rejection. */
    public record Decision(JsonNode json) {

        /** {@code EXECUTED}, {@code REJECTED} or {@code FAILED}. */
        public String outcome() {
            return json.path("outcome").asText(null);
        }

        public String message() {
            return json.path("message").asText(null);
        }

        public Optional<String> voucherReference() {
            return Optional.ofNullable(json.path("voucherReference").asText(null));
        }

        public String voucherContentHash() {
            return json.path("voucherContentHash").asText(null);
        }
    }

    private JsonNode get(String path) {
        HttpResponse<byte[]> response = send(request(path).GET().build());
        return answer(path, response);
    }

    private JsonNode post(String path, Map<String, String> body) {
        if (csrfHeader == null) {
            csrfHeader = get("/teller/api/session").path("csrfHeader").asText("X-XSRF-TOKEN");
        }
        String token = cookies.getCookieStore().get(hub).stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("the hub issued no CSRF cookie"));
        try {
            HttpResponse<byte[]> response = send(request(path).header("Content-Type", "application/json")
                    .header(csrfHeader, token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
            return answer(path, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(hub.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode answer(String path, HttpResponse<byte[]> response) {
        try {
            JsonNode json = JSON.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + ": HTTP " + response.statusCode() + " "
                        + json.path("code").asText("") + " " + json.path("detail").asText(""));
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
