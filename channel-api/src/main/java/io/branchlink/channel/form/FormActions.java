package io.branchlink.channel.form;

import io.branchlink.channel.ledger.Account;
import io.branchlink.channel.ledger.InsufficientFundsException;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.ledger.Posting;
import io.branchlink.protocol.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carries out a confirmed form: one method per catalog action ({@code FormDefinition.action()}), each working in the
 * caller's transaction (the execution's savepoint) and throwing {@link BusinessFailure} when the business cannot be
 * done. Money moves only through balanced ledger entries; see docs/channel-api.md for each action's postings.
 *
 * @see io.branchlink.channel.form.FormExecutionIntegrationTests
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class FormActions {

    static final UUID REMITTANCE_CLEARING = UUID.fromString("00000000-0000-0000-0000-00000000e003");
    private static final Logger log = LoggerFactory.getLogger(FormActions.class);
    private static final String ACCOUNT_COLUMNS = """
            id, account_number, customer_id, kind, currency, name, balance, held, product, status""";

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final FormsProperties properties;

    FormActions(JdbcClient jdbc, Ledger ledger, FormsProperties properties) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.properties = properties;
    }

    /** What a form's execution works with. {@code reference} is the voucher reference the business is booked under. */
    record Context(UUID draftId, UUID customerId, String type, String action, Map<String, String> values,
            String branchId, String tellerId, String terminalId, String reference, Instant now, LocalDate today) {

        String value(String field) {
            String value = values.get(field);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** The message for the teller and the customer, and the business's result (new numbers, statuses). */
    record Done(String message, Map<String, String> result) {
    }

    Done perform(Context ctx) {
        return switch (ctx.action()) {
            case "TIME_DEPOSIT_OPEN" -> openTimeDeposit(ctx);
            case "TIME_DEPOSIT_EARLY_WITHDRAW" -> withdrawTimeDeposit(ctx);
            case "TRANSFER_REMIT" -> remit(ctx);
            case "CARD_LOSS_REPLACE" -> reportCardLoss(ctx);
            case "PERSONAL_INFO_CHANGE" -> changeProfile(ctx);
            case "PERSONAL_ACCOUNT_OPEN" -> openPersonalAccount(ctx);
            case "DEPOSIT_CERTIFICATE_ISSUE" -> issueDepositCertificate(ctx);
            case "FX_EXCHANGE" -> exchange(ctx);
            case "LARGE_CASH_BOOK" -> bookLargeCash(ctx);
            case "PASSWORD_RESET" -> resetPassword(ctx);
            default -> throw new BusinessFailure("Business " + ctx.action() + " cannot be executed at the counter.");
        };
    }

    private Done openTimeDeposit(Context ctx) {
        Row source = ownAccount(ctx, ctx.value("sourceAccount"));
        requireCurrent(source);
        String currency = ctx.value("currency");
        if (!source.currency().equals(currency)) {
            throw new BusinessFailure("Account " + source.masked() + " is kept in " + source.currency()
                    + "; a time deposit in " + currency + " needs an account in " + currency + ".");
        }
        Money amount = money(ctx.value("amount"), currency);
        String term = ctx.value("term");
        LocalDate maturity = maturity(ctx.today(), term);
        Opened deposit = openAccount(ctx.customerId(), currency, "TIME_DEPOSIT",
                "Time deposit 定期 " + term + " until " + maturity, null);
        jdbc.sql("""
                insert into time_deposits (account_id, term, opened_on, maturity_date, auto_renew, source_account_id,
                                           draft_id)
                values (?, ?, ?, ?, ?, ?, ?)
                """)
                .params(deposit.id(), term, ctx.today(), maturity, "YES".equals(ctx.value("autoRenew")), source.id(),
                        ctx.draftId())
                .update();
        post(ctx, "TIME_DEPOSIT_OPEN", source, amount, List.of(Posting.debit(source.id(), amount.minorUnits()),
                Posting.credit(deposit.id(), amount.minorUnits())));
        return done("Time deposit opened", "timeDepositAccount", deposit.number(), "amount", amount.toString(),
                "term", term, "maturityDate", maturity.toString(), "autoRenew", ctx.value("autoRenew"));
    }

    private Done withdrawTimeDeposit(Context ctx) {
        Row deposit = ownAccount(ctx, ctx.value("depositAccount"));
        if (!"TIME_DEPOSIT".equals(deposit.product())) {
            throw new BusinessFailure("Account " + deposit.masked() + " is not a time deposit.");
        }
        Row target = ownAccount(ctx, ctx.value("targetAccount"));
        requireCurrent(target);
        if (!target.currency().equals(deposit.currency())) {
            throw new BusinessFailure("The time deposit is kept in " + deposit.currency() + " and account "
                    + target.masked() + " in " + target.currency() + ".");
        }
        boolean full = "FULL".equals(ctx.value("withdrawal"));
        Money amount;
        if (full) {
            if (deposit.held() > 0) {
                throw new BusinessFailure("Part of the time deposit is frozen; it cannot be withdrawn in full.");
            }
            amount = Money.ofMinor(deposit.balance(), deposit.currency());
        } else {
            if (!"CNY".equals(deposit.currency())) {
                throw new BusinessFailure("A partial withdrawal names a CNY amount; this deposit is kept in "
                        + deposit.currency() + ".");
            }
            amount = money(ctx.value("amount"), "CNY");
            if (amount.minorUnits() >= deposit.balance()) {
                throw new BusinessFailure("A partial withdrawal must leave money in the deposit; it holds "
                        + Money.ofMinor(deposit.balance(), deposit.currency()) + ".");
            }
        }
        if (amount.minorUnits() > 0) {
            post(ctx, "TIME_DEPOSIT_WITHDRAW", deposit, amount, List.of(
                    Posting.debit(deposit.id(), amount.minorUnits()), Posting.credit(target.id(), amount.minorUnits())));
        }
        if (full) {
            jdbc.sql("update accounts set status = 'CLOSED', closed_at = ? where id = ?")
                    .params(Timestamp.from(ctx.now()), deposit.id())
                    .update();
        }
        return done(full ? "Time deposit withdrawn in full and closed" : "Time deposit withdrawn in part",
                "amount", amount.toString(), "targetAccount", target.masked(),
                "depositStatus", full ? "CLOSED" : "OPEN");
    }

    private Done remit(Context ctx) {
        Row from = ownAccount(ctx, ctx.value("fromAccount"));
        requireCurrent(from);
        Money amount = money(ctx.value("amount"), "CNY");
        if (!from.currency().equals("CNY")) {
            throw new BusinessFailure("Account " + from.masked() + " is kept in " + from.currency()
                    + "; remittances are in CNY.");
        }
        String payeeName = ctx.value("payeeName");
        Optional<Row> payee = account(ctx.value("payeeAccount"))
                .filter(a -> "CUSTOMER".equals(a.kind()) && "OPEN".equals(a.status()));
        if (payee.isPresent()) {
            Row to = payee.get();
            if (!to.currency().equals("CNY")) {
                throw new BusinessFailure("The payee account is kept in " + to.currency() + ".");
            }
            String holder = jdbc.sql("select full_name from customers where id = ?").param(to.customerId())
                    .query(String.class).single();
            post(ctx, "TRANSFER", from, amount, List.of(Posting.debit(from.id(), amount.minorUnits()),
                    Posting.credit(to.id(), amount.minorUnits())));
            return done("Transferred within the bank", "route", "IN_BANK", "amount", amount.toString(),
                    "payeeName", payeeName, "payeeAccount", to.masked(),
                    "payeeNameMatches", String.valueOf(holder.contains(payeeName)));
        }
        post(ctx, "REMITTANCE", from, amount, List.of(Posting.debit(from.id(), amount.minorUnits()),
                Posting.credit(REMITTANCE_CLEARING, amount.minorUnits())));
        return done("Remittance sent to " + ctx.value("payeeBank"), "route", "CLEARING", "amount", amount.toString(),
                "payeeName", payeeName, "payeeAccount", Account.mask(ctx.value("payeeAccount")),
                "payeeBank", ctx.value("payeeBank"), "speed", ctx.value("speed"));
    }

    private Done reportCardLoss(Context ctx) {
        String number = ctx.value("cardNumber");
        Card card = jdbc.sql("""
                select card_number, customer_id, account_id, status from cards
                 where card_number = ? and customer_id = ? for update
                """)
                .params(number, ctx.customerId())
                .query(Card.class)
                .optional()
                .orElseThrow(() -> new BusinessFailure("Card " + Account.mask(number) + " is not the customer's."));
        if ("BLOCKED".equals(card.status())) {
            throw new BusinessFailure("Card " + Account.mask(number) + " is already blocked.");
        }
        String status = "FORMAL".equals(ctx.value("lossKind")) ? "BLOCKED" : "TEMPORARILY_BLOCKED";
        jdbc.sql("update cards set status = ?, status_changed_at = ? where card_number = ?")
                .params(status, Timestamp.from(ctx.now()), number)
                .update();
        Map<String, String> result = new LinkedHashMap<>();
        result.put("card", Account.mask(number));
        result.put("cardStatus", status);
        String message = "TEMPORARY".equals(ctx.value("lossKind")) ? "Card temporarily blocked" : "Card blocked";
        if ("YES".equals(ctx.value("replace"))) {
            String replacement = issueCard(ctx.customerId(), card.accountId(), ctx.now());
            jdbc.sql("update cards set replaced_by = ? where card_number = ?").params(replacement, number).update();
            result.put("newCardLast4", replacement.substring(replacement.length() - 4));
            message += "; a replacement card was issued";
        }
        log.info("card loss reported card={} status={}", Account.mask(number), status);
        return new Done(message, result);
    }

    private Done changeProfile(Context ctx) {
        Map<String, String> result = new LinkedHashMap<>();
        String mobile = ctx.value("newMobile");
        if (mobile != null) {
            String phone = mobile.startsWith("+86") ? mobile.substring(3) : mobile;
            int changed = jdbc.sql("update customers set phone = ?, phone_changed_at = ? where id = ? and phone <> ?")
                    .params(phone, Timestamp.from(ctx.now()), ctx.customerId(), phone)
                    .update();
            result.put("mobile", changed == 1 ? "CHANGED" : "UNCHANGED");
        }
        if (ctx.value("newAddress") != null) {
            jdbc.sql("update customers set address = ? where id = ?").params(ctx.value("newAddress"), ctx.customerId())
                    .update();
            result.put("address", "CHANGED");
        }
        if (ctx.value("newIdExpiry") != null) {
            jdbc.sql("update customers set id_expiry = ? where id = ?")
                    .params(LocalDate.parse(ctx.value("newIdExpiry")), ctx.customerId())
                    .update();
            result.put("idExpiry", ctx.value("newIdExpiry"));
        }
        if (ctx.value("newOccupation") != null) {
            jdbc.sql("update customers set occupation = ? where id = ?")
                    .params(ctx.value("newOccupation"), ctx.customerId())
                    .update();
            result.put("occupation", ctx.value("newOccupation"));
        }
        if (result.isEmpty()) {
            throw new BusinessFailure("The form names nothing to change.");
        }
        return new Done("Personal information changed", result);
    }

    private Done openPersonalAccount(Context ctx) {
        String accountClass = ctx.value("accountKind");
        Opened account = openAccount(ctx.customerId(), "CNY", "CURRENT",
                "Current account 活期 (" + ("TYPE_I".equals(accountClass) ? "Type I 一类" : "Type II 二类") + ")",
                accountClass);
        Map<String, String> result = new LinkedHashMap<>();
        result.put("account", account.number());
        result.put("accountKind", accountClass);
        String deposit = ctx.value("initialDeposit");
        if (deposit != null && Money.parse(deposit, "CNY").isPositive()) {
            Money amount = Money.parse(deposit, "CNY");
            UUID cash = tellerCash(ctx.terminalId());
            ledger.post("COUNTER_CASH_DEPOSIT", "form " + ctx.reference(), "CNY", List.of(
                    Posting.debit(cash, amount.minorUnits()), Posting.credit(account.id(), amount.minorUnits())));
            result.put("initialDeposit", amount.toString());
        }
        if ("YES".equals(ctx.value("cardRequired"))) {
            String card = issueCard(ctx.customerId(), account.id(), ctx.now());
            result.put("newCardLast4", card.substring(card.length() - 4));
        }
        return new Done("Personal account opened", result);
    }

    private Done issueDepositCertificate(Context ctx) {
        Row account = ownAccount(ctx, ctx.value("account"));
        String currency = ctx.value("currency");
        if (!account.currency().equals(currency)) {
            throw new BusinessFailure("Account " + account.masked() + " is kept in " + account.currency()
                    + ", not " + currency + ".");
        }
        Money amount = money(ctx.value("amount"), currency);
        UUID hold = ledger.placeHold(account.id(), amount.minorUnits(), "deposit certificate " + ctx.reference())
                .orElseThrow(() -> new BusinessFailure("The available balance of account " + account.masked()
                        + " is lower than " + amount + "."));
        return done("Deposit certificate issued; the certified amount is frozen", "certificate", ctx.reference(),
                "account", account.masked(), "frozenAmount", amount.toString(), "holdId", hold.toString());
    }

    private Done exchange(Context ctx) {
        Row settlement = ownAccount(ctx, ctx.value("account"));
        requireCurrent(settlement);
        String sell = ctx.value("sellCurrency");
        String buy = ctx.value("buyCurrency");
        BigDecimal sellRate = rate(sell);
        BigDecimal buyRate = rate(buy);
        Money sold = money(ctx.value("sellAmount"), sell);
        int buyDigits = Currency.getInstance(buy).getDefaultFractionDigits();
        BigDecimal boughtDecimal = sold.toDecimal().multiply(sellRate).divide(buyRate, buyDigits, RoundingMode.DOWN);
        Money bought = Money.parse(boughtDecimal.toPlainString(), buy);
        if (!bought.isPositive()) {
            throw new BusinessFailure("The amount sold buys nothing at the rate of " + buy + ".");
        }
        Row from;
        UUID to;
        String toNumber;
        if (settlement.currency().equals(sell)) {
            from = settlement;
            Opened target = currencyAccount(ctx.customerId(), buy);
            to = target.id();
            toNumber = target.number();
        } else if (settlement.currency().equals(buy)) {
            from = customerAccountIn(ctx.customerId(), sell).orElseThrow(() -> new BusinessFailure(
                    "The customer has no " + sell + " account to sell from."));
            to = settlement.id();
            toNumber = settlement.accountNumber();
        } else {
            throw new BusinessFailure("Account " + settlement.masked() + " is kept in " + settlement.currency()
                    + "; it can settle only an exchange from or to " + settlement.currency() + ".");
        }
        post(ctx, "FX_SELL", from, sold, List.of(Posting.debit(from.id(), sold.minorUnits()),
                Posting.credit(fxPosition(sell), sold.minorUnits())));
        ledger.post("FX_BUY", "form " + ctx.reference(), buy, List.of(
                Posting.debit(fxPosition(buy), bought.minorUnits()), Posting.credit(to, bought.minorUnits())));
        BigDecimal crossRate = sellRate.divide(buyRate, 6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return done("Exchanged " + sold + " for " + bought + " at indicative demo rates", "sold", sold.toString(),
                "bought", bought.toString(), "rate", crossRate.toPlainString(), "fromAccount", from.masked(),
                "toAccount", Account.mask(toNumber));
    }

    private Done bookLargeCash(Context ctx) {
        Row account = ownAccount(ctx, ctx.value("account"));
        Money amount = money(ctx.value("amount"), "CNY");
        UUID booking = UUID.randomUUID();
        jdbc.sql("""
                insert into cash_bookings (id, draft_id, customer_id, branch_id, account_id, amount, currency,
                                           withdrawal_date, denomination, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(booking, ctx.draftId(), ctx.customerId(), ctx.branchId(), account.id(), amount.minorUnits(),
                        amount.currencyCode(), LocalDate.parse(ctx.value("withdrawalDate")), ctx.value("denomination"),
                        Timestamp.from(ctx.now()))
                .update();
        return done("Large cash withdrawal booked", "bookingId", booking.toString(), "amount", amount.toString(),
                "withdrawalDate", ctx.value("withdrawalDate"), "branchId", ctx.branchId(),
                "denomination", ctx.value("denomination"));
    }

    private Done resetPassword(Context ctx) {
        Row account = ownAccountOrCard(ctx, ctx.value("account"));
        jdbc.sql("""
                insert into password_resets (id, draft_id, customer_id, password_kind, account_id, created_at)
                values (?, ?, ?, ?, ?, ?)
                """)
                .params(UUID.randomUUID(), ctx.draftId(), ctx.customerId(), ctx.value("passwordKind"), account.id(),
                        Timestamp.from(ctx.now()))
                .update();
        jdbc.sql("update customers set must_change_password = true where id = ?").param(ctx.customerId()).update();
        return done("Password reset; a new password must be set at the next login", "passwordKind",
                ctx.value("passwordKind"), "account", account.masked(), "mustChangePassword", "true");
    }

    private void post(Context ctx, String kind, Row debited, Money amount, List<Posting> legs) {
        try {
            ledger.post(kind, "form " + ctx.reference(), amount.currencyCode(), legs);
        } catch (InsufficientFundsException e) {
            throw new BusinessFailure("The available balance of account " + debited.masked() + " is lower than "
                    + amount + ".");
        }
    }

    private Row ownAccount(Context ctx, String number) {
        return account(number)
                .filter(a -> ctx.customerId().equals(a.customerId()) && "CUSTOMER".equals(a.kind())
                        && "OPEN".equals(a.status()))
                .orElseThrow(() -> new BusinessFailure("Account " + Account.mask(number == null ? "" : number)
                        + " is not an open account of the customer."));
    }

    /** An account of the customer named by its number or by the number of one of the customer's cards on it. */
    private Row ownAccountOrCard(Context ctx, String number) {
        Optional<String> cardAccount = jdbc.sql("""
                select a.account_number from cards c join accounts a on a.id = c.account_id
                 where c.card_number = ? and c.customer_id = ?
                """)
                .params(number, ctx.customerId())
                .query(String.class)
                .optional();
        return ownAccount(ctx, cardAccount.orElse(number));
    }

    private Optional<Row> account(String number) {
        return jdbc.sql("select " + ACCOUNT_COLUMNS + " from accounts where account_number = ?")
                .param(number)
                .query(Row.class)
                .optional();
    }

    private Optional<Row> customerAccountIn(UUID customerId, String currency) {
        return jdbc.sql("select " + ACCOUNT_COLUMNS + """
                 from accounts where customer_id = ? and kind = 'CUSTOMER' and product = 'CURRENT'
                  and status = 'OPEN' and currency = ? order by created_at, account_number limit 1
                """)
                .params(customerId, currency)
                .query(Row.class)
                .optional();
    }

    private Opened currencyAccount(UUID customerId, String currency) {
        return customerAccountIn(customerId, currency)
                .map(a -> new Opened(a.id(), a.accountNumber()))
                .orElseGet(() -> openAccount(customerId, currency, "CURRENT",
                        "Foreign currency account 外币 " + currency, null));
    }

    private static void requireCurrent(Row account) {
        if (!"CURRENT".equals(account.product())) {
            throw new BusinessFailure("Account " + account.masked() + " is a time deposit; name a current account.");
        }
    }

    private Opened openAccount(UUID customerId, String currency, String product, String name, String accountClass) {
        String number;
        do {
            long next = jdbc.sql("select nextval('account_numbers')").query(Long.class).single();
            number = "622202" + String.format("%010d", next);
        } while (account(number).isPresent());
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into accounts (id, account_number, customer_id, kind, side, currency, name, product,
                                      account_class)
                values (?, ?, ?, 'CUSTOMER', 'C', ?, ?, ?, ?)
                """)
                .params(id, number, customerId, currency, name, product, accountClass)
                .update();
        log.info("account opened account={} product={} currency={}", Account.mask(number), product, currency);
        return new Opened(id, number);
    }

    private String issueCard(UUID customerId, UUID accountId, Instant now) {
        String number;
        do {
            long next = jdbc.sql("select nextval('card_numbers')").query(Long.class).single();
            String body = "622202" + String.format("%09d", next);
            number = body + luhn(body);
        } while (jdbc.sql("select count(*) from cards where card_number = ?").param(number).query(Integer.class)
                .single() > 0);
        jdbc.sql("""
                insert into cards (card_number, customer_id, account_id, status, issued_at)
                values (?, ?, ?, 'ACTIVE', ?)
                """)
                .params(number, customerId, accountId, Timestamp.from(now))
                .update();
        return number;
    }

    /** The Luhn check digit that makes {@code body} followed by it a valid card number. */
    static int luhn(String body) {
        int sum = 0;
        boolean twice = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int digit = body.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return (10 - sum % 10) % 10;
    }

    /** The cash GL of a teller terminal (its drawer), opened on first use. */
    private UUID tellerCash(String terminalId) {
        UUID existing = jdbc.sql("select cash_account_id from terminals where id = ? for update")
                .param(terminalId)
                .query((rs, n) -> (UUID) rs.getObject(1))
                .list()
                .get(0);
        if (existing != null) {
            return existing;
        }
        UUID cash = UUID.randomUUID();
        jdbc.sql("""
                insert into accounts (id, account_number, kind, side, currency, name)
                values (?, ?, 'CASH_GL', 'D', 'CNY', ?)
                """)
                .params(cash, "CASH-" + terminalId, "Cash drawer of teller terminal " + terminalId)
                .update();
        jdbc.sql("update terminals set cash_account_id = ? where id = ?").params(cash, terminalId).update();
        return cash;
    }

    private UUID fxPosition(String currency) {
        return jdbc.sql("select id from accounts where account_number = ?")
                .param("FX-POSITION-" + currency)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new BusinessFailure("The bank does not deal in " + currency + "."));
    }

    private BigDecimal rate(String currency) {
        BigDecimal rate = properties.fxRates().get(currency);
        if (rate == null || rate.signum() <= 0) {
            throw new BusinessFailure("There is no exchange rate for " + currency + ".");
        }
        return rate;
    }

    private static LocalDate maturity(LocalDate from, String term) {
        return switch (term) {
            case "M3" -> from.plusMonths(3);
            case "M6" -> from.plusMonths(6);
            case "Y1" -> from.plusYears(1);
            case "Y2" -> from.plusYears(2);
            case "Y3" -> from.plusYears(3);
            case "Y5" -> from.plusYears(5);
            default -> throw new BusinessFailure("Unknown term " + term + ".");
        };
    }

    private static Money money(String value, String currency) {
        try {
            return Money.parse(value, currency);
        } catch (RuntimeException e) {
            throw new BusinessFailure("The amount " + value + " is not valid in " + currency + ".");
        }
    }

    private static Done done(String message, String... pairs) {
        Map<String, String> result = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                result.put(pairs[i], pairs[i + 1]);
            }
        }
        return new Done(message, result);
    }

    record Row(UUID id, String accountNumber, UUID customerId, String kind, String currency, String name,
            long balance, long held, String product, String status) {

        String masked() {
            return Account.mask(accountNumber);
        }
    }

    private record Opened(UUID id, String number) {
    }

    private record Card(String cardNumber, UUID customerId, UUID accountId, String status) {
    }
}
