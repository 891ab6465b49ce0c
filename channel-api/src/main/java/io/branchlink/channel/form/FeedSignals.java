package io.branchlink.channel.form;

import io.branchlink.channel.system.BranchSignals;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Wakes the staging feed's long polls of a branch's hubs once a staging event for that branch has committed
 * ({@link BranchSignals}: a generation per branch, no event missed between a poll's query and its wait, every poll
 * answered at once when the application closes).
 */
@Component
class FeedSignals {

    private final BranchSignals signals = new BranchSignals();

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(FormFeedChanged changed) {
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
