package io.branchlink.channel.form.internal.action;

import java.sql.Timestamp;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Resets a password of the customer's account or card: recorded, and a new one must be set at the next login. */
@Component
class ResetPassword implements CounterAction {

    private final JdbcClient jdbc;
    private final CustomerAccounts accounts;

    ResetPassword(JdbcClient jdbc, CustomerAccounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    @Override
    public String action() {
        return "PASSWORD_RESET";
    }

    @Override
    public Done execute(Context ctx) {
        AccountRow account = accounts.ownedOrByCard(ctx, ctx.value("account"));
        jdbc.sql("""
                insert into password_resets (id, draft_id, customer_id, password_kind, account_id, created_at)
                values (?, ?, ?, ?, ?, ?)
                """)
                .params(UUID.randomUUID(), ctx.draftId(), ctx.customerId(), ctx.value("passwordKind"), account.id(),
                        Timestamp.from(ctx.now()))
                .update();
        jdbc.sql("update customers set must_change_password = true where id = ?").param(ctx.customerId()).update();
        return Done.of("Password reset; a new password must be set at the next login", "passwordKind",
                ctx.value("passwordKind"), "account", account.masked(), "mustChangePassword", "true");
    }
}
