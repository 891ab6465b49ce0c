package io.branchlink.channel.form.internal.action;

import static io.branchlink.channel.form.internal.action.FormPostings.money;

import io.branchlink.channel.ledger.Account;
import io.branchlink.channel.ledger.Posting;
import io.branchlink.protocol.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Exchanges currency at the indicative demo rates, settled on a current account of the customer's that is kept in
 * the currency sold or the currency bought; the other side is the customer's account in that currency, opened when
 * missing. Both legs go through the bank's FX position accounts.
 */
@Component
class ExchangeCurrency implements CounterAction {

    private final JdbcClient jdbc;
    private final CustomerAccounts accounts;
    private final FormPostings postings;
    private final ExchangeRates rates;

    ExchangeCurrency(JdbcClient jdbc, CustomerAccounts accounts, FormPostings postings, ExchangeRates rates) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.postings = postings;
        this.rates = rates;
    }

    @Override
    public String action() {
        return "FX_EXCHANGE";
    }

    @Override
    public Movement movement(Context ctx) {
        return new Movement(ctx.value("account"), ctx.value("sellAmount"), ctx.value("sellCurrency"), null);
    }

    @Override
    public Done execute(Context ctx) {
        AccountRow settlement = accounts.owned(ctx, ctx.value("account"));
        settlement.requireCurrent();
        String sell = ctx.value("sellCurrency");
        String buy = ctx.value("buyCurrency");
        BigDecimal sellRate = rates.rate(sell);
        BigDecimal buyRate = rates.rate(buy);
        Money sold = money(ctx.value("sellAmount"), sell);
        int buyDigits = Currency.getInstance(buy).getDefaultFractionDigits();
        BigDecimal boughtDecimal = sold.toDecimal().multiply(sellRate).divide(buyRate, buyDigits, RoundingMode.DOWN);
        Money bought = Money.of(boughtDecimal, buy);
        if (!bought.isPositive()) {
            throw new BusinessFailure("The amount sold buys nothing at the rate of " + buy + ".");
        }
        AccountRow from;
        UUID to;
        String toNumber;
        if (settlement.currency().equals(sell)) {
            from = settlement;
            CustomerAccounts.Opened target = currencyAccount(ctx, buy);
            to = target.id();
            toNumber = target.number();
        } else if (settlement.currency().equals(buy)) {
            from = accounts.currentIn(ctx.customerId(), sell).orElseThrow(() -> new BusinessFailure(
                    "The customer has no " + sell + " account to sell from."));
            to = settlement.id();
            toNumber = settlement.accountNumber();
        } else {
            throw new BusinessFailure("Account " + settlement.masked() + " is kept in " + settlement.currency()
                    + "; it can settle only an exchange from or to " + settlement.currency() + ".");
        }
        postings.post(ctx, "FX_SELL", from, sold, List.of(Posting.debit(from.id(), sold.minorUnits()),
                Posting.credit(fxPosition(sell), sold.minorUnits())));
        postings.postFromBank(ctx, "FX_BUY", buy, List.of(
                Posting.debit(fxPosition(buy), bought.minorUnits()), Posting.credit(to, bought.minorUnits())));
        BigDecimal crossRate = sellRate.divide(buyRate, 6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return Done.of("Exchanged " + sold + " for " + bought + " at indicative demo rates", "sold", sold.toString(),
                "bought", bought.toString(), "rate", crossRate.toPlainString(), "fromAccount", from.masked(),
                "toAccount", Account.mask(toNumber));
    }

    private CustomerAccounts.Opened currencyAccount(Context ctx, String currency) {
        return accounts.currentIn(ctx.customerId(), currency)
                .map(a -> new CustomerAccounts.Opened(a.id(), a.accountNumber()))
                .orElseGet(() -> accounts.open(ctx.customerId(), currency, "CURRENT",
                        "Foreign currency account 外币 " + currency, null));
    }

    private UUID fxPosition(String currency) {
        return jdbc.sql("select id from accounts where account_number = ?")
                .param("FX-POSITION-" + currency)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new BusinessFailure("The bank does not deal in " + currency + "."));
    }
}
