package io.branchlink.channel.form.internal.action;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Changes what the form names of the customer's profile: mobile, address, ID expiry, occupation. */
@Component
class ChangePersonalInfo implements CounterAction {

    private final JdbcClient jdbc;

    ChangePersonalInfo(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String action() {
        return "PERSONAL_INFO_CHANGE";
    }

    @Override
    public boolean changesPhone(Context ctx) {
        return ctx.value("newMobile") != null;
    }

    @Override
    public Done execute(Context ctx) {
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
}
