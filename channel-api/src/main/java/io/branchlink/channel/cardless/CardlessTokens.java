package io.branchlink.channel.cardless;

import io.branchlink.protocol.qr.TokenType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cardless tokens as a terminal redeems them: the one conditional update in PostgreSQL that decides single use,
 * and the lookup that explains a refusal.
 *
 * @see io.branchlink.channel.terminal.HubRedemptionIntegrationTests
 */
@Service
public class CardlessTokens {

    private final JdbcClient jdbc;
    private final CardlessProperties properties;
    private final Clock clock;

    CardlessTokens(JdbcClient jdbc, CardlessProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Marks an active, unexpired token of {@code type} used. This conditional update is the single place where
     * single use is decided: of two concurrent calls for one token, exactly one gets the token back.
     *
     * @param honourExpiry false for a deposit advice, whose notes were already kept and must be credited: then a
     *     token past its expiry, or already expired by the sweeper, is used too (the one move out of EXPIRED)
     * @return the token as it was used, or empty when it is unknown, of another type, expired or no longer active
     */
    @Transactional
    public Optional<CardlessToken> use(String tokenId, TokenType type, boolean honourExpiry) {
        Instant cutoff = honourExpiry ? clock.instant().minus(properties.clockSkew()) : Instant.EPOCH;
        // An advice's notes are already in the ITM: a token the sweeper expired meanwhile is still used for it.
        String expiredToo = honourExpiry ? TokenStatus.sourceOf(TokenStatus.USED).name() : TokenStatus.EXPIRED.name();
        return jdbc.sql("""
                update cardless_tokens set status = ?, closed_at = now()
                 where token_id = ? and type = ? and status in (?, ?) and expires_at >= ?
                returning\s""" + CardlessToken.COLUMNS)
                .params(TokenStatus.USED.name(), tokenId, type.name(), TokenStatus.sourceOf(TokenStatus.USED).name(),
                        expiredToo, Timestamp.from(cutoff))
                .query(CardlessToken.class)
                .optional();
    }

    /** A token by id, for a hub explaining why {@link #use} refused it. */
    @Transactional(readOnly = true)
    public Optional<CardlessToken> lookup(String tokenId) {
        return jdbc.sql("select " + CardlessToken.COLUMNS + " from cardless_tokens where token_id = ?")
                .param(tokenId)
                .query(CardlessToken.class)
                .optional();
    }
}
