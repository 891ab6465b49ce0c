package io.branchlink.channel.arrival.internal;

import io.branchlink.protocol.hubapi.QueueTicket;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues queue tickets from PostgreSQL: numbered per branch and business day by an upsert of
 * {@code queue_ticket_counters} (the row lock orders concurrent issuers, so numbers are unique across channel-api
 * nodes and restarts), one per customer per branch per business day (taking another answers the first).
 */
@Component
public class QueueTickets {

    private static final Logger log = LoggerFactory.getLogger(QueueTickets.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;

    QueueTickets(JdbcClient jdbc, Clock clock, ArrivalSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = settings.zone();
    }

    /** A ticket as stored, and whether this call issued it or changed its forms count (the hub is then told). */
    public record Issued(QueueTicket ticket, boolean changed) {
    }

    /**
     * The customer's ticket at the branch today, issued now when there is none; its forms count is brought up to
     * date. Runs in the caller's transaction; the customer's row lock serialises their concurrent requests.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Issued issue(UUID customerId, String branchId, String source, String deviceId, int formsStaged) {
        String name = jdbc.sql("select full_name from customers where id = ? for update").param(customerId)
                .query(String.class).single();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        Optional<QueueTicket> existing = find(customerId, branchId, today, name);
        if (existing.isPresent()) {
            QueueTicket found = existing.get();
            if (found.formsStaged() == formsStaged) {
                return new Issued(found, false);
            }
            jdbc.sql("update queue_tickets set forms_staged = ? where id = ?")
                    .params(formsStaged, UUID.fromString(found.ticketId())).update();
            return new Issued(new QueueTicket(found.ticketId(), found.branchId(), found.businessDate(),
                    found.number(), found.customerId(), found.customerInitial(), found.source(), formsStaged,
                    found.issuedAt()), true);
        }
        int number = jdbc.sql("""
                insert into queue_ticket_counters (branch_id, business_date, last_number) values (?, ?, 1)
                on conflict (branch_id, business_date)
                do update set last_number = queue_ticket_counters.last_number + 1
                returning last_number
                """)
                .params(branchId, Date.valueOf(today))
                .query(Integer.class)
                .single();
        UUID id = UUID.randomUUID();
        QueueTicket ticket = new QueueTicket(id.toString(), branchId, today, number, customerId.toString(),
                initial(name), source, formsStaged, clock.instant());
        jdbc.sql("""
                insert into queue_tickets (id, branch_id, business_date, number, customer_id, source, device_id,
                                           forms_staged, issued_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(id, branchId, Date.valueOf(today), number, customerId, source, deviceId, formsStaged,
                        Timestamp.from(ticket.issuedAt()))
                .update();
        log.info("queue ticket issued branch={} date={} number={} source={} forms={}", branchId, today, number,
                source, formsStaged);
        return new Issued(ticket, true);
    }

    private Optional<QueueTicket> find(UUID customerId, String branchId, LocalDate day, String name) {
        return jdbc.sql("""
                select id, number, source, forms_staged, issued_at from queue_tickets
                 where customer_id = ? and branch_id = ? and business_date = ?
                """)
                .params(customerId, branchId, Date.valueOf(day))
                .query((rs, n) -> new QueueTicket(rs.getString("id"), branchId, day, rs.getInt("number"),
                        customerId.toString(), initial(name), rs.getString("source"), rs.getInt("forms_staged"),
                        rs.getTimestamp("issued_at").toInstant()))
                .optional();
    }

    /** The first letter of the name and a dot: all the queue panel shows of who holds a ticket. */
    static String initial(String name) {
        String trimmed = name == null ? "" : name.strip();
        return trimmed.isEmpty() ? "?" : trimmed.substring(0, trimmed.offsetByCodePoints(0, 1)) + ".";
    }
}
