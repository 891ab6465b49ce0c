package io.branchlink.channel.card.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The card processor's inbound interface (docs/cards.md, "The card processor's contract"): one signed JSON message
 * per purchase, answered APPROVED or DECLINED. The signature, {@code X-Processor-Signature: sha256=<hex>}, is the
 * HMAC-SHA-256 of the exact body bytes under the configured secret; the body is bounded and checked before it is
 * parsed, and the processor's transaction id makes every message safe to send again.
 */
@RestController
@Tag(name = "Card processor (third party, inbound)")
class ProcessorController {

    static final String SIGNATURE_HEADER = "X-Processor-Signature";
    static final int MAX_BODY = 4096;
    private static final Pattern SIGNATURE = Pattern.compile("sha256=[0-9a-f]{64}");
    private static final Pattern TRANSACTION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern CARD_REF = Pattern.compile("[A-Za-z0-9_-]{8,40}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern MERCHANT = Pattern.compile("[\\p{L}\\p{N} .,&'()/_-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger(ProcessorController.class);

    private final CardService cards;
    private final CardProperties properties;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    ProcessorController(CardService cards, CardProperties properties, ObjectMapper json, MeterRegistry meters) {
        this.cards = cards;
        this.properties = properties;
        this.json = json;
        this.meters = meters;
    }

    @PostMapping("/api/processor/v1/purchases")
    @Operation(summary = "A purchase the card processor authorises and clears with the bank",
            description = "Body: {transactionId, cardRef, amount (a decimal string), currency, merchant}, signed with"
                    + " X-Processor-Signature: sha256=<hex HMAC-SHA-256 of the body under the shared secret>. 200"
                    + " {transactionId, result APPROVED|DECLINED, reason, authCode, replayed}: DECLINED reasons are"
                    + " INSUFFICIENT_CREDIT, CARD_BLOCKED, UNKNOWN_CARD and CURRENCY. The same transactionId with the"
                    + " same body answers the first outcome again (replayed true) and books nothing; with another"
                    + " body 409 DUPLICATE. A bad or missing signature is 401, a malformed body 400.")
    CardService.PurchaseOutcome purchase(HttpServletRequest request,
            @Parameter(description = "sha256=<64 lowercase hex digits>")
            @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature) throws IOException {
        byte[] body = boundedBody(request);
        verify(signature, body);
        CardService.ProcessorPurchase purchase = parse(body);
        return cards.purchase(purchase, CardService.sha256(new String(body, StandardCharsets.UTF_8)));
    }

    private static byte[] boundedBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new ApiException(Irc.FORMAT_ERROR, "A processor message is at most " + MAX_BODY + " bytes.");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new ApiException(Irc.FORMAT_ERROR, "A processor message is at most " + MAX_BODY + " bytes.");
            }
            return body;
        }
    }

    private void verify(String signature, byte[] body) {
        if (!properties.processorConfigured()) {
            refuse("not-configured");
        }
        if (signature == null || !SIGNATURE.matcher(signature).matches()) {
            refuse("no-signature");
        }
        byte[] expected = hmac(properties.processorSecret(), body);
        byte[] given = HexFormat.of().parseHex(signature.substring("sha256=".length()));
        if (!MessageDigest.isEqual(expected, given)) {
            refuse("bad-signature");
        }
    }

    private void refuse(String reason) {
        meters.counter("branchlink.card.processor.refused", "reason", reason).increment();
        log.warn("processor message refused reason={}", reason);
        throw new ApiException(Irc.UNAUTHENTICATED, "The message is not signed with the processor's key.");
    }

    /** The signature the processor sends for {@code body}: HMAC-SHA-256 under the shared secret, in lowercase hex. */
    static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private CardService.ProcessorPurchase parse(byte[] body) {
        JsonNode message;
        try {
            message = json.readTree(body);
        } catch (IOException e) {
            throw new ApiException(Irc.FORMAT_ERROR, "The body is not JSON.");
        }
        if (message == null || !message.isObject()) {
            throw new ApiException(Irc.FORMAT_ERROR, "The body is not a JSON object.");
        }
        String transactionId = text(message, "transactionId", TRANSACTION_ID);
        String cardRef = text(message, "cardRef", CARD_REF);
        String currency = text(message, "currency", CURRENCY);
        String merchant = text(message, "merchant", MERCHANT);
        String amountText = text(message, "amount", Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,2})?"));
        Money amount;
        try {
            amount = Money.parse(amountText, currency);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ApiException(Irc.INVALID_AMOUNT, "amount is not a valid amount in " + currency + ".");
        }
        if (!amount.isPositive()) {
            throw new ApiException(Irc.INVALID_AMOUNT, "amount must be positive.");
        }
        return new CardService.ProcessorPurchase(transactionId, cardRef, amount, merchant);
    }

    private static String text(JsonNode message, String field, Pattern pattern) {
        JsonNode value = message.get(field);
        if (value == null || !value.isTextual()) {
            throw new ApiException(Irc.MISSING_FIELD, field + " is required (a string).");
        }
        if (!pattern.matcher(value.asText()).matches()) {
            throw new ApiException(Irc.FORMAT_ERROR, field + " is not valid.");
        }
        return value.asText();
    }
}
