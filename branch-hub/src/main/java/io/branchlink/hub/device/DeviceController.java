package io.branchlink.hub.device;

import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.Topics;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.apache.camel.CamelExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The device registry over HTTP for the branch's operators: the fleet and one device as JSON, and the commands that
 * take a device out of service and back; a command is accepted (202) once the broker has it, not when the device
 * acts on it, which shows in the device's next reported state.
 *
 * @see io.branchlink.hub.device.DeviceCommandsIntegrationTests
 */
@RestController
@RequestMapping("/api/devices")
class DeviceController {

    private static final Logger log = LoggerFactory.getLogger(DeviceController.class);

    private final DeviceRegistry registry;
    private final DeviceCommands commands;

    DeviceController(DeviceRegistry registry, DeviceCommands commands) {
        this.registry = registry;
        this.commands = commands;
    }

    @GetMapping
    List<DeviceRecord> devices() {
        return registry.all();
    }

    @GetMapping("/{deviceId}")
    ResponseEntity<?> device(@PathVariable String deviceId) {
        if (!Topics.isId(deviceId)) {
            return problem(HttpStatus.BAD_REQUEST, "invalid-device-id", "Device ids are 1-64 characters A-Z, a-z, "
                    + "0-9, '.', '_', '-'");
        }
        return registry.find(deviceId)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> unknown(deviceId));
    }

    @PostMapping("/{deviceId}/out-of-service")
    ResponseEntity<?> putOutOfService(@PathVariable String deviceId,
            @RequestBody(required = false) OutOfServiceRequest request) {
        return command(deviceId, () -> commands.putOutOfService(deviceId, request == null ? null : request.reason()));
    }

    @PostMapping("/{deviceId}/in-service")
    ResponseEntity<?> putInService(@PathVariable String deviceId) {
        return command(deviceId, () -> commands.putInService(deviceId));
    }

    private ResponseEntity<?> command(String deviceId, java.util.function.Supplier<Command> send) {
        if (!Topics.isId(deviceId)) {
            return problem(HttpStatus.BAD_REQUEST, "invalid-device-id", "Device ids are 1-64 characters A-Z, a-z, "
                    + "0-9, '.', '_', '-'");
        }
        if (registry.find(deviceId).isEmpty()) {
            return unknown(deviceId);
        }
        Command command = send.get();
        return ResponseEntity.accepted().body(new CommandAccepted(deviceId, DeviceCommands.nameOf(command),
                command.commandId(), command.issuedAt()));
    }

    /** A command's text failed the contract's rules, such as a reason longer than 256 characters. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-command", e.getMessage());
    }

    @ExceptionHandler(CamelExecutionException.class)
    ResponseEntity<ProblemDetail> brokerUnavailable(CamelExecutionException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        log.error("device.command published=false error={}", cause.getClass().getName());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable",
                "The command could not be handed to the MQTT broker; try again");
    }

    private static ResponseEntity<ProblemDetail> unknown(String deviceId) {
        return problem(HttpStatus.NOT_FOUND, "unknown-device", "No device " + deviceId + " has reported to this hub");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://branchlink.io/errors/" + type));
        return ResponseEntity.status(status).body(problem);
    }

    /** The optional body of {@code out-of-service}; {@code reason} (1-256 characters) is shown to operators. */
    record OutOfServiceRequest(String reason) {
    }

    /** The answer to a command: what was published, under which command id. */
    record CommandAccepted(String deviceId, String command, String commandId, Instant issuedAt) {
    }
}
