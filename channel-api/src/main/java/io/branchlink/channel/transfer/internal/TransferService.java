package io.branchlink.channel.transfer.internal;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.ledger.Account;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskEngine;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskGate;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.risk.RiskSignals;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The app's transfers: one request is checked (amount, ownership, the designated-payees-only mode, limits), asked
 * of the risk engine, posted and recorded in one transaction, under the customer's row lock; the action is recorded
 * with the risk engine once that transaction committed. The idempotency key makes the request safe to send again:
 * the same key with the same request answers the transfer it made, with a different request 409 CONFLICT.
 *
 * @see io.branchlink.channel.transfer.TransferIntegrationTests
 */
@Service
class TransferService {

    private final JdbcClient jdbc;
    private final TransferBooks books;
    private final Refusals refusals;
    private final RiskGate risk;
    private final RiskEngine engine;
    private final Clock clock;

    TransferService(JdbcClient jdbc, TransferBooks books, Refusals refusals, RiskGate risk, RiskEngine engine,
            Clock clock) {
        this.jdbc = jdbc;
        this.books = books;
        this.refusals = refusals;
        this.risk = risk;
        this.engine = engine;
        this.clock = clock;
    }

    /** A transfer request as the app sends it. */
    record NewTransfer(UUID fromAccountId, UUID toAccountId, UUID payeeId, BigDecimal amount, String currency,
            String memo, RiskSignals device, String stepUpId) {
    }

    /** The transfer a request made, and whether this answer repeats an earlier one. */
    record Made(TransferRow transfer, boolean replayed) {
    }

    @Transactional
    Made transfer(CustomerPrincipal customer, NewTransfer request, String idempotencyKey) {
        UUID customerId = customer.customerId();
        Money amount = books.amount(customerId, request.amount(), request.currency());
        byte[] hash = TransferBooks.hash(request.fromAccountId(), request.toAccountId(), request.payeeId(),
                amount.minorUnits(), amount.currencyCode(), request.memo());
        books.lockCustomer(customerId);
        Optional<TransferRow> earlier = jdbc.sql(TransferRow.SELECT
                        + " where t.customer_id = ? and t.idempotency_key = ?")
                .params(customerId, idempotencyKey).query(TransferRow.class).optional();
        if (earlier.isPresent()) {
            if (!MessageDigest.isEqual(earlier.get().requestHash(), hash)) {
                throw refusals.refuse(customerId, Irc.CONFLICT, "idempotency-key-reused",
                        "This Idempotency-Key was used for a different transfer.");
            }
            return new Made(earlier.get(), true);
        }
        Account from = books.ownAccount(customerId, request.fromAccountId());
        TransferBooks.Target target = books.target(customerId, from.id(), request.toAccountId(), request.payeeId());
        LocalDate today = books.today();
        books.requireAllowed(customerId, from.id(), target, amount, today);
        RiskRequest question = new RiskRequest(RiskAction.TRANSFER, customerId, customer.deviceId(), from.id(), amount,
                target.counterparty(), null, RiskChannel.APP, null, request.device());
        risk.check(question, request.stepUpId());
        UUID id = books.book(new TransferBooks.Booking(customerId, from, target, amount, request.memo(),
                idempotencyKey, hash, today));
        engine.recordAfterCommit(RiskEvent.of(question, clock.instant()));
        return new Made(find(customerId, id).orElseThrow(), false);
    }

    @Transactional(readOnly = true)
    Optional<TransferRow> find(UUID customerId, UUID transferId) {
        return jdbc.sql(TransferRow.SELECT + " where t.id = ? and t.customer_id = ?")
                .params(transferId, customerId).query(TransferRow.class).optional();
    }

    @Transactional(readOnly = true)
    List<TransferRow> recent(UUID customerId) {
        return jdbc.sql(TransferRow.SELECT + " where t.customer_id = ? order by t.created_at desc, t.id limit 50")
                .param(customerId).query(TransferRow.class).list();
    }
}
