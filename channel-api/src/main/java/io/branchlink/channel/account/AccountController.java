package io.branchlink.channel.account;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.money.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A customer's accounts with balance and available balance, and each account's recent postings. */
@RestController
@RequestMapping("/api/v1/accounts")
@Tag(name = "Accounts")
class AccountController {

    private static final String COLUMNS = "id, account_number, name, currency, balance, held, account_class";

    private final JdbcClient jdbc;

    AccountController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    @Operation(summary = "The customer's accounts")
    List<AccountView> accounts(@AuthenticationPrincipal CustomerPrincipal customer) {
        // deposit accounts only: a credit card's account (kind CARD) is shown by /api/v1/cards, as what is owed
        return jdbc.sql("select " + COLUMNS + " from accounts where customer_id = ? and kind = 'CUSTOMER'"
                        + " order by account_number")
                .param(customer.customerId())
                .query(Row.class)
                .list()
                .stream()
                .map(Row::view)
                .toList();
    }

    @GetMapping("/{accountId}")
    @Operation(summary = "One of the customer's accounts")
    AccountView account(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID accountId) {
        return own(customer, accountId).view();
    }

    @GetMapping("/{accountId}/postings")
    @Operation(summary = "The account's latest postings, newest first")
    List<PostingView> postings(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID accountId) {
        Row account = own(customer, accountId);
        return jdbc.sql("""
                select e.kind, e.created_at, -p.amount as amount
                  from postings p join journal_entries e on e.id = p.entry_id
                 where p.account_id = ?
                 order by p.id desc limit 50
                """)
                .param(accountId)
                .query((rs, n) -> new PostingView(rs.getString("kind"),
                        rs.getTimestamp("created_at").toInstant(),
                        Money.ofMinor(rs.getLong("amount"), account.currency()).toDecimal()))
                .list();
    }

    private Row own(CustomerPrincipal customer, UUID accountId) {
        return jdbc.sql("select " + COLUMNS + " from accounts where id = ? and customer_id = ? and kind = 'CUSTOMER'")
                .params(accountId, customer.customerId())
                .query(Row.class)
                .optional()
                .orElseThrow(() -> ApiException.notFound("Account"));
    }

    private record Row(UUID id, String accountNumber, String name, String currency, long balance, long held,
            String accountClass) {

        AccountView view() {
            return new AccountView(id, accountNumber, name, currency, Money.ofMinor(balance, currency).toDecimal(),
                    Money.ofMinor(balance - held, currency).toDecimal(), AccountClass.of(accountClass));
        }
    }

    /**
     * The customer's own account; the full number is shown to its owner only.
     *
     * @param accountClass TYPE_I, or TYPE_II for an electronic account with no cash and outbound limits
     */
    record AccountView(UUID id, String accountNumber, String name, String currency, BigDecimal balance,
            BigDecimal available, AccountClass accountClass) {
    }

    /** @param amount positive for money in, negative for money out */
    record PostingView(String kind, Instant at, BigDecimal amount) {
    }
}
