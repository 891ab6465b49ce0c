package io.branchlink.channel.transfer.internal;

import io.branchlink.channel.ledger.MoneyInvariant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transfers' money invariants, checked with the ledger's: clearing-in-transit holds exactly the interbank
 * transfers in flight (SENT, ACCEPTED), settlement exactly the confirmed ones; every transfer has exactly the
 * entries of its state (its debit; a confirmed one also its settlement, a refunded one also its refund, never two);
 * and no order paid twice on one date (also a primary key).
 *
 * @see io.branchlink.channel.transfer.InterbankTransferIntegrationTests
 */
@Component
@Transactional(readOnly = true)
class TransferInvariant implements MoneyInvariant {

    private final JdbcClient jdbc;

    TransferInvariant(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> violations() {
        List<String> found = new ArrayList<>();
        // one statement, so one snapshot: a refund committing meanwhile cannot make the two sides disagree
        Totals totals = jdbc.sql("""
                select (select balance from accounts where id = :transit) as in_transit,
                       (select coalesce(sum(amount), 0) from transfers
                         where kind = 'INTERBANK' and state in ('SENT', 'ACCEPTED')) as in_flight,
                       (select balance from accounts where id = :settlement) as settled,
                       (select coalesce(sum(amount), 0) from transfers where state = 'CONFIRMED') as confirmed
                """).param("transit", TransferBooks.IN_TRANSIT).param("settlement", TransferBooks.SETTLEMENT)
                .query(Totals.class).single();
        if (totals.inTransit() != totals.inFlight()) {
            found.add("clearing-in-transit holds " + totals.inTransit() + " but interbank transfers in flight sum to "
                    + totals.inFlight());
        }
        if (totals.settled() != totals.confirmed()) {
            found.add("clearing settlement holds " + totals.settled() + " but confirmed transfers sum to "
                    + totals.confirmed());
        }
        jdbc.sql("""
                select t.id::text from transfers t
                 where (select count(*) from journal_entries e
                         where e.reference = t.id::text and e.kind = 'TRANSFER') <> 1
                    or (select count(*) from journal_entries e
                         where e.reference = t.id::text and e.kind = 'TRANSFER_SETTLEMENT')
                       <> case t.state when 'CONFIRMED' then 1 else 0 end
                    or (select count(*) from journal_entries e
                         where e.reference = t.id::text and e.kind = 'TRANSFER_REFUND')
                       <> case t.state when 'REFUNDED' then 1 else 0 end
                """).query(String.class).list()
                .forEach(id -> found.add("transfer " + id.substring(0, 8) + " does not have exactly the entries of its"
                        + " state"));
        jdbc.sql("""
                select t.id::text from transfers t join postings p on p.entry_id = t.entry_id
                 where p.account_id = t.from_account_id and p.amount <> t.amount
                """).query(String.class).list()
                .forEach(id -> found.add("transfer " + id.substring(0, 8) + " debited another amount than its own"));
        return found;
    }

    private record Totals(long inTransit, long inFlight, long settled, long confirmed) {
    }
}
