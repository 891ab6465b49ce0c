package io.branchlink.channel.transfer.internal;

import io.branchlink.channel.system.ApiException;
import io.branchlink.channel.transfer.TransferProperties;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's payees: added from the app or registered at the counter (by an operator standing for the teller),
 * listed, removed. A payee at this bank is found by account number or by the registered phone of another customer,
 * and only when the name given is the holder's, so the app cannot be used to learn who holds an account.
 *
 * @see io.branchlink.channel.transfer.TransferIntegrationTests
 */
@Service
class Payees {

    private static final Logger log = LoggerFactory.getLogger(Payees.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransferProperties properties;
    private final MeterRegistry meters;

    Payees(JdbcClient jdbc, Clock clock, TransferProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.meters = meters;
    }

    /** What identifies a new payee: an account here, another customer's phone, or an account at another bank. */
    record NewPayee(String type, String accountNumber, String phone, String bankCode, String name) {
    }

    /**
     * Adds a payee, or answers the live one with the same key; at the counter, an existing payee becomes registered
     * at the counter.
     *
     * @param registeredBy the operator standing for the teller, or null when the customer adds it in the app
     */
    @Transactional
    Payee add(UUID customerId, NewPayee request, String registeredBy) {
        jdbc.sql("select id from customers where id = ? for update").param(customerId).query(UUID.class).optional()
                .orElseThrow(() -> refused(Irc.NOT_FOUND, "unknown-customer", "Customer not found"));
        Resolved target = resolve(customerId, request);
        Optional<Payee> existing = live(customerId, target.counterparty());
        if (existing.isPresent()) {
            if (registeredBy != null && !existing.get().registeredAtCounter()) {
                jdbc.sql("update payees set registered_at_counter = true, registered_by = ? where id = ?")
                        .params(registeredBy, existing.get().id()).update();
                log.info("payee registered at counter payee={} customer={} operator={}", existing.get().id(),
                        customerId, registeredBy);
                return find(customerId, existing.get().id()).orElseThrow();
            }
            return existing.get();
        }
        int count = jdbc.sql("select count(*) from payees where customer_id = ? and removed_at is null")
                .param(customerId).query(Integer.class).single();
        if (count >= properties.maxPayees()) {
            throw refused(Irc.EXCEEDS_LIMIT, "payees", "You can keep at most " + properties.maxPayees()
                    + " payees; remove one first.");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into payees (id, customer_id, kind, account_id, bank_code, account_number, name, counterparty,
                                    registered_at_counter, registered_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(id, customerId, target.kind(), target.accountId(), target.bankCode(), target.accountNumber(),
                        request.name().strip(), target.counterparty(), registeredBy != null, registeredBy,
                        Timestamp.from(clock.instant()))
                .update();
        log.info("payee added payee={} customer={} kind={} counter={}", id, customerId, target.kind(),
                registeredBy != null);
        return find(customerId, id).orElseThrow();
    }

    @Transactional(readOnly = true)
    List<Payee> list(UUID customerId) {
        return jdbc.sql("select " + Payee.COLUMNS
                        + " from payees where customer_id = ? and removed_at is null order by created_at, id")
                .param(customerId).query(Payee.class).list();
    }

    /** The customer's live payee; empty for a removed one, an unknown one and another customer's alike. */
    @Transactional(readOnly = true)
    Optional<Payee> find(UUID customerId, UUID payeeId) {
        return jdbc.sql("select " + Payee.COLUMNS
                        + " from payees where id = ? and customer_id = ? and removed_at is null")
                .params(payeeId, customerId).query(Payee.class).optional();
    }

    /** The customer's live payee, or 404 NOT_FOUND. */
    @Transactional(readOnly = true)
    Payee get(UUID customerId, UUID payeeId) {
        return find(customerId, payeeId).orElseThrow(() -> refused(Irc.NOT_FOUND, "unknown-payee", "Payee not found"));
    }

    /** Removes a payee; its past transfers keep it. A payee registered at the counter is removed at the counter. */
    @Transactional
    void remove(UUID customerId, UUID payeeId, String operator) {
        Payee payee = get(customerId, payeeId);
        if (payee.registeredAtCounter() && operator == null) {
            throw refused(Irc.ACCESS_DENIED, "counter-payee",
                    "This payee was registered at the counter; it is removed at a branch.");
        }
        jdbc.sql("update payees set removed_at = ? where id = ? and removed_at is null")
                .params(Timestamp.from(clock.instant()), payeeId).update();
        log.info("payee removed payee={} customer={}", payeeId, customerId);
    }

    /** Marks a payee trusted: a transfer to it succeeded. Keeps the first time. */
    void trusted(UUID payeeId, Instant at) {
        jdbc.sql("update payees set trusted_at = ? where id = ? and trusted_at is null")
                .params(Timestamp.from(at), payeeId).update();
    }

    private Optional<Payee> live(UUID customerId, String counterparty) {
        return jdbc.sql("select " + Payee.COLUMNS
                        + " from payees where customer_id = ? and counterparty = ? and removed_at is null")
                .params(customerId, counterparty).query(Payee.class).optional();
    }

    private record Resolved(String kind, UUID accountId, String bankCode, String accountNumber, String counterparty) {
    }

    private record Holder(UUID accountId, String accountNumber, UUID customerId, String fullName) {
    }

    private Resolved resolve(UUID customerId, NewPayee request) {
        String name = request.name().strip();
        return switch (request.type()) {
            case "ACCOUNT" -> {
                Holder holder = require(request.accountNumber(), "accountNumber");
                yield here(customerId, jdbc.sql("""
                        select a.id as account_id, a.account_number, c.id as customer_id, c.full_name
                          from accounts a join customers c on c.id = a.customer_id
                         where a.account_number = ? and a.kind = 'CUSTOMER' and a.currency = ? and c.status = 'ACTIVE'
                        """).params(holder.accountNumber(), properties.currency()).query(Holder.class).optional(),
                        name);
            }
            case "PHONE" -> {
                require(request.phone(), "phone");
                List<Holder> holders = jdbc.sql("""
                        select distinct on (c.id) a.id as account_id, a.account_number, c.id as customer_id, c.full_name
                          from customers c join accounts a on a.customer_id = c.id
                         where c.phone = ? and c.status = 'ACTIVE' and a.kind = 'CUSTOMER' and a.currency = ?
                         order by c.id, a.created_at, a.account_number
                        """).params(request.phone(), properties.currency()).query(Holder.class).list();
                // a number shared by several customers names nobody
                yield here(customerId, holders.size() == 1 ? Optional.of(holders.get(0)) : Optional.empty(), name);
            }
            case "OTHER_BANK" -> {
                require(request.bankCode(), "bankCode");
                require(request.accountNumber(), "accountNumber");
                yield new Resolved("INTERBANK", null, request.bankCode(), request.accountNumber(),
                        request.bankCode() + "/" + request.accountNumber());
            }
            default -> throw refused(Irc.FORMAT_ERROR, "payee-type", "type is ACCOUNT, PHONE or OTHER_BANK.");
        };
    }

    private Resolved here(UUID customerId, Optional<Holder> found, String name) {
        Holder holder = found.filter(h -> h.fullName().strip().equals(name))
                .orElseThrow(() -> refused(Irc.NOT_FOUND, "unknown-payee",
                        "No customer of this bank matches these details and this name."));
        if (holder.customerId().equals(customerId)) {
            throw refused(Irc.INVALID_TRANSACTION, "own-account",
                    "This is your own account: transfer to it without a payee.");
        }
        return new Resolved("INTRA", holder.accountId(), null, holder.accountNumber(), holder.accountNumber());
    }

    private Holder require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw refused(Irc.MISSING_FIELD, "payee-field", field + " is required for this type of payee.");
        }
        return new Holder(null, value, null, null);
    }

    private ApiException refused(Irc irc, String reason, String detail) {
        log.info("payee refused irc={} reason={}", irc, reason);
        meters.counter("branchlink.channel.transfers.refused", "irc", irc.name(), "reason", reason).increment();
        return new ApiException(irc, detail);
    }
}
