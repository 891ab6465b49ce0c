package io.branchlink.channel.form.internal.action;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Selects the {@link CounterAction} a confirmed form's catalog action names and carries it out, in the caller's
 * transaction; the actions themselves are reached only through here.
 *
 * @see io.branchlink.channel.form.internal.action.CounterActionsTests
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class CounterActions {

    private final Map<String, CounterAction> byAction = new TreeMap<>();

    CounterActions(List<CounterAction> actions) {
        for (CounterAction action : actions) {
            CounterAction other = byAction.putIfAbsent(action.action(), action);
            if (other != null) {
                throw new IllegalStateException("two counter actions for " + action.action() + ": "
                        + other.getClass().getSimpleName() + " and " + action.getClass().getSimpleName());
            }
        }
    }

    /** Carries out the form's business; a catalog action without a {@link CounterAction} is a business failure. */
    public CounterAction.Done perform(CounterAction.Context ctx) {
        CounterAction action = byAction.get(ctx.action());
        if (action == null) {
            throw new BusinessFailure("Business " + ctx.action() + " cannot be executed at the counter.");
        }
        return action.execute(ctx);
    }

    /** What the form's business would move, read before it runs; {@link CounterAction.Movement#NONE} when none. */
    public CounterAction.Movement movement(CounterAction.Context ctx) {
        CounterAction action = byAction.get(ctx.action());
        return action == null ? CounterAction.Movement.NONE : action.movement(ctx);
    }

    /** Whether the form's business would change the customer's mobile number. */
    public boolean changesPhone(CounterAction.Context ctx) {
        CounterAction action = byAction.get(ctx.action());
        return action != null && action.changesPhone(ctx);
    }

    /** The catalog actions that can be carried out. */
    public Set<String> actions() {
        return Set.copyOf(byAction.keySet());
    }
}
