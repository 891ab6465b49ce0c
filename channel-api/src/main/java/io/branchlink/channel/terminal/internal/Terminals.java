package io.branchlink.channel.terminal.internal;

import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.rc.Irc;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The terminals a hub may act for: those of its own branch. */
@Component
public class Terminals {

    private final JdbcClient jdbc;

    Terminals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The hub's terminal with this id; another branch's terminal is refused as if the hub had no access. */
    public Terminal of(HubPrincipal hub, String terminalId) {
        return jdbc.sql("select id, branch_id, kind, cash_account_id from terminals where id = ?")
                .param(terminalId)
                .query(Terminal.class)
                .optional()
                .filter(t -> t.branchId().equals(hub.branchId()))
                .orElseThrow(() -> new ApiException(Irc.ACCESS_DENIED,
                        "Terminal " + terminalId + " does not belong to this hub's branch."));
    }

    public List<Terminal> ofBranch(String branchId) {
        return jdbc.sql("select id, branch_id, kind, cash_account_id from terminals where branch_id = ? order by id")
                .param(branchId)
                .query(Terminal.class)
                .list();
    }
}
