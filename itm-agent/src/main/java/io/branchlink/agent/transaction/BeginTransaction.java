package io.branchlink.agent.transaction;

import io.branchlink.agent.session.Session;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/** Opens a customer transaction: takes its STAN, names it and starts its session; builds its 0200. */
public final class BeginTransaction {

    private static final DateTimeFormatter TXN_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final TransactionServices services;

    public BeginTransaction(TransactionServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    /** A new session of {@code kind} in {@code TOKEN_READ}, with the next STAN of the journal. */
    public Session begin(TransactionKind kind) {
        int stan = services.journal().stans().next();
        LocalDateTime now = LocalDateTime.now(services.clock().withZone(services.settings().zone()));
        Session session = new Session(services.settings().terminalId() + "-" + TXN_TIME.format(now) + "-"
                + String.format("%06d", stan), kind);
        session.stan(stan);
        session.fire(SessionEvent.TOKEN_SCANNED);
        return session;
    }

    /** The 0200 of the session's transaction. */
    public FinancialRequest request(Session session, Money amount, String token) {
        TransactionSettings settings = services.settings();
        LocalDateTime local = LocalDateTime.now(services.clock().withZone(settings.zone()));
        int stan = session.stan();
        // RRN (field 37): last digit of the year, day of the year, hour, then the STAN: unique per terminal and day.
        String rrn = String.format("%d%03d%02d%06d", local.getYear() % 10, local.getDayOfYear(), local.getHour(), stan);
        return new FinancialRequest(session.kind(), amount, services.clock().instant(), stan, local, rrn,
                settings.terminalId(), settings.branchId(), token);
    }
}
