package io.branchlink.channel.ledger;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Posts balanced journal entries and manages holds. Every method joins the caller's transaction (or opens one), and
 * every balance change is a single conditional UPDATE, so two concurrent debits can never overdraw an account:
 * PostgreSQL re-checks the condition against the newest row version once the row lock is granted.
 *
 * @see io.branchlink.channel.ledger.LedgerIntegrationTests
 */
@Service
@Transactional(propagation = Propagation.REQUIRED)
public class Ledger {

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Posts one journal entry.
     *
     * @param currency the currency of every leg; accounts in another currency are refused
     * @return the journal entry id
     * @throws InsufficientFundsException when a customer account would fall below its held amount
     * @throws IllegalArgumentException when the legs do not sum to zero or fewer than two are given
     */
    public UUID post(String kind, String reference, String currency, List<Posting> legs) {
        requireBalanced(legs);
        lockInOrder(legs.stream().map(Posting::accountId).toList());
        UUID entryId = UUID.randomUUID();
        jdbc.sql("insert into journal_entries (id, kind, reference) values (?, ?, ?)")
                .params(entryId, kind, reference)
                .update();
        for (Posting leg : legs) {
            int updated = jdbc.sql("""
                    update accounts
                       set balance = balance + case side when 'D' then :amount else -:amount end
                     where id = :id and currency = :currency
                       and (kind <> 'CUSTOMER' or balance + case side when 'D' then :amount else -:amount end >= held)
                    """)
                    .param("amount", leg.amount())
                    .param("id", leg.accountId())
                    .param("currency", currency)
                    .update();
            if (updated == 0) {
                if (find(leg.accountId()).filter(a -> a.currency().equals(currency)).isEmpty()) {
                    throw new IllegalArgumentException("no " + currency + " account " + leg.accountId());
                }
                throw new InsufficientFundsException(leg.accountId());
            }
            jdbc.sql("insert into postings (entry_id, account_id, amount, currency) values (?, ?, ?, ?)")
                    .params(entryId, leg.accountId(), leg.amount(), currency)
                    .update();
        }
        return entryId;
    }

    /**
     * Reserves {@code amount} of a customer account's available balance.
     *
     * @return the hold id, or empty when the available balance is too small
     */
    public Optional<UUID> placeHold(UUID accountId, long amount, String reason) {
        if (amount <= 0) {
            throw new IllegalArgumentException("a hold reserves a positive amount");
        }
        int updated = jdbc.sql("""
                update accounts set held = held + :amount
                 where id = :id and kind = 'CUSTOMER' and balance - held >= :amount
                """)
                .param("amount", amount)
                .param("id", accountId)
                .update();
        if (updated == 0) {
            return Optional.empty();
        }
        UUID holdId = UUID.randomUUID();
        jdbc.sql("insert into holds (id, account_id, amount, status, reason) values (?, ?, ?, 'PLACED', ?)")
                .params(holdId, accountId, amount, reason)
                .update();
        return Optional.of(holdId);
    }

    /** Gives a hold's amount back to the available balance; false when the hold was no longer open. */
    public boolean releaseHold(UUID holdId) {
        return closeHold(holdId, "RELEASED").isPresent();
    }

    /**
     * Closes a hold and posts the entry that spends it, in one step: the held amount is debited from the held
     * account and {@code creditAccountId} is credited.
     *
     * @return the journal entry id, or empty when the hold was no longer open
     */
    public Optional<UUID> captureHold(UUID holdId, UUID creditAccountId, String kind, String reference) {
        jdbc.sql("select account_id from holds where id = ?").param(holdId).query(UUID.class).optional()
                .ifPresent(held -> lockInOrder(List.of(held, creditAccountId)));
        return closeHold(holdId, "CAPTURED").map(hold -> post(kind, reference, hold.currency(), List.of(
                Posting.debit(hold.accountId(), hold.amount()),
                Posting.credit(creditAccountId, hold.amount()))));
    }

    @Transactional(readOnly = true)
    public Optional<Account> find(UUID accountId) {
        return jdbc.sql("""
                select id, account_number, customer_id, kind, currency, name, balance, held
                  from accounts where id = ?
                """)
                .param(accountId)
                .query(Account.class)
                .optional();
    }

    private Optional<ClosedHold> closeHold(UUID holdId, String status) {
        Optional<ClosedHold> hold = jdbc.sql("""
                update holds h set status = :status, closed_at = now()
                  from accounts a
                 where h.id = :id and h.status = 'PLACED' and a.id = h.account_id
                returning h.account_id, h.amount, a.currency
                """)
                .param("status", status)
                .param("id", holdId)
                .query(ClosedHold.class)
                .optional();
        hold.ifPresent(h -> jdbc.sql("update accounts set held = held - ? where id = ?")
                .params(h.amount(), h.accountId())
                .update());
        return hold;
    }

    /**
     * Locks the accounts an entry touches in one global order before any balance changes, so that two entries over
     * the same accounts wait for each other instead of deadlocking (a withdrawal's capture and a reversal list the
     * customer and the ITM's cash in opposite orders). Customer accounts come first, as a hold locks its customer
     * account before anything else; then by id.
     */
    private void lockInOrder(List<UUID> accountIds) {
        jdbc.sql("select id from accounts where id in (:ids) order by kind <> 'CUSTOMER', id for update")
                .param("ids", accountIds.stream().distinct().sorted().toList())
                .query(UUID.class)
                .list();
    }

    private static void requireBalanced(List<Posting> legs) {
        if (legs.size() < 2) {
            throw new IllegalArgumentException("a journal entry has at least two postings");
        }
        long sum = 0;
        for (Posting leg : legs) {
            sum = Math.addExact(sum, leg.amount());
        }
        if (sum != 0) {
            throw new IllegalArgumentException("journal entry does not balance: " + sum);
        }
    }

    private record ClosedHold(UUID accountId, long amount, String currency) {
    }
}
