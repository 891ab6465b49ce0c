package io.branchlink.channel.form.internal.action;

import io.branchlink.channel.ledger.Account;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Finds the customer's accounts a form names, and opens new ones (16-digit numbers: 622202 + 10 digits). */
@Component
class CustomerAccounts {

    private static final Logger log = LoggerFactory.getLogger(CustomerAccounts.class);

    private final JdbcClient jdbc;

    CustomerAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AccountRow> byNumber(String number) {
        return jdbc.sql("select " + AccountRow.COLUMNS + " from accounts where account_number = ?")
                .param(number)
                .query(AccountRow.class)
                .optional();
    }

    /** An open customer account of the form's customer, or a business failure. */
    AccountRow owned(CounterAction.Context ctx, String number) {
        return byNumber(number)
                .filter(a -> ctx.customerId().equals(a.customerId()) && "CUSTOMER".equals(a.kind())
                        && "OPEN".equals(a.status()))
                .orElseThrow(() -> new BusinessFailure("Account " + Account.mask(number == null ? "" : number)
                        + " is not an open account of the customer."));
    }

    /** An account of the customer named by its number or by the number of one of the customer's cards on it. */
    AccountRow ownedOrByCard(CounterAction.Context ctx, String number) {
        Optional<String> cardAccount = jdbc.sql("""
                select a.account_number from cards c join accounts a on a.id = c.account_id
                 where c.card_number = ? and c.customer_id = ?
                """)
                .params(number, ctx.customerId())
                .query(String.class)
                .optional();
        return owned(ctx, cardAccount.orElse(number));
    }

    /** The customer's first open current account in the currency. */
    Optional<AccountRow> currentIn(UUID customerId, String currency) {
        return jdbc.sql("select " + AccountRow.COLUMNS + """
                 from accounts where customer_id = ? and kind = 'CUSTOMER' and product = 'CURRENT'
                  and status = 'OPEN' and currency = ? order by created_at, account_number limit 1
                """)
                .params(customerId, currency)
                .query(AccountRow.class)
                .optional();
    }

    Opened open(UUID customerId, String currency, String product, String name, String accountClass) {
        String number;
        do {
            long next = jdbc.sql("select nextval('account_numbers')").query(Long.class).single();
            number = "622202" + String.format("%010d", next);
        } while (byNumber(number).isPresent());
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

    record Opened(UUID id, String number) {
    }
}
