package io.branchlink.channel.form.internal.action;

import io.branchlink.channel.ledger.InsufficientFundsException;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.ledger.Posting;
import io.branchlink.protocol.money.Money;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Posts a form's balanced entries under reference {@code form <voucher reference>}; a debit the account cannot
 * cover is a business failure that names the account.
 */
@Component
class FormPostings {

    private final Ledger ledger;

    FormPostings(Ledger ledger) {
        this.ledger = ledger;
    }

    void post(CounterAction.Context ctx, String kind, AccountRow debited, Money amount, List<Posting> legs) {
        try {
            ledger.post(kind, reference(ctx), amount.currencyCode(), legs);
        } catch (InsufficientFundsException e) {
            throw new BusinessFailure("The available balance of account " + debited.masked() + " is lower than "
                    + amount + ".");
        }
    }

    /** Posts entries that debit only the bank's own accounts, which have no available balance to check. */
    void postFromBank(CounterAction.Context ctx, String kind, String currency, List<Posting> legs) {
        ledger.post(kind, reference(ctx), currency, legs);
    }

    private static String reference(CounterAction.Context ctx) {
        return "form " + ctx.reference();
    }

    /** The amount as typed, in the currency; an amount that cannot be read is a business failure. */
    static Money money(String value, String currency) {
        try {
            return Money.parse(value, currency);
        } catch (RuntimeException e) {
            throw new BusinessFailure("The amount " + value + " is not valid in " + currency + ".");
        }
    }
}
