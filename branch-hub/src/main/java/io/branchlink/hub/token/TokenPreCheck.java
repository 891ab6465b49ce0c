package io.branchlink.hub.token;

import io.branchlink.hub.channel.ChannelClient;
import io.branchlink.hub.channel.ChannelUnavailableException;
import io.branchlink.protocol.qr.Ed25519Keys;
import io.branchlink.protocol.qr.QrTokenVerifier;
import io.branchlink.protocol.qr.TokenFailure;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.qr.TokenVerification;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks a token's signature, expiry, type and branch with the keys channel-api publishes. Keys are fetched on first
 * use and again when a token names an unknown key id (at most once per refresh interval). While no keys could be
 * fetched the check passes the token on: channel-api verifies every token itself.
 */
@Component
public class TokenPreCheck {

    private static final Logger log = LoggerFactory.getLogger(TokenPreCheck.class);

    private final ChannelClient channel;
    private final TokenProperties properties;
    private final Clock clock;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private final QrTokenVerifier verifier;
    private volatile Instant lastFetch = Instant.EPOCH;

    TokenPreCheck(ChannelClient channel, TokenProperties properties, Clock clock) {
        this.channel = channel;
        this.properties = properties;
        this.clock = clock;
        this.verifier = new QrTokenVerifier(id -> Optional.ofNullable(keys.get(id)), clock, properties.clockSkew());
    }

    /** @return the verification, or empty when no keys are known yet and the token must go to channel-api as is */
    public Optional<TokenVerification> check(String token, TokenType type, String branchId) {
        if (keys.isEmpty()) {
            refresh();
            if (keys.isEmpty()) {
                return Optional.empty();
            }
        }
        TokenVerification result = verifier.verify(token, type, branchId);
        if (result instanceof TokenVerification.Invalid invalid && invalid.failure() == TokenFailure.UNKNOWN_KEY
                && refresh()) {
            result = verifier.verify(token, type, branchId);
        }
        return Optional.of(result);
    }

    /** Fetches the keys unless that was done within the refresh interval; true when new keys arrived. */
    synchronized boolean refresh() {
        Instant now = clock.instant();
        if (now.isBefore(lastFetch.plus(properties.keyRefreshInterval()))) {
            return false;
        }
        lastFetch = now;
        try {
            Map<String, String> fetched = channel.tokenKeys();
            fetched.forEach((id, key) -> keys.put(id, Ed25519Keys.publicKeyFromBase64(key)));
            keys.keySet().retainAll(fetched.keySet());
            log.info("token keys fetched keyIds={}", fetched.keySet());
            return !fetched.isEmpty();
        } catch (ChannelUnavailableException | IllegalArgumentException e) {
            log.warn("token keys could not be fetched reason=\"{}\"", e.getClass().getSimpleName());
            return false;
        }
    }
}
