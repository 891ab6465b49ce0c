package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A phone claimed the session code this ITM showed: complete the transaction with {@code token} in the 0200 as if the
 * camera had read it (a withdrawal of exactly {@code amount}, or a deposit of what the ITM counts). The token is
 * bound to this ITM and expires at {@code expiresAt}; an ITM that cannot serve it lets it expire, and channel-api
 * releases the hold. Devices act once per {@code sessionId}.
 *
 * @param kind {@code WITHDRAWAL} or {@code DEPOSIT}
 * @param amount the withdrawal's amount, absent for a deposit
 */
public record AuthoriseSession(@JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String commandId,
        @JsonProperty(required = true) String sessionId,
        @JsonProperty(required = true) String kind,
        BigDecimal amount,
        String currency,
        @JsonProperty(required = true) String token,
        @JsonProperty(required = true) Instant expiresAt,
        @JsonProperty(required = true) Instant issuedAt) implements Command {

    public static final String NAME = "authorise-session";

    public AuthoriseSession {
        Payloads.schemaVersion(schemaVersion);
        Payloads.commandId(commandId);
        Payloads.sessionId(sessionId);
        if (!"WITHDRAWAL".equals(kind) && !"DEPOSIT".equals(kind)) {
            throw new IllegalArgumentException("kind must be WITHDRAWAL or DEPOSIT");
        }
        if ("WITHDRAWAL".equals(kind) && (amount == null || amount.signum() <= 0 || currency == null)) {
            throw new IllegalArgumentException("a withdrawal needs a positive amount and its currency");
        }
        Payloads.text(token, "token", 400);
        Payloads.required(expiresAt, "expiresAt");
        Payloads.required(issuedAt, "issuedAt");
    }

    public static AuthoriseSession of(String commandId, String sessionId, String kind, BigDecimal amount,
            String currency, String token, Instant expiresAt, Instant issuedAt) {
        return new AuthoriseSession(MqttJson.SCHEMA_VERSION, commandId, sessionId, kind, amount, currency, token,
                expiresAt, issuedAt);
    }

    @Override
    public String toString() {
        return "AuthoriseSession[commandId=" + commandId + ", session=" + sessionId.substring(0, 8) + "…, kind=" + kind
                + (amount == null ? "" : ", amount=" + amount + " " + currency) + "]";
    }
}
