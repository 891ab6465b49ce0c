package io.branchlink.sim.app;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.prefill.catalog.FormDefinition;
import io.branchlink.prefill.validation.FieldError;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.QrImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import org.apache.commons.codec.binary.Base32;

/**
 * One customer's phone running the bank's app, talking to channel-api over HTTP as the real app would. It keeps the
 * soft-OTP secret it gets when its phone is bound and is its own authenticator. When the risk engine asks for a
 * second factor (403 {@code STEP_UP_REQUIRED} with a {@code stepUp}) on login or staging, it passes the step-up as
 * the customer would, with the passkey when the phone has one and the step-up takes it, else with a soft-OTP code,
 * and sends the request again ({@link #lastStepUp()} says what it did). Not thread safe: one instance is one phone.
 */
public final class SimulatedApp {

    private static final java.util.regex.Pattern SMS_CODE = java.util.regex.Pattern.compile("\\b(\\d{6})\\b");

    private final URI baseUrl;
    private final String deviceId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private String session;
    /** The soft-OTP secret from the answer that bound this phone; {@code null} before. */
    private byte[] otpSecret;
    private PhonePasskeys passkeys;
    /** The last TOTP time step this app sent for a step-up: each step is accepted once per phone. */
    private long lastOtpStep = Long.MIN_VALUE;
    private StepUpTaken lastStepUp;

    public SimulatedApp(URI baseUrl, String deviceId) {
        this.baseUrl = baseUrl;
        this.deviceId = deviceId;
    }

    public String deviceId() {
        return deviceId;
    }

    /**
     * Logs in from this phone, passing a login step-up with a factor of this phone if the risk engine asks for one;
     * returns whether the phone is already bound to the customer.
     */
    public boolean login(String username, String password) {
        String previous = session;
        // a login and its step-up are sent without a session: the step-up id and the phone's factor are the proof
        session = null;
        Map<String, Object> body = new LinkedHashMap<>(
                Map.of("username", username, "password", password, "deviceId", deviceId));
        JsonNode answer;
        try {
            answer = withStepUp("LOGIN", "POST", "/api/v1/sessions", body);
        } catch (RuntimeException e) {
            session = previous;
            throw e;
        }
        session = answer.path("token").asText();
        return answer.path("deviceBound").asBoolean();
    }

    /** What the app did for the last step-up it passed, or {@code null} when it never passed one. */
    public StepUpTaken lastStepUp() {
        return lastStepUp;
    }

    /** Whether this phone has a passkey registered by this app (its biometric unlock). */
    public boolean hasPasskey() {
        return passkeys != null;
    }

    /**
     * Sends the request; on 403 {@code STEP_UP_REQUIRED} with a step-up, passes it and sends the same body again
     * with {@code stepUpId}. A second step-up for the retried request is not passed again: its refusal is thrown.
     */
    private JsonNode withStepUp(String action, String method, String path, Map<String, Object> body) {
        try {
            return call(method, path, body);
        } catch (AppException e) {
            if (e.stepUp() == null) {
                throw e;
            }
            passStepUp(action, e);
            Map<String, Object> retry = new LinkedHashMap<>(body);
            retry.put("stepUpId", e.stepUp().id());
            return call(method, path, retry);
        }
    }

    /**
     * Passes a step-up with the passkey when the phone has one and the step-up takes BIOMETRIC (it can be used any
     * number of times), else with the soft-OTP code of the next time step not yet sent (a step is accepted once per
     * phone; the next one is still inside channel-api's window of one step either side, so the app never waits).
     *
     * @throws AppException the step-up's refusal, when the phone has none of the factors it takes
     */
    private void passStepUp(String action, AppException required) {
        AppException.StepUpRequired stepUp = required.stepUp();
        String base = "/api/v1/step-ups/" + stepUp.id();
        if (passkeys != null && stepUp.factors().contains("BIOMETRIC")) {
            JsonNode options = call("POST", base + "/passkey/options", Map.of());
            call("POST", base + "/passkey", passkeys.get(options));
            lastStepUp = new StepUpTaken(action, stepUp.id(), "BIOMETRIC");
            return;
        }
        if (otpSecret != null && stepUp.factors().contains("SOFT_OTP")) {
            long now = Instant.now().getEpochSecond() / 30;
            long step = Math.max(now, lastOtpStep + 1);
            if (step > now + 1) {
                throw new AppException(403, "STEP_UP_REQUIRED",
                        "no soft-OTP code left in this 30-second window for another step-up");
            }
            lastOtpStep = step;
            call("POST", base + "/otp", Map.of("code", otpCode(Instant.ofEpochSecond(step * 30))));
            lastStepUp = new StepUpTaken(action, stepUp.id(), "SOFT_OTP");
            return;
        }
        throw required;
    }

    /**
     * Binds this phone to the logged-in customer with the code channel-api sends by SMS to the customer's registered
     * number, read from {@code inbox} (docs/channel-api.md, "Device binding"). A cool-off with lower limits starts.
     *
     * @throws IllegalStateException when no text with a code reached the inbox within 5 seconds
     * @throws AppException when channel-api refuses, for example 503 when its SMS gateway is down
     */
    public BoundDevice bindDevice(String name, SmsInbox inbox) {
        int before = inbox.messages().size();
        String challengeId = call("POST", "/api/v1/devices/challenges", Map.of("name", name, "method", "SMS"))
                .path("id").asText();
        String code = awaitCode(inbox, before);
        return bound(call("POST", "/api/v1/devices", Map.of("challengeId", challengeId, "code", code)));
    }

    /**
     * Asks to bind this phone with approval from a phone already bound; no SMS is sent. Then a bound phone calls
     * {@link #approveBinding} and this one {@link #completeBinding}.
     *
     * @return the challenge id
     */
    public String requestBindingApproval(String name) {
        return call("POST", "/api/v1/devices/challenges", Map.of("name", name, "method", "APPROVAL")).path("id")
                .asText();
    }

    /** On a bound phone: the customer's phones that wait to be bound. */
    public List<BindingRequest> pendingBindings() {
        List<BindingRequest> pending = new ArrayList<>();
        for (JsonNode node : call("GET", "/api/v1/devices/challenges", null)) {
            pending.add(new BindingRequest(node.path("id").asText(), node.path("deviceId").asText(),
                    node.path("name").asText(), text(node, "method"), instant(node, "createdAt"),
                    instant(node, "expiresAt")));
        }
        return pending;
    }

    /** On a bound phone: approves binding the phone that opened challenge {@code challengeId}. */
    public void approveBinding(String challengeId) {
        call("POST", "/api/v1/devices/challenges/" + challengeId + "/approval", null);
    }

