package io.branchlink.channel.customer;

import io.branchlink.channel.risk.RiskSignals;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.rc.Irc;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Login, logout and the profile for the mobile app; phones are bound in {@link DeviceController}. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Sessions and devices")
class SessionController {

    static final String DEVICE_ID_PATTERN = "[A-Za-z0-9._-]{4,64}";
    /** A step-up id: 32 random bytes in base64url. */
    static final String STEP_UP_ID_PATTERN = "[A-Za-z0-9_-]{43}";
    static final String USERNAME_PATTERN = "[A-Za-z0-9._@-]{1,64}";

    private final SessionService sessions;
    private final JdbcClient jdbc;

    SessionController(SessionService sessions, JdbcClient jdbc) {
        this.sessions = sessions;
        this.jdbc = jdbc;
    }

    @PostMapping("/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Log in from a phone and get a bearer session token",
            description = "Too many failed logins lock out: 5 in a row for a username, or 20 within 15 minutes from"
                    + " one source address, each for 15 minutes. While locked every login answers 403"
                    + " ACCOUNT_BLOCKED with retryAfter (seconds) and a Retry-After header, whatever the password."
                + " With the right password the risk engine is asked: 403 RISK_DECLINED (reasons, decisionId) opens"
                + " no session; 403 STEP_UP_REQUIRED carries stepUp {id, factors, expiresAt}: pass it at"
                + " /api/v1/step-ups/{id} (no session needed for a LOGIN step-up) and log in again with stepUpId."
                + " rooted and emulator (optional) are what the app found about the phone's integrity.")
    SessionService.OpenedSession login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        SessionService.LoginOutcome outcome = sessions.login(request.username(), request.password(),
                request.deviceId(), source(http), RiskSignals.device(request.rooted(), request.emulator()),
                request.stepUpId());
        if (outcome.lock() != null) {
            long seconds = outcome.lock().retryAfterSeconds();
            ApiException blocked = new ApiException(Irc.ACCOUNT_BLOCKED,
                    "Too many failed logins: logging in is paused. Try again after retryAfter seconds.");
            blocked.getBody().setProperty("retryAfter", seconds);
            blocked.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            throw blocked;
        }
        if (outcome.session() == null) {
            throw new ApiException(Irc.UNAUTHENTICATED, "Username or password is wrong.");
        }
        return outcome.session();
    }

    /** The caller's address as the servlet container reports it (behind a proxy: see docs/channel-api.md). */
    private static String source(HttpServletRequest http) {
        String address = http.getRemoteAddr();
        return address == null ? "unknown" : address.length() > 64 ? address.substring(0, 64) : address;
    }

    @DeleteMapping("/sessions/current")
    @Operation(summary = "Log out: end the current session")
    ResponseEntity<Void> logout(@RequestHeader("Authorization") String authorization) {
        sessions.logout(authorization.substring(BearerSessionFilter.PREFIX.length()).strip());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me")
    @Operation(summary = "The customer's profile", description = "phone is masked but for its last four digits."
            + " idNumberOnFile says whether the profile holds the customer's resident ID number (recorded at the"
            + " counter): a customer who opened their account from the app has none, and sends residentId with a"
            + " loan application.")
    Profile me(@AuthenticationPrincipal CustomerPrincipal customer) {
        return jdbc.sql("""
                select id, username, full_name, phone, id_number is not null as id_number_on_file
                  from customers where id = ?""")
                .param(customer.customerId())
                .query(Profile.class)
                .single()
                .masked();
    }

    record LoginRequest(@NotBlank @Pattern(regexp = USERNAME_PATTERN) String username, @NotBlank @Size(max = 128) String password,
            @NotBlank @Pattern(regexp = DEVICE_ID_PATTERN) String deviceId,
            @Pattern(regexp = STEP_UP_ID_PATTERN) String stepUpId, Boolean rooted, Boolean emulator) {

        @Override
        public String toString() {
            return "LoginRequest[username=" + username + ", deviceId=" + deviceId + "]";
        }
    }

    /** @param idNumberOnFile whether the profile holds the resident ID number (never the number itself) */
    record Profile(UUID id, String username, String fullName, String phone, boolean idNumberOnFile) {

        Profile masked() {
            String visible = phone.length() > 4 ? phone.substring(phone.length() - 4) : phone;
            return new Profile(id, username, fullName, "*".repeat(phone.length() - visible.length()) + visible,
                    idNumberOnFile);
        }
    }
}
