package io.branchlink.channel.itmsession.internal;

import io.branchlink.channel.system.BranchSignals;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Wakes the ITM session feed's long polls of a branch's hubs once a claim for that branch has committed, as
 * {@code form.FeedSignals} does for the staging feed ({@link BranchSignals}).
 */
@Component
class ItmSessionSignals {

    private final BranchSignals signals = new BranchSignals();

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ItmSessionFeedChanged changed) {
        signals.signal(changed.branchId());
    }

    @EventListener(ContextClosedEvent.class)
    void closing() {
        signals.close();
    }

    long current(String branchId) {
        return signals.current(branchId);
    }

    /** @return true when the branch's feed changed after {@code seen} before {@code deadlineNanos} */
    boolean awaitChange(String branchId, long seen, long deadlineNanos) throws InterruptedException {
        return signals.awaitChange(branchId, seen, deadlineNanos);
    }
}