    /**
     * Opens an account for a visitor who is not yet a customer, from this phone (docs/onboarding.md): sends the
     * phone number, the name and resident ID number and the chosen credentials, reads the code channel-api sends by
     * SMS from {@code inbox} and completes with it and the selfie's liveness token. The app is then logged in as the
     * new customer, with this phone bound and its soft-OTP secret kept.
     *
     * @throws IllegalStateException when no text with a code reached the inbox within 5 seconds
     * @throws AppException when channel-api refuses, for example 422 DO_NOT_HONOUR when the identity does not match
     */
    public Onboarded onboard(String phone, String fullName, String residentId, String username, String password,
            String livenessToken, SmsInbox inbox) {
        int before = inbox.messages().size();
        session = null;
        String onboardingId = call("POST", "/api/v1/onboarding", Map.of("phone", phone, "fullName", fullName,
                "residentId", residentId, "deviceId", deviceId, "username", username, "password", password))
                .path("id").asText();
        String code = awaitCode(inbox, before);
        Map<String, Object> verify = new LinkedHashMap<>();
        verify.put("code", code);
        if (livenessToken != null) {
            verify.put("livenessToken", livenessToken);
        }
        JsonNode answer = call("POST", "/api/v1/onboarding/" + onboardingId + "/verify", verify);
        session = answer.path("token").asText();
        String secret = answer.path("otp").path("secret").asText(null);
        if (secret != null) {
            otpSecret = new Base32().decode(secret);
        }
        JsonNode account = answer.path("account");
        return new Onboarded(UUID.fromString(answer.path("customerId").asText()),
                UUID.fromString(account.path("id").asText()), account.path("accountNumber").asText(),
                account.path("accountClass").asText());
    }

    /** Binds this phone once a bound phone approved its challenge. */
    public BoundDevice completeBinding(String challengeId) {
        return bound(call("POST", "/api/v1/devices", Map.of("challengeId", challengeId)));
    }

    /** Keeps the soft-OTP secret of a binding answer (only the answer that bound the phone has one). */
    private BoundDevice bound(JsonNode answer) {
        String secret = answer.path("otp").path("secret").asText(null);
        if (secret != null) {
            otpSecret = new Base32().decode(secret);
        }
        return boundDevice(answer);
    }

    /** Whether this phone got a soft-OTP secret when it was bound. */
    public boolean hasOtp() {
        return otpSecret != null;
    }

    /** The 6-digit soft-OTP code the phone's authenticator shows now. */
    public String otpCode() {
        return otpCode(Instant.now());
    }

