package io.branchlink.channel.itmsession.internal;

import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.hubapi.ItmSessionCode;
import io.branchlink.protocol.hubapi.ItmSessionFeed;
import io.branchlink.protocol.hubapi.ItmSessionRequest;
import io.branchlink.protocol.rc.Irc;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.TimeUnit;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * ITM session codes for branch hubs: a fresh code for one of the branch's ITMs, and the feed of claims (a long poll
 * that behaves like a push, as the staging feed). The branch is always the authenticated hub's.
 */
@RestController
@Tag(name = "Branch hubs: ITM session codes")
class HubItmSessionController {

    static final int MAX_WAIT_SECONDS = 30;
    private static final String TERMINAL_PATTERN = "[A-Z0-9]{1,8}";

    private final ItmSessions sessions;
    private final ItmSessionSignals signals;

    HubItmSessionController(ItmSessions sessions, ItmSessionSignals signals) {
        this.sessions = sessions;
        this.signals = signals;
    }

    @PostMapping(HubApiPaths.ITM_SESSIONS)
    @Operation(summary = "A new session code for one of the branch's ITMs to show",
            description = "Answers 201 with the signed ITM_SESSION code (valid code-ttl, 120 s by default); 404 when"
                    + " the terminal is not an ITM of the hub's branch.")
    ResponseEntity<ItmSessionCode> mint(@AuthenticationPrincipal HubPrincipal hub,
            @RequestBody ItmSessionRequest request) {
        if (request == null || request.terminalId() == null || !request.terminalId().matches(TERMINAL_PATTERN)) {
            throw new ApiException(Irc.FORMAT_ERROR, "terminalId is 1 to 8 of A-Z 0-9.");
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .body(sessions.mint(hub, request.terminalId()));
    }

    /**
     * Answers at once when the branch has claims after {@code after}; otherwise waits, holding no database
     * connection, until a claim for the branch commits or {@code waitSeconds} (at most 30) pass.
     */
    @GetMapping(HubApiPaths.ITM_SESSION_FEED)
    @Operation(summary = "The branch's ITM session claims after a sequence number (long poll)",
            description = "Only claims whose cardless token can still be used are listed, each with the token text"
                    + " the ITM puts in its 0200; a hub that restarts asks from 0 and gets what is still pending.")
    ResponseEntity<ItmSessionFeed> feed(@AuthenticationPrincipal HubPrincipal hub,
            @RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "0") int waitSeconds)
            throws InterruptedException {
        if (after < 0 || waitSeconds < 0) {
            throw new ApiException(Irc.FORMAT_ERROR, "after and waitSeconds must not be negative.");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(waitSeconds, MAX_WAIT_SECONDS));
        long generation = signals.current(hub.branchId());
        ItmSessionFeed feed = sessions.after(hub.branchId(), after);
        while (feed.events().isEmpty() && signals.awaitChange(hub.branchId(), generation, deadline)) {
            generation = signals.current(hub.branchId());
            feed = sessions.after(hub.branchId(), after);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(feed);
    }
}
