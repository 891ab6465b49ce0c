package io.branchlink.demo.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.branchlink.agent.device.Screen;
import io.branchlink.agent.system.ItmAgent;
import io.branchlink.agent.system.TransactionOutcome;
import io.branchlink.demo.Branch;
import io.branchlink.demo.DemoCustomers;
import io.branchlink.demo.Itm;
import io.branchlink.protocol.qr.QrImages;
import io.branchlink.sim.app.CustomerProfile;
import io.branchlink.sim.app.FormSamples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's web pages a person can watch, on the JDK's HTTP server: the simulated phone app at {@code /app/}
 * (talking to channel-api through a same-origin proxy at {@code /api/v1/**}) and a live mirror of each ITM's screen
 * at {@code /itm/{id}/}. {@code POST /sim/itms/{id}/present} plays the customer holding the phone up to the ITM's
 * camera: the QR code is read from the PNG channel-api serves, and the ITM serves the customer on a background
 * thread of its own, so the request returns at once. {@code POST /sim/tellers/{id}/present} does the same at the
 * teller terminal's scanner with a submitted counter form, and {@code GET /sim/forms/sample} fills a form as a demo
 * customer would. {@code GET /sim/sms/{number}} shows the texts the SMS gateway stub holds for a phone number, as the
 * visitor reads them on the phone while opening an account. The other way round (flow 4), the ITM page draws the
 * session code the ITM shows ({@code GET /sim/itms/{id}/session-qr.png}), {@code POST /sim/itms/{id}/cardless} plays
 * the customer pressing "cardless", and each ITM serves the authorisations of claimed codes on a thread of its own.
 */
public final class DemoWebServer implements AutoCloseable {

    public static final int DEFAULT_PORT = Branch.WEB_PORT;

    private static final Logger log = LoggerFactory.getLogger(DemoWebServer.class);
    private static final Pattern ITM_PAGE = Pattern.compile("/itm/([A-Z0-9]{1,16})/?(.*)");
    private static final Pattern SIM_ITM = Pattern.compile(
            "/sim/itms/([A-Z0-9]{1,16})/(screen|present|cardless|session-qr\\.png)");
    private static final Pattern SIM_TELLER = Pattern.compile("/sim/tellers/([A-Z0-9]{1,16})/present");
    private static final Pattern SIM_SMS = Pattern.compile("/sim/sms/([0-9]{6,15})");
    private static final Pattern DRAFT_ID = Pattern.compile("[0-9a-f-]{36}");
    private static final Pattern TOKEN_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern ASSET = Pattern.compile("[a-z0-9-]+\\.(html|css|js|svg)");
    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of("Authorization", "Content-Type", "Accept",
            "Idempotency-Key");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");

    private final Branch branch;
    private final HttpServer server;
    private final ExecutorService requests;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ExecutorService> customers = new ConcurrentHashMap<>();
    private final Map<String, ExecutorService> claimedSessions = new ConcurrentHashMap<>();
    private volatile boolean closing;
    private final Map<String, ScreenMirror> mirrors = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<TransactionOutcome>> lastServed = new ConcurrentHashMap<>();
    private final FormSamples samples = new FormSamples(Clock.systemDefaultZone(), 20261125L);

    private DemoWebServer(Branch branch, HttpServer server) {
        this.branch = branch;
        this.server = server;
        AtomicInteger threads = new AtomicInteger();
        this.requests = Executors.newFixedThreadPool(8, runnable -> daemon(runnable, "demo-web-"
                + threads.incrementAndGet()));
        for (Itm itm : branch.itms()) {
            customers.put(itm.terminalId(), Executors.newSingleThreadExecutor(runnable -> daemon(runnable,
                    "demo-customer-" + itm.terminalId())));
            mirrors.put(itm.terminalId(), new ScreenMirror(itm.screen(), Clock.systemUTC()));
            ExecutorService sessions = Executors.newSingleThreadExecutor(runnable -> daemon(runnable,
                    "demo-itm-sessions-" + itm.terminalId()));
            claimedSessions.put(itm.terminalId(), sessions);
            sessions.submit(() -> serveClaimedSessions(itm));
        }
        server.createContext("/", this::handle);
        server.setExecutor(requests);
    }

    /** Starts serving the pages of {@code branch} on {@code port} (0 for a free one). */
    public static DemoWebServer start(Branch branch, int port) {
        try {
            DemoWebServer web = new DemoWebServer(branch, HttpServer.create(new InetSocketAddress(port), 0));
            web.server.start();
            return web;
        } catch (IOException e) {
            throw new UncheckedIOException("the demo web server could not listen on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://localhost:" + port() + "/");
    }

    public URI appUrl() {
        return url().resolve("app/");
    }

    public URI itmUrl(String terminalId) {
        return url().resolve("itm/" + terminalId + "/");
    }

    /** The outcome of the last customer served at {@code terminalId} through this server, if any. */
    public Optional<CompletableFuture<TransactionOutcome>> lastServed(String terminalId) {
        return Optional.ofNullable(lastServed.get(terminalId));
    }

    @Override
    public void close() {
        closing = true;
        server.stop(0);
        customers.values().forEach(ExecutorService::shutdownNow);
        claimedSessions.values().forEach(ExecutorService::shutdownNow);
        requests.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            try {
                route(exchange, path);
            } catch (IllegalArgumentException e) {
                sendJson(exchange, 404, Map.of("detail", String.valueOf(e.getMessage())));
            } catch (IOException | RuntimeException e) {
                log.warn("demo web request failed path={} error={}", path, e.toString());
                sendJson(exchange, 502, Map.of("detail", "the request could not be served"));
            }
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        if (path.equals("/") || path.equals("/app") || path.equals("/itm")) {
            redirect(exchange, path.equals("/itm") ? "/itm/" : "/app/");
        } else if (path.equals("/itm/")) {
            sendJson(exchange, 200, Map.of("itms", branch.itms().stream().map(Itm::terminalId).toList()));
        } else if (path.startsWith("/api/v1/")) {
            proxy(exchange);
        } else if (path.startsWith("/app/")) {
            asset(exchange, "app", path.substring("/app/".length()));
        } else if (SIM_SMS.matcher(path).matches()) {
            Matcher sms = SIM_SMS.matcher(path);
            sms.matches();
            sendJson(exchange, 200, Map.of("messages", branch.smsGateway().inbox(sms.group(1)).messages()));
        } else if (path.equals("/sim/forms/sample")) {
            sample(exchange);
        } else if (SIM_TELLER.matcher(path).matches()) {
            Matcher teller = SIM_TELLER.matcher(path);
            teller.matches();
            if (!teller.group(1).equals(branch.counter().terminalId())) {
                throw new IllegalArgumentException("no teller terminal " + teller.group(1));
            }
            presentToTeller(exchange);
        } else if (path.startsWith("/sim/")) {
            Matcher sim = SIM_ITM.matcher(path);
            if (!sim.matches()) {
                throw new IllegalArgumentException("no such page");
            }
            Itm itm = branch.itm(sim.group(1));
            switch (sim.group(2)) {
                case "screen" -> screen(exchange, itm);
                case "cardless" -> cardless(exchange, itm);
                case "session-qr.png" -> sessionQr(exchange, itm);
                default -> present(exchange, itm);
            }
        } else {
            Matcher page = ITM_PAGE.matcher(path);
            if (!page.matches()) {
                throw new IllegalArgumentException("no such page");
            }
            Itm itm = branch.itm(page.group(1));
            if (!path.startsWith("/itm/" + itm.terminalId() + "/")) {
                redirect(exchange, "/itm/" + itm.terminalId() + "/");
            } else {
                asset(exchange, "itm", page.group(2));
            }
        }
    }

    private void asset(HttpExchange exchange, String folder, String name) throws IOException {
        String file = name.isEmpty() ? "index.html" : name;
        if (!ASSET.matcher(file).matches()) {
            throw new IllegalArgumentException("no such page");
        }
        try (InputStream in = DemoWebServer.class.getResourceAsStream("/web/" + folder + "/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no such page");
            }
            byte[] body = in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPES.get(file.substring(file.lastIndexOf('.')
                    + 1)));
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            send(exchange, 200, body);
        }
    }

    /** Same-origin proxy to channel-api, so the page needs no CORS; the customer's bearer token passes through. */
    private void proxy(HttpExchange exchange) throws IOException {
        URI target = branch.channelApiUrl().resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(15))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : FORWARDED_REQUEST_HEADERS) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        HttpResponse<byte[]> response = sendUpstream(request.build());
        response.headers().firstValue("Content-Type")
                .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, response.statusCode(), response.body());
    }

    private void screen(HttpExchange exchange, Itm itm) throws IOException {
        ScreenMirror mirror = mirrors.get(itm.terminalId());
        Screen.View view = mirror.view();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("terminalId", itm.terminalId());
        answer.put("screenId", view.screenId());
        answer.put("message", view.message());
        answer.put("details", new TreeMap<>(view.details()));
        answer.put("at", view.at().toString());
        answer.put("behind", mirror.behind());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        sendJson(exchange, 200, answer);
    }

    private void present(HttpExchange exchange, Itm itm) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            sendJson(exchange, 405, Map.of("detail", "POST the token id"));
            return;
        }
        JsonNode body = json.readTree(exchange.getRequestBody());
        String tokenId = body == null ? "" : body.path("tokenId").asText("");
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!TOKEN_ID.matcher(tokenId).matches() || authorization == null) {
            sendJson(exchange, 400, Map.of("detail", "a token id and the customer's Authorization header are needed"));
            return;
        }
        Optional<String> text = qrText(branch.channelApiUrl().resolve("/api/v1/cardless/tokens/" + tokenId
                + "/qr.png"), authorization);
        if (text.isEmpty()) {
            sendJson(exchange, 422, Map.of("detail", "the QR code could not be fetched or read"));
            return;
        }
        ExecutorService customer = customers.get(itm.terminalId());
        CompletableFuture<TransactionOutcome> served = CompletableFuture.supplyAsync(() -> {
            itm.camera().present(text.get());
            TransactionOutcome outcome = itm.agent().serveNextCustomer();
            log.info("demo customer served terminal={} token={} result={}", itm.terminalId(),
                    tokenId.substring(0, 8), outcome.result());
            return outcome;
        }, customer);
        lastServed.put(itm.terminalId(), served);
        sendJson(exchange, 202, Map.of("terminalId", itm.terminalId(), "status", "PRESENTED"));
    }

    /** The customer presses "cardless" at the ITM: its screen shows the session code for the app to scan. */
    private void cardless(HttpExchange exchange, Itm itm) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            sendJson(exchange, 405, Map.of("detail", "POST to press the button"));
            return;
        }
        customers.get(itm.terminalId()).submit(() -> itm.agent().pressCardless());
        sendJson(exchange, 202, Map.of("terminalId", itm.terminalId(), "status", "PRESSED"));
    }

    /** The QR code of the session code on the screen the page shows now, as the ITM's screen draws it. */
    private void sessionQr(HttpExchange exchange, Itm itm) throws IOException {
        String code = mirrors.get(itm.terminalId()).view().details().get("sessionCode");
        if (code == null) {
            sendJson(exchange, 404, Map.of("detail", "the screen shows no session code"));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "image/png");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, 200, QrImages.toPng(code, 240));
    }

    /** The ITM serves each claimed session the hub authorises, one at a time, until the server closes. */
    private void serveClaimedSessions(Itm itm) {
        while (!closing && !Thread.currentThread().isInterrupted()) {
            try {
                ItmAgent agent = itm.agent();
                if (agent == null) {
                    LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                    continue;
                }
                agent.serveClaimedSession(Duration.ofSeconds(1)).ifPresent(outcome -> {
                    lastServed.put(itm.terminalId(), CompletableFuture.completedFuture(outcome));
                    log.info("demo claimed session served terminal={} result={}", itm.terminalId(),
                            outcome.result());
                });
            } catch (RuntimeException e) {
                log.warn("demo claimed session failed terminal={} error={}", itm.terminalId(), e.toString());
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
    }

    /** Sample values for a form, as the customer named by {@code username} would fill it. */
    private void sample(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        CustomerProfile profile = DemoCustomers.profile(query.getOrDefault("username", ""))
                .orElseThrow(() -> new IllegalArgumentException("no demo customer " + query.get("username")));
        String type = query.getOrDefault("type", "");
        if (!FormSamples.TYPES.contains(type)) {
            throw new IllegalArgumentException("no sample for business type " + type);
        }
        sendJson(exchange, 200, samples.sample(type, profile));
    }

    /**
     * The customer holds the phone, showing the submitted form's QR code (or a large-cash booking's code), up to the
     * teller terminal's scanner: the code is read from the PNG channel-api serves to that customer.
     */
    private void presentToTeller(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            sendJson(exchange, 405, Map.of("detail", "POST the draft id"));
            return;
        }
        JsonNode body = json.readTree(exchange.getRequestBody());
        String draftId = body == null ? "" : body.path("draftId").asText("");
        // or a large-cash booking's code (docs/cash-bookings.md)
        String bookingId = body == null ? "" : body.path("bookingId").asText("");
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        boolean booking = draftId.isEmpty() && DRAFT_ID.matcher(bookingId).matches();
        if (!(booking || DRAFT_ID.matcher(draftId).matches()) || authorization == null) {
            sendJson(exchange, 400, Map.of("detail",
                    "a draft or booking id and the customer's Authorization header are needed"));
            return;
        }
        Optional<String> text = qrText(branch.channelApiUrl().resolve(booking
                ? "/api/v1/cash-bookings/" + bookingId + "/code.png"
                : "/api/v1/forms/drafts/" + draftId + "/qr.png"), authorization);
        if (text.isEmpty()) {
            sendJson(exchange, 422, Map.of("detail", "the form's QR code could not be fetched or read"));
            return;
        }
        branch.counter().camera().present(text.get());
        sendJson(exchange, 202, Map.of("terminalId", branch.counter().terminalId(), "status", "PRESENTED"));
    }

    private Optional<String> qrText(URI png, String authorization) throws IOException {
        HttpResponse<byte[]> response = sendUpstream(HttpRequest.newBuilder(png).timeout(Duration.ofSeconds(10))
                .header("Authorization", authorization).GET().build());
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        return QrImages.decode(ImageIO.read(new ByteArrayInputStream(response.body())));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private HttpResponse<byte[]> sendUpstream(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, json.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