    /**
     * The 6-digit soft-OTP code of {@code at} (TOTP, RFC 6238: HMAC-SHA1, 30-second steps), as an authenticator
     * app computes it from the secret in the binding answer.
     *
     * @throws IllegalStateException when this phone was not bound by this app, so it has no secret
     */
    public String otpCode(Instant at) {
        if (otpSecret == null) {
            throw new IllegalStateException("this phone has no soft-OTP secret: it was not bound by this app");
        }
        try {
            return new TimeBasedOneTimePasswordGenerator().generateOneTimePasswordString(
                    new SecretKeySpec(otpSecret, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1), at,
                    Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("the soft-OTP secret is not a usable key", e);
        }
    }

    /**
     * Tests a soft-OTP code with channel-api ({@code POST /api/v1/devices/current/otp/verifications}).
     *
     * @return {@code true} when channel-api verified it
     * @throws AppException when channel-api refuses it: 403 {@code STEP_UP_REQUIRED} for a wrong or reused code,
     *         403 {@code ACCOUNT_BLOCKED} while locked, 409 for a phone without soft OTP
     */
    public boolean verifyOtp(String code) {
        return call("POST", "/api/v1/devices/current/otp/verifications", Map.of("code", code)).path("verified")
                .asBoolean();
    }

    /** The phones bound to the logged-in customer. */
    public List<BoundDevice> boundDevices() {
        List<BoundDevice> devices = new ArrayList<>();
        for (JsonNode node : call("GET", "/api/v1/devices", null)) {
            devices.add(boundDevice(node));
        }
        return devices;
    }

    /**
     * Registers a passkey of this phone's (software) platform authenticator, which answers as a web or app client at
     * {@code origin}; the phone must be bound and logged in (docs/channel-api.md, "Passkeys (biometric)").
     *
     * @return the credential id, base64url
     * @throws AppException when channel-api refuses, for example 403 ACCESS_DENIED from a phone that is not bound
     */
    public String registerPasskey(String origin) {
        PhonePasskeys authenticator = new PhonePasskeys(origin);
        JsonNode options = call("POST", "/api/v1/devices/current/passkeys/options", Map.of());
        String credentialId = call("POST", "/api/v1/devices/current/passkeys", authenticator.create(options))
                .path("credentialId").asText();
        passkeys = authenticator;
        return credentialId;
    }

    /**
     * The biometric unlock: signs a fresh challenge with the passkey registered from this phone.
     *
     * @return the outcome channel-api answered, {@code VERIFIED}
     * @throws IllegalStateException when this phone has no passkey
     * @throws AppException when channel-api refuses the assertion
     */
    public String unlockWithPasskey() {
        if (passkeys == null) {
            throw new IllegalStateException("no passkey registered from this phone");
        }
        JsonNode options = call("POST", "/api/v1/devices/current/passkeys/assertions/options", Map.of());
        return call("POST", "/api/v1/devices/current/passkeys/assertions", passkeys.get(options)).path("outcome")
                .asText();
    }

    private static BoundDevice boundDevice(JsonNode node) {
        return new BoundDevice(node.path("deviceId").asText(), node.path("name").asText(), instant(node, "boundAt"));
    }

    /** The 6-digit code of the first text with one that arrived after the first {@code before} texts. */
    private static String awaitCode(SmsInbox inbox, int before) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            List<String> messages = inbox.messages();
            for (String message : messages.subList(Math.min(before, messages.size()), messages.size())) {
                java.util.regex.Matcher code = SMS_CODE.matcher(message);
                if (code.find()) {
                    return code.group(1);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no SMS with a binding code arrived");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    public List<Account> accounts() {
        List<Account> accounts = new ArrayList<>();
        for (JsonNode node : call("GET", "/api/v1/accounts", null)) {
            accounts.add(new Account(UUID.fromString(node.path("id").asText()), node.path("name").asText(),
                    Money.parse(node.path("balance").decimalValue().toPlainString(), node.path("currency").asText()),
                    Money.parse(node.path("available").decimalValue().toPlainString(), node.path("currency").asText())));
        }
        return accounts;
    }

    public Account account(UUID id) {
        return accounts().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    /** Stages a cardless withdrawal, passing a step-up if the risk engine asks for one. */
    public Staged stageWithdrawal(UUID accountId, Money amount, String branchId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", accountId.toString());
        body.put("amount", amount.toDecimal());
        body.put("currency", amount.currencyCode());
        if (branchId != null) {
            body.put("branchId", branchId);
        }
        return staged(withStepUp("CARDLESS_WITHDRAWAL", "POST", "/api/v1/cardless/withdrawals", body));
    }

    /** Stages a cardless deposit, passing a step-up if the risk engine asks for one. */
    public Staged stageDeposit(UUID accountId, String branchId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", accountId.toString());
        if (branchId != null) {
            body.put("branchId", branchId);
        }
        return staged(withStepUp("CARDLESS_DEPOSIT", "POST", "/api/v1/cardless/deposits", body));
    }

    /**
     * Applies for a credit line paying into {@code accountId}, passing a step-up if the risk engine asks for one.
     *
     * @param residentId the applicant's resident ID number when the profile holds none, else null
     */
    public LoanApplication applyForLoan(UUID accountId, String residentId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", accountId.toString());
        if (residentId != null) {
            body.put("residentId", residentId);
        }
        JsonNode answer = withStepUp("LOAN_APPLICATION", "POST", "/api/v1/loans/applications", body);
        List<String> reasons = new ArrayList<>();
        answer.path("reasons").forEach(r -> reasons.add(r.asText()));
        JsonNode loan = answer.path("loan");
        return new LoanApplication(answer.path("applicationId").asText(), answer.path("status").asText(),
                List.copyOf(reasons), loan.isMissingNode() || loan.isNull() ? null : loan(loan));
    }

    /**
     * Signs an offered line's contract: channel-api always asks for the second factor, which the app passes as for
     * any other step-up (the passkey, else the soft-OTP code).
     */
    public Loan signLoan(String loanId) {
        return loan(withStepUp("LOAN_APPLICATION", "POST", "/api/v1/loans/" + loanId + "/signature",
                new LinkedHashMap<>()));
    }

    /**
     * Draws on an active line with one new Idempotency-Key, sent again with the retry after a step-up.
     *
     * @param method EQUAL_INSTALMENT or EQUAL_PRINCIPAL
     */
    public Drawdown drawLoan(String loanId, Money amount, int termMonths, String method) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", amount.toDecimal());
        body.put("currency", amount.currencyCode());
        body.put("termMonths", termMonths);
        body.put("method", method);
        Map<String, String> headers = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        String path = "/api/v1/loans/" + loanId + "/drawdowns";
        JsonNode answer;
        try {
            answer = call("POST", path, body, headers);
        } catch (AppException e) {
            if (e.stepUp() == null) {
                throw e;
            }
            passStepUp("LOAN_DRAWDOWN", e);
            body.put("stepUpId", e.stepUp().id());
            answer = call("POST", path, body, headers);
        }
        return new Drawdown(answer.path("id").asText(), answer.path("number").asInt(),
                Money.parse(answer.path("amount").decimalValue().toPlainString(), amount.currencyCode()),
                answer.path("termMonths").asInt(), answer.path("instalments").size(), answer.path("status").asText());
    }

    /** A credit line of the customer's. */
    public Loan loan(String loanId) {
        return loan(call("GET", "/api/v1/loans/" + loanId, null));
    }

    /** The signed, sealed contract of a line (PDF). */
    public byte[] loanContract(String loanId) {
        return bytes("/api/v1/loans/" + loanId + "/contract");
    }

    /** The customer's credit lines. */
    public List<Loan> loans() {
        List<Loan> loans = new ArrayList<>();
        for (JsonNode node : call("GET", "/api/v1/loans", null)) {
            loans.add(loan(node));
        }
        return loans;
    }

    /** The drawdowns of a credit line, with their outstanding principal. */
    public List<Drawdown> loanDrawdowns(String loanId) {
        JsonNode node = call("GET", "/api/v1/loans/" + loanId, null);
        String currency = node.path("currency").asText();
        List<Drawdown> drawdowns = new ArrayList<>();
        for (JsonNode d : node.path("drawdowns")) {
            drawdowns.add(new Drawdown(d.path("id").asText(), d.path("number").asInt(), money(d, "amount", currency),
                    d.path("termMonths").asInt(), d.path("instalments").size(), d.path("status").asText()));
        }
        return drawdowns;
    }

    /**
     * Repays part of a drawdown early: the interest and penalty accrued first, then principal. {@code idempotencyKey}
     * identifies this repayment: sending it again with the same key answers the first repayment
     * ({@link LoanRepayment#replayed()}) and takes the money once.
     */
    public LoanRepayment repayLoan(String loanId, String drawdownId, Money amount, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("drawdownId", drawdownId);
        body.put("amount", amount.toDecimal());
        body.put("currency", amount.currencyCode());
        return loanRepayment(sendKeyed("/api/v1/loans/" + loanId + "/repayments", body, idempotencyKey));
    }

    /**
     * Repays everything owed on a drawdown (principal, interest and penalty accrued); idempotent as
     * {@link #repayLoan}.
     */
    public LoanRepayment repayLoanInFull(String loanId, String drawdownId, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("drawdownId", drawdownId);
        body.put("full", true);
        return loanRepayment(sendKeyed("/api/v1/loans/" + loanId + "/repayments", body, idempotencyKey));
    }

    private static LoanRepayment loanRepayment(Keyed answer) {
        JsonNode node = answer.body();
        String currency = node.path("currency").asText();
        return new LoanRepayment(node.path("id").asText(), node.path("drawdownId").asText(), text(node, "kind"),
                java.time.LocalDate.parse(node.path("businessDate").asText()), money(node, "principal", currency),
                money(node, "interest", currency), money(node, "penalty", currency), money(node, "total", currency),
                answer.replayed());
    }

    private static Loan loan(JsonNode node) {
        String currency = node.path("currency").asText();
        return new Loan(node.path("id").asText(), node.path("reference").asText(), node.path("status").asText(),
                Money.parse(node.path("limit").decimalValue().toPlainString(), currency),
                Money.parse(node.path("available").decimalValue().toPlainString(), currency),
                Money.parse(node.path("outstanding").decimalValue().toPlainString(), currency),
                node.path("annualRate").decimalValue());
    }

    /** The token's status as channel-api reports it: ACTIVE, USED, CANCELLED or EXPIRED. */
    public String tokenStatus(String tokenId) {
        return call("GET", "/api/v1/cardless/tokens/" + tokenId, null).path("status").asText();
    }

    public void cancel(String tokenId) {
        call("DELETE", "/api/v1/cardless/tokens/" + tokenId, null);
    }

    /**
     * What the phone's screen shows: the QR code as channel-api renders it, read back from the PNG as a camera
     * would read the screen.
     */
    public String qrShownOnScreen(Staged staged) {
        HttpResponse<byte[]> response = send(request("GET", staged.qrPng(), null), HttpResponse.BodyHandlers
                .ofByteArray());
        if (response.statusCode() != 200) {
            throw new AppException(response.statusCode(), "QR", "the QR code could not be fetched");
        }
        try {
            return QrImages.decode(ImageIO.read(new ByteArrayInputStream(response.body())))
                    .orElseThrow(() -> new IllegalStateException("the served QR code does not decode"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- the ITM shows the code, the phone scans it (flow 4, docs/architecture.md) ---

    /** Reads the session code from the image of an ITM's screen, as the phone's camera does; empty when none. */
    public Optional<String> scanItmScreen(BufferedImage screenImage) {
        return QrImages.decode(screenImage);
    }

    /**
     * Claims a scanned ITM code for a withdrawal of {@code amount} from {@code accountId} at that ITM, passing a
     * step-up if the risk engine asks for one. {@code requestId} makes the claim idempotent.
     */
    public ItmSession claimItmWithdrawal(String code, UUID accountId, Money amount, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("kind", "WITHDRAWAL");
        body.put("accountId", accountId.toString());
        body.put("amount", amount.toDecimal());
        body.put("currency", amount.currencyCode());
        body.put("requestId", requestId);
        return ItmSession.of(withStepUp("CARDLESS_WITHDRAWAL", "POST", "/api/v1/itm-sessions/claims", body));
    }

    /** Claims a scanned ITM code for a deposit into {@code accountId}; the ITM counts the notes. */
    public ItmSession claimItmDeposit(String code, UUID accountId, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("kind", "DEPOSIT");
        body.put("accountId", accountId.toString());
        body.put("requestId", requestId);
        return ItmSession.of(withStepUp("CARDLESS_DEPOSIT", "POST", "/api/v1/itm-sessions/claims", body));
    }

    /** A claimed ITM session as the app follows it. */
    public ItmSession itmSession(String sessionId) {
        return ItmSession.of(call("GET", "/api/v1/itm-sessions/" + sessionId, null));
    }

    // --- counter business (flow 3, docs/counter-business.md) ---

    /** Every form definition of the counter catalog, as channel-api serves it. */
    public List<FormDefinition> catalog() {
        JsonNode answer = call("GET", "/api/v1/forms/catalog", null);
        JsonNode forms = answer.isArray() ? answer : answer.path("forms");
        List<FormDefinition> definitions = new ArrayList<>();
        for (JsonNode form : forms) {
            try {
                definitions.add(json.treeToValue(form, FormDefinition.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return definitions;
    }

    /** Starts a draft of business {@code type}; values are stored as typed and checked on {@link #submit}. */
    public Draft createDraft(String type, Map<String, String> values) {
        return draft(call("POST", "/api/v1/forms/drafts", Map.of("type", type, "values", values)));
    }

    /** Replaces the draft's values; {@code 409} unless it is still a {@code DRAFT}. */
    public Draft updateDraft(String draftId, Map<String, String> values) {
        return draft(call("PUT", "/api/v1/forms/drafts/" + draftId, Map.of("values", values)));
    }

    /**
     * Submits the draft for validation; the answer carries the FORM token.
     *
     * @param branchId the branch to stage it at as well, or {@code null} to choose later
     * @throws FormInvalidException with every bad field when channel-api answers {@code 422}
     */
    public Draft submit(String draftId, String branchId) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (branchId != null) {
            body.put("branchId", branchId);
        }
        return draft(call("POST", "/api/v1/forms/drafts/" + draftId + "/submit", body));
    }

    /** Stages a submitted (or staged) form at a branch; {@code 409} otherwise. */
    public Draft stage(String draftId, String branchId) {
        return draft(call("POST", "/api/v1/forms/drafts/" + draftId + "/stage", Map.of("branchId", branchId)));
    }

    /**
     * "I'm at the branch": reports the phone's position; inside a branch's radius, the customer's submitted forms
     * are staged there and a queue ticket is issued (the same one on a second arrival the same day).
     */
    public Arrival arrive(double latitude, double longitude, double accuracyMetres) {
        return arrival(call("POST", "/api/v1/arrivals", Map.of("latitude", latitude, "longitude", longitude,
                "accuracyMetres", accuracyMetres)));
    }

    /** "Take a ticket" for a branch from the app; the submitted forms are staged there too. */
    public Arrival takeTicket(String branchId) {
        return arrival(call("POST", "/api/v1/branches/" + branchId + "/tickets", Map.of()));
    }

    private static Arrival arrival(JsonNode node) {
        List<String> staged = new ArrayList<>();
        node.path("staged").forEach(id -> staged.add(id.asText()));
        JsonNode ticket = node.path("ticket");
        return new Arrival(node.path("branchId").asText(), staged, ticket.path("ticketId").asText(),
                ticket.path("number").asInt(), ticket.path("formsStaged").asInt());
    }

    /** Withdraws the form; {@code 409} once it is decided. */
    public Draft cancelDraft(String draftId) {
        return draft(call("DELETE", "/api/v1/forms/drafts/" + draftId, null));
    }

    public Draft draft(String draftId) {
        return draft(call("GET", "/api/v1/forms/drafts/" + draftId, null));
    }

    /** The customer's own drafts, newest first. */
    public List<Draft> drafts() {
        List<Draft> drafts = new ArrayList<>();
        for (JsonNode node : call("GET", "/api/v1/forms/drafts", null)) {
            drafts.add(draft(node));
        }
        return drafts;
    }

    /** The FORM token as a PNG QR code; {@code 409} before submission. */
    public byte[] formQrPng(String draftId) {
        return bytes("/api/v1/forms/drafts/" + draftId + "/qr.png");
    }

    /** What the phone's screen shows for a submitted form: its QR code read back from the PNG. */
    public String formQrShownOnScreen(String draftId) {
        try {
            return QrImages.decode(ImageIO.read(new ByteArrayInputStream(formQrPng(draftId))))
                    .orElseThrow(() -> new IllegalStateException("the served QR code does not decode"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The customer's vouchers. */
    public List<Voucher> vouchers() {
        List<Voucher> vouchers = new ArrayList<>();
        for (JsonNode node : call("GET", "/api/v1/vouchers", null)) {
            vouchers.add(new Voucher(node.path("reference").asText(), text(node, "draftId"), text(node, "type"),
                    text(node, "branchId"), text(node, "tellerId"), text(node, "contentHash"),
                    node.path("sizeBytes").asLong(), instant(node, "createdAt")));
        }
        return vouchers;
    }

    /** The voucher's PDF; {@code 404} for another customer's. */
    public byte[] voucherPdf(String reference) {
        return bytes("/api/v1/vouchers/" + reference);
    }

    // --- large-cash bookings (docs/cash-bookings.md) ---

    /**
     * Books a large cash withdrawal at a branch for a day, passing a step-up if the risk engine asks for one; a
     * fresh requestId per call.
     */
    public CashBooking bookCash(UUID accountId, Money amount, java.time.LocalDate date, String branchId,
            String denomination) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account", accountId.toString());
        body.put("amount", amount.toDecimal());
        body.put("date", date.toString());
        body.put("branchId", branchId);
        body.put("denomination", denomination);
        body.put("requestId", UUID.randomUUID().toString());
        return cashBooking(withStepUp("LARGE_CASH_BOOKING", "POST", "/api/v1/cash-bookings", body));
    }

    public CashBooking cashBooking(String bookingId) {
        return cashBooking(call("GET", "/api/v1/cash-bookings/" + bookingId, null));
    }

    public List<CashBooking> cashBookings() {
        List<CashBooking> bookings = new ArrayList<>();
        for (JsonNode node : call("GET", "/api/v1/cash-bookings", null)) {
            bookings.add(cashBooking(node));
        }
        return bookings;
    }

    /** Cancels a booking before its day; the hold is released. */
    public CashBooking cancelCashBooking(String bookingId) {
        return cashBooking(call("DELETE", "/api/v1/cash-bookings/" + bookingId, null));
    }

    /** What the phone's screen shows for a booking at the counter: its code read back from the PNG. */
    public String cashBookingCodeShownOnScreen(String bookingId) {
        try {
            return QrImages.decode(ImageIO.read(new ByteArrayInputStream(bytes("/api/v1/cash-bookings/" + bookingId
                    + "/code.png")))).orElseThrow(() -> new IllegalStateException("the served QR code does not decode"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CashBooking cashBooking(JsonNode node) {
        String currency = node.path("currency").asText();
        return new CashBooking(node.path("id").asText(), node.path("status").asText(),
                UUID.fromString(node.path("account").asText()), money(node, "amount", currency),
                date(node, "date"), text(node, "branchId"), text(node, "denomination"),
                text(node, "voucherReference"));
    }

    /** The customer's "Mine" view over the last twelve months (docs/mine.md). */
    public Mine mine() {
        return mine(12);
    }

    /** The customer's "Mine" view over the last {@code months} calendar months, 1 to 60; others answer 400. */
    public Mine mine(int months) {
        JsonNode node = call("GET", "/api/v1/mine?months=" + months, null);
        List<MineTotal> totals = new ArrayList<>();
        for (JsonNode total : node.path("totals")) {
            String currency = total.path("currency").asText();
            totals.add(new MineTotal(money(total, "assets", currency), money(total, "liabilities", currency),
                    money(total, "netWorth", currency)));
        }
        List<MineLine> lines = new ArrayList<>();
        for (JsonNode line : node.path("lines")) {
            String currency = line.path("currency").asText();
            lines.add(new MineLine(text(line, "kind"), text(line, "product"), text(line, "reference"),
                    text(line, "name"), money(line, "balance", currency),
                    line.hasNonNull("rate") ? line.path("rate").decimalValue() : null,
                    line.hasNonNull("dueDate") ? java.time.LocalDate.parse(text(line, "dueDate")) : null));
        }
        List<MineMonth> monthly = new ArrayList<>();
        for (JsonNode month : node.path("months")) {
            String currency = month.path("currency").asText();
            monthly.add(new MineMonth(java.time.YearMonth.parse(text(month, "month")), money(month, "income", currency),
                    money(month, "expense", currency)));
        }
        List<MineCategory> categories = new ArrayList<>();
        for (JsonNode category : node.path("categories")) {
            categories.add(new MineCategory(text(category, "category"), text(category, "flow"),
                    money(category, "amount", category.path("currency").asText())));
        }
        List<Money> interest = new ArrayList<>();
        for (JsonNode earned : node.path("returns")) {
            interest.add(money(earned, "interest", earned.path("currency").asText()));
        }
        return new Mine(java.time.YearMonth.parse(text(node, "from")), java.time.YearMonth.parse(text(node, "to")),
                totals, lines, monthly, categories, interest);
    }

    private static Money money(JsonNode node, String field, String currency) {
        return Money.parse(node.path(field).decimalValue().toPlainString(), currency);
    }

    private Draft draft(JsonNode node) {
        JsonNode outcome = node.path("outcome");
        DraftOutcome decided = outcome.isObject() ? new DraftOutcome(text(outcome, "outcome"),
                text(outcome, "message"), strings(outcome.path("result")), text(outcome, "tellerId"),
                instant(outcome, "decidedAt")) : null;
        return new Draft(node.path("id").asText(), text(node, "type"), text(node, "status"),
                strings(node.path("values")), text(node, "branchId"), text(node, "token"),
                instant(node, "tokenExpiresAt"), instant(node, "createdAt"), instant(node, "updatedAt"),
                instant(node, "submittedAt"), decided, text(node, "voucherReference"));
    }

    /** The customer's payees. */
    public List<Payee> payees() {
        List<Payee> payees = new ArrayList<>();
        for (JsonNode node : call("GET", "/api/v1/payees", null)) {
            payees.add(payee(node));
        }
        return payees;
    }

    /** Adds another customer of the bank as a payee, by account number and the holder's name. */
    public Payee addPayeeByAccount(String accountNumber, String name) {
        return payee(call("POST", "/api/v1/payees", Map.of("type", "ACCOUNT", "accountNumber", accountNumber,
                "name", name)));
    }

    /** Adds another customer of the bank as a payee, by their registered phone number and name. */
    public Payee addPayeeByPhone(String phone, String name) {
        return payee(call("POST", "/api/v1/payees", Map.of("type", "PHONE", "phone", phone, "name", name)));
    }

    /** Adds an account at another bank as a payee. */
    public Payee addPayeeAtBank(String bankCode, String accountNumber, String name) {
        return payee(call("POST", "/api/v1/payees", Map.of("type", "OTHER_BANK", "bankCode", bankCode,
                "accountNumber", accountNumber, "name", name)));
    }

    /** One of the customer's payees; {@code 404} for another customer's. */
    public Payee payee(String payeeId) {
        return payee(call("GET", "/api/v1/payees/" + payeeId, null));
    }

    public void removePayee(String payeeId) {
        call("DELETE", "/api/v1/payees/" + payeeId, null);
    }

    /**
     * Transfers to a payee under a fresh idempotency key, passing a step-up if the risk engine asks for one (the
     * retry keeps the key, so it can never pay twice).
     */
    public Transfer transferToPayee(UUID fromAccountId, String payeeId, Money amount, String memo) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fromAccountId", fromAccountId.toString());
        body.put("payeeId", payeeId);
        body.put("amount", amount.toDecimal());
        body.put("currency", amount.currencyCode());
        if (memo != null) {
            body.put("memo", memo);
        }
        return transfer(withStepUpAndKey("TRANSFER", "/api/v1/transfers", body, UUID.randomUUID().toString()));
    }

    /** Transfers between two of the customer's own accounts, passing a step-up if asked. */
    public Transfer transferToOwnAccount(UUID fromAccountId, UUID toAccountId, Money amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fromAccountId", fromAccountId.toString());
        body.put("toAccountId", toAccountId.toString());
        body.put("amount", amount.toDecimal());
        body.put("currency", amount.currencyCode());
        return transfer(withStepUpAndKey("TRANSFER", "/api/v1/transfers", body, UUID.randomUUID().toString()));
    }

    /** A transfer as channel-api reports it now (an interbank one moves from SENT to CONFIRMED or REFUNDED). */
    public Transfer transfer(String transferId) {
        return transfer(call("GET", "/api/v1/transfers/" + transferId, null));
    }

    /** The customer's latest transfers, newest first. */
    public List<Transfer> transfers() {
        List<Transfer> transfers = new ArrayList<>();
        for (JsonNode node : call("GET", "/api/v1/transfers", null)) {
            transfers.add(transfer(node));
        }
        return transfers;
    }

    /**
     * Schedules a transfer to a payee under a fresh idempotency key, passing a step-up if the risk engine asks for
     * one (the retry keeps the key, so it can never make two orders). Each due date's transfer is made by the bank's
     * end of day.
     *
     * @param frequency ONCE (on startDate), WEEKLY or MONTHLY
     * @param startDate after today and within a year
     * @param endDate the last date a standing order pays, or null until cancelled
     */
    public TransferOrder scheduleTransferToPayee(UUID fromAccountId, String payeeId, Money amount, String memo,
            String frequency, java.time.LocalDate startDate, java.time.LocalDate endDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fromAccountId", fromAccountId.toString());
        body.put("payeeId", payeeId);
        return scheduleTransfer(body, amount, memo, frequency, startDate, endDate);
    }

    /** As {@link #scheduleTransferToPayee}, between two of the customer's own accounts. */
    public TransferOrder scheduleTransferToOwnAccount(UUID fromAccountId, UUID toAccountId, Money amount,
            String frequency, java.time.LocalDate startDate, java.time.LocalDate endDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fromAccountId", fromAccountId.toString());
        body.put("toAccountId", toAccountId.toString());
        return scheduleTransfer(body, amount, null, frequency, startDate, endDate);
    }

    private TransferOrder scheduleTransfer(Map<String, Object> body, Money amount, String memo, String frequency,
            java.time.LocalDate startDate, java.time.LocalDate endDate) {
        body.put("amount", amount.toDecimal());
        body.put("currency", amount.currencyCode());
        if (memo != null) {
            body.put("memo", memo);
        }
        body.put("frequency", frequency);
        body.put("startDate", startDate.toString());
        if (endDate != null) {
            body.put("endDate", endDate.toString());
        }
        return transferOrder(withStepUpAndKey("TRANSFER", "/api/v1/transfer-orders", body,
                UUID.randomUUID().toString()));
    }

    /** The customer's transfer orders, newest first, with their executions. */
    public List<TransferOrder> transferOrders() {
        List<TransferOrder> orders = new ArrayList<>();
        for (JsonNode node : call("GET", "/api/v1/transfer-orders", null)) {
            orders.add(transferOrder(node));
        }
        return orders;
    }

    /** One of the customer's transfer orders; {@code 404} for another customer's. */
    public TransferOrder transferOrder(String orderId) {
        return transferOrder(call("GET", "/api/v1/transfer-orders/" + orderId, null));
    }

    /** Cancels a transfer order: it pays no more; {@code 409} when already cancelled or finished. */
    public TransferOrder cancelTransferOrder(String orderId) {
        return transferOrder(call("DELETE", "/api/v1/transfer-orders/" + orderId, null));
    }

    private static TransferOrder transferOrder(JsonNode node) {
        List<OrderExecution> executions = new ArrayList<>();
        for (JsonNode e : node.path("executions")) {
            executions.add(new OrderExecution(java.time.LocalDate.parse(e.path("businessDate").asText()),
                    text(e, "status"), text(e, "transferId"), text(e, "reason")));
        }
        return new TransferOrder(node.path("id").asText(), text(node, "frequency"), text(node, "fromAccountId"),
                text(node, "toAccountId"), text(node, "payeeId"),
                money(node, "amount", node.path("currency").asText()), text(node, "memo"),
                date(node, "startDate"), date(node, "endDate"), text(node, "status"), date(node, "nextDate"),
                List.copyOf(executions));
    }

    private static java.time.LocalDate date(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : java.time.LocalDate.parse(value);
    }

    /** As {@link #withStepUp}, with an {@code Idempotency-Key} header that the retry keeps. */
    private JsonNode withStepUpAndKey(String action, String path, Map<String, Object> body, String key) {
        try {
            return sendKeyed(path, body, key).body();
        } catch (AppException e) {
            if (e.stepUp() == null) {
                throw e;
            }
            passStepUp(action, e);
            Map<String, Object> retry = new LinkedHashMap<>(body);
            retry.put("stepUpId", e.stepUp().id());
            return sendKeyed(path, retry, key).body();
        }
    }

    /** A POST with an {@code Idempotency-Key} header; the answer says whether channel-api replayed a first result. */
    private Keyed sendKeyed(String path, Object body, String key) {
        HttpRequest request = HttpRequest.newBuilder(request("POST", path, body), (name, value) -> true)
                .header("Idempotency-Key", key).build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        return new Keyed(answer(response), response.headers().firstValue("Idempotent-Replayed")
                .map(Boolean::parseBoolean).orElse(false));
    }

    private record Keyed(JsonNode body, boolean replayed) {
    }

    private static Payee payee(JsonNode node) {
        return new Payee(node.path("id").asText(), text(node, "kind"), text(node, "bankCode"),
                text(node, "accountNumber"), text(node, "name"), node.path("trusted").asBoolean(),
                node.path("registeredAtCounter").asBoolean());
    }

    private static Transfer transfer(JsonNode node) {
        return new Transfer(node.path("id").asText(), text(node, "kind"), text(node, "state"),
                Money.parse(node.path("amount").decimalValue().toPlainString(), node.path("currency").asText()),
                text(node, "payeeId"), text(node, "refundReason"), text(node, "failureReason"));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isNull() ? null
                : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        return map;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }

    /** A binary download; an error answer is read as a problem detail. */
    private byte[] bytes(String path) {
        HttpResponse<byte[]> response = send(request("GET", path, null), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 400) {
            JsonNode problem;
            try {
                problem = json.readTree(response.body());
            } catch (IOException e) {
                problem = json.createObjectNode();
            }
            throw failure(response.statusCode(), problem == null ? json.createObjectNode() : problem);
        }
        return response.body();
    }

    private AppException failure(int status, JsonNode problem) {
        String code = problem.path("irc").asText(problem.path("code").asText("UNKNOWN"));
        if (status == 422 && problem.path("errors").isArray()) {
            List<FieldError> errors = new ArrayList<>();
            for (JsonNode e : problem.path("errors")) {
                errors.add(new FieldError(e.path("field").asText(), e.path("code").asText(),
                        e.path("message").asText(), e.path("messageZh").asText()));
            }
            return new FormInvalidException(status, code, errors);
        }
        JsonNode stepUp = problem.path("stepUp");
        AppException.StepUpRequired required = null;
        if ("STEP_UP_REQUIRED".equals(code) && stepUp.hasNonNull("id")) {
            List<String> factors = new ArrayList<>();
            stepUp.path("factors").forEach(f -> factors.add(f.asText()));
            required = new AppException.StepUpRequired(stepUp.path("id").asText(), List.copyOf(factors),
                    instant(stepUp, "expiresAt"));
        }
        return new AppException(status, code, problem.path("detail").asText(""), required);
    }

    private Staged staged(JsonNode node) {
        BigDecimal amount = node.hasNonNull("amount") ? node.path("amount").decimalValue() : null;
        return new Staged(node.path("tokenId").asText(), node.path("type").asText(), node.path("token").asText(),
                amount == null ? null : Money.parse(amount.toPlainString(), node.path("currency").asText()),
                Instant.parse(node.path("expiresAt").asText()), node.path("qrPng").asText());
    }

    /** The customer's credit cards. */
    public List<CreditCard> cards() {
        List<CreditCard> cards = new ArrayList<>();
        for (JsonNode node : call("GET", "/api/v1/cards", null)) {
            cards.add(creditCard(node));
        }
        return cards;
    }

    public CreditCard card(UUID cardId) {
        return creditCard(call("GET", "/api/v1/cards/" + cardId, null));
    }

    /**
     * Repays a credit card from one of the customer's accounts. {@code idempotencyKey} identifies this repayment:
     * sending it again with the same key answers the first repayment ({@link CardRepayment#replayed()}) and pays
     * nothing twice.
     */
    public CardRepayment repayCard(UUID cardId, UUID fromAccountId, Money amount, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fromAccountId", fromAccountId.toString());
        body.put("amount", amount.toDecimal());
        body.put("currency", amount.currencyCode());
        HttpRequest request = HttpRequest.newBuilder(request("POST", "/api/v1/cards/" + cardId + "/repayments", body),
                (name, value) -> true).header("Idempotency-Key", idempotencyKey).build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            throw new AppException(response.statusCode(), "UNKNOWN", "an answer that is not JSON");
        }
        if (response.statusCode() >= 400) {
            throw failure(response.statusCode(), answer);
        }
        return new CardRepayment(UUID.fromString(answer.path("id").asText()),
                Money.parse(answer.path("amount").decimalValue().toPlainString(), answer.path("currency").asText()),
                answer.path("replayed").asBoolean());
    }

    /**
     * Asks for another credit limit, passing a step-up if the risk engine asks for one; returns the request's status,
     * APPLIED or PENDING_REVIEW.
     */
    public String requestCardLimit(UUID cardId, Money limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("creditLimit", limit.toDecimal());
        body.put("currency", limit.currencyCode());
        return withStepUp("CARD_LIMIT_CHANGE", "POST", "/api/v1/cards/" + cardId + "/limit-requests", body)
                .path("status").asText();
    }

    /** The card's monthly statements, newest first. */
    public List<CardStatement> cardStatements(UUID cardId) {
        String currency = card(cardId).creditLimit().currencyCode();
        List<CardStatement> statements = new ArrayList<>();
        for (JsonNode node : call("GET", "/api/v1/cards/" + cardId + "/statements", null)) {
            statements.add(new CardStatement(java.time.LocalDate.parse(node.path("statementDate").asText()),
                    money(node, "balance", currency), money(node, "minimumPayment", currency),
                    java.time.LocalDate.parse(node.path("dueDate").asText()), money(node, "repaid", currency),
                    node.path("paidByDueDate").asBoolean()));
        }
        return statements;
    }

    /** The card's limit change requests, newest first. */
    public List<CardLimitRequest> cardLimitRequests(UUID cardId) {
        String currency = card(cardId).creditLimit().currencyCode();
        List<CardLimitRequest> requests = new ArrayList<>();
        for (JsonNode node : call("GET", "/api/v1/cards/" + cardId + "/limit-requests", null)) {
            requests.add(new CardLimitRequest(node.path("id").asText(), money(node, "currentLimit", currency),
                    money(node, "requestedLimit", currency), node.path("status").asText(), instant(node, "createdAt")));
        }
        return requests;
    }

    private static CreditCard creditCard(JsonNode node) {
        String currency = node.path("currency").asText();
        return new CreditCard(UUID.fromString(node.path("id").asText()), node.path("maskedPan").asText(),
                Money.parse(node.path("creditLimit").decimalValue().toPlainString(), currency),
                Money.parse(node.path("balance").decimalValue().toPlainString(), currency),
                Money.parse(node.path("available").decimalValue().toPlainString(), currency),
                node.path("statementDay").asInt(), node.path("dueDay").asInt(), node.path("status").asText());
    }

    private JsonNode call(String method, String path, Object body) {
        return call(method, path, body, Map.of());
    }

    private JsonNode call(String method, String path, Object body, Map<String, String> headers) {
        return answer(send(request(method, path, body, headers), HttpResponse.BodyHandlers.ofString()));
    }

    private JsonNode answer(HttpResponse<String> response) {
        JsonNode answer;
        try {
            answer = response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            if (response.statusCode() >= 400) {
                throw new AppException(response.statusCode(), "UNKNOWN", "an answer that is not JSON");
            }
            throw new UncheckedIOException(e);
        }
        if (response.statusCode() >= 400) {
            throw failure(response.statusCode(), answer);
        }
        return answer;
    }

    private HttpRequest request(String method, String path, Object body) {
        return request(method, path, body, Map.of());
    }

    private HttpRequest request(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        if (session != null) {
            builder.header("Authorization", "Bearer " + session);
        }
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
            return builder.header("Content-Type", "application/json").method(method, publisher).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * A counter form as the app sees it; {@code token} (the FORM QR text, a bearer secret) and the values are not
     * printed by toString.
     *
     * @param status DRAFT, SUBMITTED, STAGED, EXECUTED, REJECTED, FAILED, CANCELLED or EXPIRED
     * @param outcome set once a teller decided it, otherwise {@code null}
     */
    /** An arrival's answer: the branch, the draft ids this arrival staged, and the customer's ticket. */
    public record Arrival(String branchId, List<String> staged, String ticketId, int ticketNumber, int formsStaged) {
    }

    public record Draft(String id, String type, String status, Map<String, String> values, String branchId,
            String token, Instant tokenExpiresAt, Instant createdAt, Instant updatedAt, Instant submittedAt,
            DraftOutcome outcome, String voucherReference) {

        public Draft {
            values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @Override
        public String toString() {
            return "Draft[" + id + " " + type + " " + status + (branchId != null ? " at " + branchId : "")
                    + (outcome != null ? " " + outcome.outcome() : "") + "]";
        }
    }

    /**
     * How a teller decided a form.
     *
     * @param outcome EXECUTED, REJECTED or FAILED
     * @param message what the customer is told; for REJECTED the teller's reason
     * @param result what the business produced, such as {@code timeDepositAccount}
     */
    public record DraftOutcome(String outcome, String message, Map<String, String> result, String tellerId,
            Instant decidedAt) {
    }

    /** A voucher's metadata; the PDF itself comes from {@link #voucherPdf}. */
    /** A large-cash booking: BOOKED (its amount held), PAID, CANCELLED or NO_SHOW. */
    public record CashBooking(String id, String status, UUID accountId, Money amount, java.time.LocalDate date,
            String branchId, String denomination, String voucherReference) {
    }

    public record Voucher(String reference, String draftId, String type, String branchId, String tellerId,
            String contentHash, long sizeBytes, Instant createdAt) {
    }

    /**
     * A step-up the app passed.
     *
     * @param action the action it was for: LOGIN, CARDLESS_WITHDRAWAL, CARDLESS_DEPOSIT or CARD_LIMIT_CHANGE
     * @param factor the factor it used: BIOMETRIC (the passkey) or SOFT_OTP
     */
    public record StepUpTaken(String action, String stepUpId, String factor) {
    }

    /** A phone bound to the customer. */
    /**
     * A customer made by {@link #onboard}: the new customer and their account.
     *
     * @param accountClass TYPE_II, an electronic account with no cash and outbound limits
     */
    public record Onboarded(UUID customerId, UUID accountId, String accountNumber, String accountClass) {
    }

    public record BoundDevice(String deviceId, String name, Instant boundAt) {
    }

    /** A phone that waits to be bound, as a bound phone sees it: never a code. */
    public record BindingRequest(String challengeId, String deviceId, String name, String method, Instant createdAt,
            Instant expiresAt) {
    }

    /** A credit card as the app shows it: the number masked to its last four digits; balance is what is owed. */
    public record CreditCard(UUID id, String maskedPan, Money creditLimit, Money balance, Money available,
            int statementDay, int dueDay, String status) {
    }

    /** A card repayment; {@code replayed} when it answers a repeated request with the same idempotency key. */
    public record CardRepayment(UUID id, Money amount, boolean replayed) {
    }

    /** One of the customer's accounts as the app shows it. */
    /** @param loan the OFFERED line of an approval; null for a decline */
    public record LoanApplication(String id, String status, List<String> reasons, Loan loan) {
    }

    public record Loan(String id, String reference, String status, Money limit, Money available, Money outstanding,
            BigDecimal annualRate) {
    }

    public record Drawdown(String id, int number, Money amount, int termMonths, int instalments, String status) {
    }

    /**
     * An early loan repayment.
     *
     * @param kind EARLY (from the app; the end of day's collections are SCHEDULED)
     * @param total principal + interest + penalty taken from the repayment account
     * @param replayed it answers a repeated request with the same idempotency key
     */
    public record LoanRepayment(String id, String drawdownId, String kind, java.time.LocalDate businessDate,
            Money principal, Money interest, Money penalty, Money total, boolean replayed) {
    }

    /** A card's monthly statement; {@code paidByDueDate}: the balance was repaid in full by the due date. */
    public record CardStatement(java.time.LocalDate statementDate, Money balance, Money minimumPayment,
            java.time.LocalDate dueDate, Money repaid, boolean paidByDueDate) {
    }

    /** @param status APPLIED or PENDING_REVIEW */
    public record CardLimitRequest(String id, Money currentLimit, Money requestedLimit, String status,
            Instant createdAt) {
    }

    /**
     * A scheduled or standing transfer order.
     *
     * @param frequency ONCE, WEEKLY or MONTHLY
     * @param status ACTIVE, CANCELLED or FINISHED
     * @param nextDate the next date it pays, or null when it pays no more
     */
    public record TransferOrder(String id, String frequency, String fromAccountId, String toAccountId, String payeeId,
            Money amount, String memo, java.time.LocalDate startDate, java.time.LocalDate endDate, String status,
            java.time.LocalDate nextDate, List<OrderExecution> executions) {
    }

    /** One due date of a transfer order: EXECUTED with its transfer, or FAILED with the reason. */
    public record OrderExecution(java.time.LocalDate businessDate, String status, String transferId, String reason) {
    }

    public record Account(UUID id, String name, Money balance, Money available) {
    }

    /**
     * A staged token; {@code token} is the QR text, a bearer secret that toString does not print.
     *
     * @param amount the withdrawal amount, or {@code null} for a deposit
     */
    /**
     * A claimed ITM session: {@code state} is WAITING_FOR_ITM, DISPENSED, CREDITED, DECLINED or EXPIRED.
     *
     * @param amount the withdrawal's amount, or null for a deposit
     * @param completed what was dispensed or credited, once known
     */
    public record ItmSession(String sessionId, String terminalId, String kind, String state, Money amount,
            Money completed) {

        static ItmSession of(JsonNode answer) {
            String currency = answer.path("currency").asText("CNY");
            return new ItmSession(answer.path("sessionId").asText(), answer.path("terminalId").asText(),
                    answer.path("kind").asText(), answer.path("state").asText(), money(answer.path("amount"), currency),
                    money(answer.path("completedAmount"), currency));
        }

        private static Money money(JsonNode amount, String currency) {
            return amount.isMissingNode() || amount.isNull() ? null : Money.of(amount.decimalValue(), currency);
        }
    }

    public record Staged(String tokenId, String type, String token, Money amount, Instant expiresAt, String qrPng) {

        @Override
        public String toString() {
            return "Staged[" + type + " " + tokenId.substring(0, 8) + " " + amount + "]";
        }
    }

    /**
     * A payee as the app shows it.
     *
     * @param kind INTRA (a customer of this bank) or INTERBANK
     * @param trusted a transfer to it succeeded
     * @param registeredAtCounter registered by a teller: payable in designated-payees-only mode
     */
    public record Payee(String id, String kind, String bankCode, String accountNumber, String name, boolean trusted,
            boolean registeredAtCounter) {
    }

    /**
     * A transfer as the app shows it.
     *
     * @param kind OWN, INTRA or INTERBANK
     * @param state COMPLETED; or SENT, ACCEPTED, CONFIRMED, REFUNDED for one to another bank
     */
    public record Transfer(String id, String kind, String state, Money amount, String payeeId, String refundReason,
            String failureReason) {
    }

    /**
     * The customer's "Mine" view: totals per currency, every asset and liability, income and expense of every month
     * of the period, money per category, and interest earned per currency.
     */
    public record Mine(java.time.YearMonth from, java.time.YearMonth to, List<MineTotal> totals, List<MineLine> lines,
            List<MineMonth> months, List<MineCategory> categories, List<Money> interestEarned) {
    }

    /** Assets, liabilities and net worth in one currency. */
    public record MineTotal(Money assets, Money liabilities, Money netWorth) {
    }

    /**
     * One asset or liability.
     *
     * @param kind ASSET or LIABILITY
     * @param product CURRENT, TIME_DEPOSIT, WEALTH, FUND, CARD or LOAN
     * @param reference masked: all but the last four digits hidden
     */
    public record MineLine(String kind, String product, String reference, String name, Money balance,
            BigDecimal rate, java.time.LocalDate dueDate) {
    }

    /** One month's income and expense in one currency. */
    public record MineMonth(java.time.YearMonth month, Money income, Money expense) {
    }

    /** @param flow INCOME, EXPENSE or INTERNAL (money between the customer's own accounts, not in the totals) */
    public record MineCategory(String category, String flow, Money amount) {
    }
}
