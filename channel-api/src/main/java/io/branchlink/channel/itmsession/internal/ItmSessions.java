package io.branchlink.channel.itmsession.internal;

import io.branchlink.channel.cardless.CardlessStaging;
import io.branchlink.channel.cardless.CardlessStaging.IssuedToken;
import io.branchlink.channel.cardless.TokenKeys;
import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.channel.itmsession.ItmSessionProperties;
import io.branchlink.channel.risk.RiskSignals;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.hubapi.ItmAuthorisation;
import io.branchlink.protocol.hubapi.ItmSessionCode;
import io.branchlink.protocol.hubapi.ItmSessionFeed;
import io.branchlink.protocol.hubapi.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenFormatException;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.qr.TokenVerification;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mints session codes for a hub's ITMs, claims them for phones and serves the branch's feed of claims. A claim is
 * decided by one conditional update ({@code status = 'OPEN'} and not expired): of two phones that scanned the same
 * code exactly one gets the row, the other a 409. In the same transaction the claim stages a cardless token bound to
 * the ITM ({@link CardlessStaging}: the app's limits, risk engine and hold), so a refusal there leaves the code open,
 * and takes the next feed sequence number under a per-branch advisory lock, so a branch's events commit in sequence
 * order; long polls are woken after the commit ({@link ItmSessionSignals}).
 *
 * @see io.branchlink.channel.itmsession.ItmSessionIntegrationTests
 */
@Service
class ItmSessions {

    private static final Logger log = LoggerFactory.getLogger(ItmSessions.class);
    private static final int FEED_PAGE = 100;

    private final JdbcClient jdbc;
    private final TokenKeys keys;
    private final CardlessStaging staging;
    private final ItmSessionProperties properties;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ItmSessions(JdbcClient jdbc, TokenKeys keys, CardlessStaging staging, ItmSessionProperties properties,
            ApplicationEventPublisher events, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.staging = staging;
        this.properties = properties;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
    }

    /** A new code for an ITM of the hub's branch; the text is signed and returned, only its id is stored. */
    @Transactional
    public ItmSessionCode mint(HubPrincipal hub, String terminalId) {
        int itms = jdbc.sql("select count(*) from terminals where id = ? and branch_id = ? and kind = 'ITM'")
                .params(terminalId, hub.branchId())
                .query(Integer.class)
                .single();
        if (itms == 0) {
            refused("mint", "UNKNOWN_TERMINAL");
            throw ApiException.notFound("ITM");
        }
        byte[] sessionId = new byte[QrToken.TOKEN_ID_BYTES];
        random.nextBytes(sessionId);
        Instant expiresAt = clock.instant().plus(properties.codeTtl()).truncatedTo(ChronoUnit.SECONDS);
        QrToken claims = new QrToken(QrTokenCodec.VERSION, TokenType.ITM_SESSION, keys.activeKeyId(), sessionId,
                expiresAt, null, hub.branchId());
        jdbc.sql("""
                insert into itm_sessions (session_id, branch_id, terminal_id, key_id, expires_at, status)
                values (?, ?, ?, ?, ?, 'OPEN')
                """)
                .params(claims.tokenIdHex(), hub.branchId(), terminalId, claims.keyId(), Timestamp.from(expiresAt))
                .update();
        return new ItmSessionCode(claims.tokenIdHex(), terminalId, keys.sign(claims), expiresAt);
    }

    /**
     * Claims a scanned code for the customer: checks the code, decides the claim, stages the cardless token at the
     * code's ITM and writes the feed event. The same {@code requestId} with the same request answers the first
     * claim again; with another request it is a 409.
     */
    @Transactional
    public Session claim(CustomerPrincipal customer, Claim claim, RiskSignals device, String stepUpId) {
        String hash = claim.hash();
        // two requests with one requestId wait for each other here, so the second answers the first's claim
        jdbc.sql("select pg_advisory_xact_lock(hashtext('itm-session-claim:' || ? || ':' || ?))")
                .params(customer.customerId().toString(), claim.requestId())
                .query((rs, n) -> 1).single();
        Optional<Session> earlier = byRequest(customer.customerId(), claim.requestId());
        if (earlier.isPresent()) {
            if (!hash.equals(earlier.get().requestHash())) {
                refused("claim", "REQUEST_ID_REUSED");
                throw new ApiException(Irc.CONFLICT, "This requestId was used for a different request.");
            }
            return earlier.get();
        }
        TokenVerification verification = keys.verifier().verify(claim.code(), TokenType.ITM_SESSION,
                scopeOf(claim.code()));
        if (verification instanceof TokenVerification.Invalid invalid) {
            refused("claim", invalid.failure().name());
            throw switch (invalid.failure()) {
                case EXPIRED -> new ApiException(Irc.TOKEN_EXPIRED, "This ITM code has expired; scan the new one.");
                case WRONG_TYPE -> new ApiException(Irc.INVALID_TRANSACTION, "This is not an ITM's code.");
                default -> new ApiException(Irc.TOKEN_INVALID, "This is not a valid ITM code.");
            };
        }
        String sessionId = ((TokenVerification.Valid) verification).token().tokenIdHex();
        Optional<Session> claimed = jdbc.sql("""
                update itm_sessions
                   set status = 'CLAIMED', kind = ?, customer_id = ?, account_id = ?, amount = ?, currency = ?,
                       request_id = ?, request_hash = ?, claimed_at = now()
                 where session_id = ? and status = 'OPEN' and expires_at >= ?
                returning\s""" + Session.COLUMNS)
                .params(claim.kind().name(), customer.customerId(), claim.accountId(),
                        claim.amount() == null ? null : claim.amount().minorUnits(),
                        claim.amount() == null ? null : claim.amount().currencyCode(), claim.requestId(), hash,
                        sessionId, Timestamp.from(clock.instant()))
                .query(Session.class)
                .optional();
        if (claimed.isEmpty()) {
            throw unclaimable(sessionId);
        }
        Session session = claimed.get();
        IssuedToken token = claim.kind() == TransactionKind.WITHDRAWAL
                ? staging.withdrawalAt(customer, claim.accountId(), claim.amount(), session.branchId(),
                        session.terminalId(), properties.authorisationTtl(), device, stepUpId)
                : staging.depositAt(customer, claim.accountId(), session.branchId(), session.terminalId(),
                        properties.authorisationTtl(), device, stepUpId);
        jdbc.sql("select pg_advisory_xact_lock(hashtext('itm-session-feed:' || ?))").param(session.branchId())
                .query((rs, n) -> 1).single();
        Session authorised = jdbc.sql("""
                update itm_sessions set token_id = ?, feed_seq = nextval('itm_session_feed_seq')
                 where session_id = ?
                returning\s""" + Session.COLUMNS)
                .params(token.token().tokenId(), sessionId)
                .query(Session.class)
                .single();
        events.publishEvent(new ItmSessionFeedChanged(session.branchId()));
        meters.counter("branchlink.itm_sessions.claims", "kind", claim.kind().name()).increment();
        log.info("itm session claimed session={} terminal={} kind={} token={}", session.shortId(),
                session.terminalId(), claim.kind(), token.token().shortId());
        return authorised;
    }

    /** The customer's own claimed session; another customer's, or an unclaimed one, is not found. */
    @Transactional(readOnly = true)
    public Outcome outcome(CustomerPrincipal customer, String sessionId) {
        Session session = jdbc.sql("select " + Session.COLUMNS + " from itm_sessions where session_id = ? and customer_id = ?")
                .params(sessionId, customer.customerId())
                .query(Session.class)
                .optional()
                .orElseThrow(() -> ApiException.notFound("ITM session"));
        return jdbc.sql("""
                select t.status as token_status, t.expires_at as token_expires_at, t.currency as token_currency,
                       x.outcome, x.amount as completed_amount, x.reversed_amount
                  from cardless_tokens t
                  left join lateral (select outcome, amount, reversed_amount from cardless_transactions
                                      where token_id = t.token_id
                                      order by (outcome = 'APPROVED') desc, created_at desc limit 1) x on true
                 where t.token_id = ?
                """)
                .param(session.tokenId())
                .query((rs, n) -> Outcome.of(session, rs.getString("token_status"), rs.getString("token_currency"),
                        rs.getTimestamp("token_expires_at").toInstant(), rs.getString("outcome"),
                        (Long) rs.getObject("completed_amount"), (Long) rs.getObject("reversed_amount")))
                .optional()
                .orElseGet(() -> Outcome.of(session, null, session.currency(), null, null, null, null));
    }

    /**
     * The branch's claims after {@code after} whose tokens can still be used, each with its token text signed again
     * from the stored claims. A claim whose token was used, cancelled or expired is left out, so a hub that starts
     * from 0 (after a restart) is sent only what an ITM may still complete.
     */
    @Transactional(readOnly = true)
    public ItmSessionFeed after(String branchId, long after) {
        List<ItmAuthorisation> found = jdbc.sql("""
                select s.feed_seq, s.session_id, s.terminal_id, s.kind, s.amount, s.currency, s.token_id, t.expires_at
                  from itm_sessions s join cardless_tokens t on t.token_id = s.token_id
                 where s.branch_id = ? and s.feed_seq > ? and t.status = 'ACTIVE' and t.expires_at >= ?
                 order by s.feed_seq limit ?
                """)
                .params(branchId, after, Timestamp.from(clock.instant()), FEED_PAGE)
                .query((rs, n) -> {
                    Long amount = (Long) rs.getObject("amount");
                    return new ItmAuthorisation(rs.getLong("feed_seq"), rs.getString("session_id"),
                            rs.getString("terminal_id"), rs.getString("kind"),
                            amount == null ? null : Money.ofMinor(amount, rs.getString("currency")).toDecimal(),
                            rs.getString("currency"), rs.getString("token_id"),
                            rs.getTimestamp("expires_at").toInstant());
                })
                .list();
        List<ItmAuthorisation> authorisations = new ArrayList<>();
        long last = after;
        for (ItmAuthorisation row : found) {
            last = Math.max(last, row.seq());
            String text = staging.activeText(row.token());
            if (text != null) {
                authorisations.add(new ItmAuthorisation(row.seq(), row.sessionId(), row.terminalId(), row.kind(),
                        row.amount(), row.currency(), text, row.expiresAt()));
            }
        }
        return new ItmSessionFeed(authorisations, last);
    }

    /** Deletes unclaimed codes that expired more than {@code keep-unclaimed} ago. */
    @Transactional
    public int purgeUnclaimed() {
        return jdbc.sql("delete from itm_sessions where status = 'OPEN' and expires_at < ?")
                .param(Timestamp.from(clock.instant().minus(properties.keepUnclaimed())))
                .update();
    }

    /** The branch a code names, so that the verifier checks the signature and expiry of any branch's code. */
    private static String scopeOf(String code) {
        try {
            return QrTokenCodec.parse(code).claims().branchId();
        } catch (TokenFormatException e) {
            return null;
        }
    }

    private Optional<Session> byRequest(UUID customerId, String requestId) {
        return jdbc.sql("select " + Session.COLUMNS + " from itm_sessions where customer_id = ? and request_id = ?")
                .params(customerId, requestId)
                .query(Session.class)
                .optional();
    }

    private ApiException unclaimable(String sessionId) {
        Optional<Session> known = jdbc.sql("select " + Session.COLUMNS + " from itm_sessions where session_id = ?")
                .param(sessionId)
                .query(Session.class)
                .optional();
        if (known.isEmpty()) {
            refused("claim", "UNKNOWN_SESSION");
            return new ApiException(Irc.TOKEN_INVALID, "This ITM code is not known.");
        }
        if ("CLAIMED".equals(known.get().status())) {
            refused("claim", "ALREADY_CLAIMED");
            return new ApiException(Irc.CONFLICT, "Another phone has already claimed this ITM code.");
        }
        refused("claim", "EXPIRED");
        return new ApiException(Irc.TOKEN_EXPIRED, "This ITM code has expired; scan the new one.");
    }

    private void refused(String step, String reason) {
        meters.counter("branchlink.itm_sessions.refusals", "step", step, "reason", reason).increment();
        log.info("itm session {} refused reason={}", step, reason);
    }

    /** What a phone asks for with a scanned code. */
    record Claim(String code, TransactionKind kind, UUID accountId, Money amount, String requestId) {

        /** SHA-256 over the request's fields, to tell a repeated request from another one with the same id. */
        String hash() {
            String canonical = String.join("|", code, kind.name(), accountId.toString(),
                    amount == null ? "" : amount.minorUnits() + " " + amount.currencyCode());
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(canonical.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing", e);
            }
        }

        @Override
        public String toString() {
            return "Claim[" + kind + " " + requestId + "]";
        }
    }
}
