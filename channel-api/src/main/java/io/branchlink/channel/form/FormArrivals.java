package io.branchlink.channel.form;

import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.hubapi.Arrival;
import io.branchlink.protocol.hubapi.QueueTicket;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What counter business offers the arrival feature (docs/counter-business.md, "Arrival and the queue"): staging all
 * of a customer's submitted forms at the branch they arrived at, finding whose form a FORM token is (the code shown
 * at a ticket machine), and putting a queue ticket into the branch's staging feed so that its hub learns of it in
 * the same long poll that brings the forms.
 *
 * @see io.branchlink.channel.arrival.ArrivalIntegrationTests
 */
@Service
public class FormArrivals {

    private static final Logger log = LoggerFactory.getLogger(FormArrivals.class);

    private final JdbcClient jdbc;
    private final StageForm stage;
    private final FormStaging staging;
    private final Clock clock;

    FormArrivals(JdbcClient jdbc, StageForm stage, FormStaging staging, Clock clock) {
        this.jdbc = jdbc;
        this.stage = stage;
        this.staging = staging;
        this.clock = clock;
    }

    /**
     * The customer's forms at a branch after an arrival there.
     *
     * @param staged the draft ids this arrival staged
     * @param notStaged the submitted forms that could not be staged, with the problem's code
     * @param atBranch how many of the customer's forms are now staged at the branch
     */
    public record Staging(List<String> staged, List<Arrival.NotStaged> notStaged, int atBranch) {
    }

    /**
     * Stages every one of the customer's submitted forms at {@code branchId}, each in its own transaction: a form
     * that cannot be staged (its code expired a moment ago) is reported and the others still move. Forms already
     * staged anywhere stay where they are. Must not run inside a transaction, or the forms would not be independent.
     */
    public Staging stageSubmitted(UUID customerId, String branchId, String via) {
        List<UUID> submitted = jdbc.sql("""
                select id from form_drafts where customer_id = ? and status = 'SUBMITTED' and token_expires_at > ?
                 order by submitted_at, id
                """)
                .params(customerId, Timestamp.from(clock.instant()))
                .query(UUID.class)
                .list();
        List<String> staged = new ArrayList<>();
        List<Arrival.NotStaged> notStaged = new ArrayList<>();
        for (UUID draftId : submitted) {
            try {
                if (stage.stageOnCustomerArrival(customerId, draftId, branchId, via)) {
                    staged.add(draftId.toString());
                }
            } catch (ApiException e) {
                Object code = e.getBody().getProperties() == null ? null : e.getBody().getProperties().get("code");
                String reason = code == null ? e.irc().name() : code.toString();
                log.info("arrival staging refused draft={} branch={} reason={}", draftId, branchId, reason);
                notStaged.add(new Arrival.NotStaged(draftId.toString(), reason));
            }
        }
        return new Staging(staged, notStaged, atBranch(customerId, branchId));
    }

    /** How many of the customer's forms are staged at the branch. */
    public int atBranch(UUID customerId, String branchId) {
        return jdbc.sql("select count(*) from form_drafts where customer_id = ? and status = 'STAGED' and branch_id = ?")
                .params(customerId, branchId)
                .query(Integer.class)
                .single();
    }

    /** The customer whose form has this FORM token, whatever the form's status. */
    public Optional<UUID> customerOfToken(String tokenId) {
        return jdbc.sql("select customer_id from form_drafts where token_id = ?")
                .param(tokenId)
                .query(UUID.class)
                .optional();
    }

    /** Puts the ticket into its branch's staging feed, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void ticketIssued(QueueTicket ticket) {
        staging.ticket(ticket);
    }
}
