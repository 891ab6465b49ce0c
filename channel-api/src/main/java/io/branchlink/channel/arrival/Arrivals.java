package io.branchlink.channel.arrival;

import io.branchlink.channel.arrival.internal.ArrivalSettings;
import io.branchlink.channel.arrival.internal.BranchLocations;
import io.branchlink.channel.arrival.internal.QueueTickets;
import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.form.FormArrivals;
import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.hubapi.Arrival;
import io.branchlink.protocol.hubapi.ArrivalRequest;
import io.branchlink.protocol.hubapi.HubProblemCode;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer's arrival at a branch, however it is known: the forms first (each in its own transaction, through
 * {@link FormArrivals}), then the ticket and its feed event in one transaction. Arriving again stages only forms
 * submitted since and answers the same ticket. Expected refusals are one log line and a count in
 * {@value #REFUSED}, by reason.
 *
 * @see io.branchlink.channel.arrival.ArrivalIntegrationTests
 */
@Service
class Arrivals {

    static final String REFUSED = "branchlink.channel.arrival.refused";
    private static final Logger log = LoggerFactory.getLogger(Arrivals.class);

    private final BranchLocations branches;
    private final QueueTickets tickets;
    private final FormArrivals forms;
    private final TransactionTemplate transaction;
    private final ArrivalSettings settings;
    private final MeterRegistry meters;

    Arrivals(BranchLocations branches, QueueTickets tickets, FormArrivals forms,
            PlatformTransactionManager transactions, ArrivalSettings settings, MeterRegistry meters) {
        this.branches = branches;
        this.tickets = tickets;
        this.forms = forms;
        this.transaction = new TransactionTemplate(transactions);
        this.settings = settings;
        this.meters = meters;
    }

    /** The app reports where the phone is; inside a branch's radius (and finer than it), the customer is there. */
    Arrival byLocation(CustomerPrincipal customer, double latitude, double longitude, double accuracyMetres) {
        requireBoundPhone(customer);
        if (accuracyMetres > settings.maxAccuracyMetres()) {
            throw refused("LOCATION_TOO_COARSE", Irc.INVALID_TRANSACTION,
                    "The phone's position is too coarse to tell which branch you are at.");
        }
        BranchLocations.Found found = branches.containing(latitude, longitude).orElseThrow(() -> refused(
                "NOT_AT_A_BRANCH", Irc.INVALID_TRANSACTION, "You are not at one of our branches."));
        if (accuracyMetres > found.branch().radiusMetres()) {
            throw refused("LOCATION_TOO_COARSE", Irc.INVALID_TRANSACTION,
                    "The phone's position is too coarse to tell that you are at " + found.branch().name() + ".");
        }
        return arrive(customer.customerId(), found.branch().id(), found.branch().name(), "LOCATION", null);
    }

    /** A ticket taken in the app for a branch, before or after walking in. */
    Arrival remoteTicket(CustomerPrincipal customer, String branchId) {
        requireBoundPhone(customer);
        String name = branches.name(branchId).orElseThrow(() -> refused("BRANCH_UNKNOWN", Irc.NOT_FOUND,
                "There is no branch " + branchId + "."));
        return arrive(customer.customerId(), branchId, name, "REMOTE", null);
    }

    /** The hub's ticket machine read one of the customer's FORM codes (the hub checked its signature and expiry). */
    Arrival atMachine(HubPrincipal hub, ArrivalRequest request) {
        UUID customerId = forms.customerOfToken(request.tokenId()).orElseThrow(() -> refused(
                HubProblemCode.FORM_UNKNOWN.name(), Irc.NOT_FOUND, "No form has this token."));
        String name = branches.name(hub.branchId()).orElseThrow(() -> refused("BRANCH_UNKNOWN", Irc.NOT_FOUND,
                "There is no branch " + hub.branchId() + "."));
        return arrive(customerId, hub.branchId(), name, "MACHINE", request.deviceId());
    }

    private Arrival arrive(UUID customerId, String branchId, String branchName, String source, String deviceId) {
        FormArrivals.Staging staging = forms.stageSubmitted(customerId, branchId, "arrival " + source.toLowerCase());
        QueueTickets.Issued issued = transaction.execute(status -> {
            QueueTickets.Issued ticket = tickets.issue(customerId, branchId, source, deviceId, staging.atBranch());
            if (ticket.changed()) {
                forms.ticketIssued(ticket.ticket());
            }
            return ticket;
        });
        log.info("arrival branch={} source={} staged={} notStaged={} ticket={}", branchId, source,
                staging.staged().size(), staging.notStaged().size(), issued.ticket().label());
        return new Arrival(branchId, branchName, staging.staged(), staging.notStaged(), issued.ticket());
    }

    private void requireBoundPhone(CustomerPrincipal customer) {
        if (!customer.deviceBound()) {
            throw refused("DEVICE_NOT_BOUND", Irc.STEP_UP_REQUIRED,
                    "Bind this phone to your profile before telling the branch you are there.");
        }
    }

    private ApiException refused(String code, Irc irc, String detail) {
        log.info("arrival refused reason={}", code);
        meters.counter(REFUSED, "reason", code).increment();
        ApiException problem = new ApiException(irc, detail);
        problem.getBody().setProperty("code", code);
        return problem;
    }
}
