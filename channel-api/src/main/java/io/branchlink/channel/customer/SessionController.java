package io.branchlink.channel.customer;

import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.rc.Irc;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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

/** Login, logout and phone binding for the mobile app. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Sessions and devices")
class SessionController {

    static final String DEVICE_ID_PATTERN = "[A-Za-z0-9._-]{4,64}";
    static final String USERNAME_PATTERN = "[A-Za-z0-9._@-]{1,64}";

    private final SessionService sessions;
    private final JdbcClient jdbc;

    SessionController(SessionService sessions, JdbcClient jdbc) {
        this.sessions = sessions;
        this.jdbc = jdbc;
    }

    @PostMapping("/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Log in from a phone and get a bearer session token")
    SessionService.OpenedSession login(@Valid @RequestBody LoginRequest request) {
        return sessions.login(request.username(), request.password(), request.deviceId())
                .orElseThrow(() -> new ApiException(Irc.UNAUTHENTICATED, "Username or password is wrong."));
    }

    @DeleteMapping("/sessions/current")
    @Operation(summary = "Log out: end the current session")
    ResponseEntity<Void> logout(@RequestHeader("Authorization") String authorization) {
        sessions.logout(authorization.substring(BearerSessionFilter.PREFIX.length()).strip());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/devices")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Bind the phone of the current session to the customer",
            description = "A newly bound phone starts a cool-off with lower cardless limits.")
    Device bind(@AuthenticationPrincipal CustomerPrincipal customer, @Valid @RequestBody BindRequest request) {
        Instant boundAt = sessions.bindDevice(customer.customerId(), customer.deviceId(), request.name());
        return new Device(customer.deviceId(), request.name(), boundAt);
    }

    @GetMapping("/devices")
    @Operation(summary = "List the phones bound to the customer")
    List<Device> devices(@AuthenticationPrincipal CustomerPrincipal customer) {
        return jdbc.sql("""
                select device_id, name, bound_at from customer_devices where customer_id = ? order by bound_at
                """)
                .param(customer.customerId())
                .query(Device.class)
                .list();
    }

    @GetMapping("/me")
    @Operation(summary = "The customer's profile")
    Profile me(@AuthenticationPrincipal CustomerPrincipal customer) {
        return jdbc.sql("select id, username, full_name, phone from customers where id = ?")
                .param(customer.customerId())
                .query(Profile.class)
                .single()
                .masked();
    }

    record LoginRequest(@NotBlank @Pattern(regexp = USERNAME_PATTERN) String username, @NotBlank @Size(max = 128) String password,
            @NotBlank @Pattern(regexp = DEVICE_ID_PATTERN) String deviceId) {

        @Override
        public String toString() {
            return "LoginRequest[username=" + username + ", deviceId=" + deviceId + "]";
        }
    }

    record BindRequest(@NotBlank @Size(max = 64) String name) {
    }

    record Device(String deviceId, String name, Instant boundAt) {
    }

    record Profile(UUID id, String username, String fullName, String phone) {

        Profile masked() {
            String visible = phone.length() > 4 ? phone.substring(phone.length() - 4) : phone;
            return new Profile(id, username, fullName, "*".repeat(phone.length() - visible.length()) + visible);
        }
    }
}
