package io.branchlink.hub.fleet;

import io.branchlink.hub.device.DeviceCommands;
import io.branchlink.hub.device.DeviceRecord;
import io.branchlink.hub.device.Devices;
import io.branchlink.hub.fleet.DeviceHistory.CountedUnit;
import io.branchlink.hub.fleet.DeviceHistory.FaultEntry;
import io.branchlink.hub.fleet.DeviceHistory.Reconciliation;
import io.branchlink.hub.system.HubProperties;
import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.SetCashCounts;
import io.branchlink.protocol.mqtt.Topics;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.camel.CamelExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The fleet dashboard's JSON API and live stream (docs/branch-hub.md, "Fleet dashboard"), for the signed-in
 * operator: the fleet, one device's fault history, the commands (each audited, accepted with 202 once the broker has
 * it) and the audit trail. Errors are RFC 9457 problems with a {@code type} under
 * {@code https://branchlink.io/errors/}.
 *
 * @see io.branchlink.hub.fleet.FleetIntegrationTests
 */
@RestController
@RequestMapping("/fleet/api")
class FleetController {

    private static final Logger log = LoggerFactory.getLogger(FleetController.class);
    private static final int MAX_AUDIT = 200;

    private final FleetViews views;
    private final FleetHistory history;
    private final FleetStreams streams;
    private final FleetAudit audit;
    private final Devices devices;
    private final DeviceCommands commands;
    private final String branchId;

    FleetController(FleetViews views, FleetHistory history, FleetStreams streams, FleetAudit audit, Devices devices,
            DeviceCommands commands, HubProperties hub) {
        this.views = views;
        this.history = history;
        this.streams = streams;
        this.audit = audit;
        this.devices = devices;
        this.commands = commands;
        this.branchId = hub.branchId();
    }

    record Session(String operatorId, String branchId, String csrfHeader) {
    }

    record OutOfServiceRequest(String reason) {
    }

    record ReconcileRequest(List<UnitCount> counts) {
    }

    /** The notes counted in one cassette. */
    record UnitCount(String unitId, Integer count) {
    }

    record CommandAccepted(String deviceId, String command, String commandId, Instant issuedAt,
            Reconciliation reconciliation) {
    }

    /** Who is signed in; reading it also issues the CSRF cookie ({@code XSRF-TOKEN}) the page echoes on posts. */
    @GetMapping("/session")
    Session session(Principal principal, CsrfToken csrf) {
        csrf.getToken();
        return new Session(principal.getName(), branchId, csrf.getHeaderName());
    }

    @GetMapping("/devices")
    List<FleetDevice> devices() {
        return views.all();
    }

    @GetMapping("/devices/{deviceId}")
    ResponseEntity<?> device(@PathVariable String deviceId) {
        return known(deviceId).orElseGet(() -> views.find(deviceId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> unknown(deviceId)));
    }

    /** The device's fault history, newest first, current and cleared. */
    @GetMapping("/devices/{deviceId}/faults")
    ResponseEntity<?> faults(@PathVariable String deviceId) {
        return known(deviceId).orElseGet(() -> ResponseEntity.ok(history.find(deviceId)
                .map(DeviceHistory::faults).orElse(List.<FaultEntry>of())));
    }

    @PostMapping("/devices/{deviceId}/out-of-service")
    ResponseEntity<?> putOutOfService(Principal principal, @PathVariable String deviceId,
            @RequestBody(required = false) OutOfServiceRequest request) {
        String reason = request == null || request.reason() == null || request.reason().isBlank()
                ? "Taken out of service by operator " + principal.getName() : request.reason();
        return command(principal, deviceId, reason, () -> commands.putOutOfService(deviceId, reason));
    }

    @PostMapping("/devices/{deviceId}/in-service")
    ResponseEntity<?> putInService(Principal principal, @PathVariable String deviceId) {
        return command(principal, deviceId, null, () -> commands.putInService(deviceId));
    }

    @PostMapping("/devices/{deviceId}/reset")
    ResponseEntity<?> reset(Principal principal, @PathVariable String deviceId) {
        return command(principal, deviceId, null, () -> commands.reset(deviceId));
    }

    /**
     * Sends the counted notes to the ITM and records, per cassette, the count the hub knew, the count entered and
     * the difference.
     */
    @PostMapping("/devices/{deviceId}/reconcile")
    ResponseEntity<?> reconcile(Principal principal, @PathVariable String deviceId,
            @RequestBody(required = false) ReconcileRequest request) {
        Optional<ResponseEntity<?>> refused = known(deviceId);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (request == null || request.counts() == null || request.counts().isEmpty()
                || request.counts().size() > SetCashCounts.MAX_UNITS) {
            return problem(HttpStatus.BAD_REQUEST, "invalid-command",
                    "counts must list 1-" + SetCashCounts.MAX_UNITS + " cassettes");
        }
        DeviceRecord device = devices.find(deviceId).orElseThrow();
        Set<String> seen = new HashSet<>();
        List<CountedUnit> units = new ArrayList<>();
        for (UnitCount count : request.counts()) {
            if (count == null || count.unitId() == null || count.count() == null) {
                return problem(HttpStatus.BAD_REQUEST, "invalid-command", "each count needs unitId and count");
            }
            if (count.count() < 0 || count.count() > SetCashCounts.MAX_COUNT) {
                return problem(HttpStatus.BAD_REQUEST, "invalid-command",
                        "a count must be 0-" + SetCashCounts.MAX_COUNT + " notes");
            }
            Optional<DeviceRecord.CashUnitView> unit = device.cashUnits().stream()
                    .filter(known -> known.unitId().equals(count.unitId())).findFirst();
            if (unit.isEmpty() || !seen.add(count.unitId())) {
                return problem(HttpStatus.BAD_REQUEST, "unknown-cassette", "The device reported no cassette "
                        + printable(count.unitId()) + ", or it is listed twice");
            }
            units.add(new CountedUnit(count.unitId(), unit.get().count(), count.count(),
                    count.count() - unit.get().count()));
        }
        Command sent = commands.setCashCounts(deviceId, units.stream()
                .map(unit -> new SetCashCounts.Count(unit.unitId(), unit.counted())).toList());
        Reconciliation reconciliation = new Reconciliation(sent.issuedAt(), principal.getName(), sent.commandId(),
                units);
        history.reconciled(deviceId, reconciliation);
        audit.record(principal.getName(), deviceId, SetCashCounts.NAME, sent.commandId(), units.stream()
                .map(unit -> unit.unitId() + " " + unit.reported() + "->" + unit.counted() + " ("
                        + (unit.difference() >= 0 ? "+" : "") + unit.difference() + ")")
                .collect(Collectors.joining(", ")));
        return ResponseEntity.accepted().body(new CommandAccepted(deviceId, SetCashCounts.NAME, sent.commandId(),
                sent.issuedAt(), reconciliation));
    }

    @GetMapping("/audit")
    List<FleetAudit.AuditRecord> audit(@RequestParam(defaultValue = "50") int limit) {
        return audit.latest(Math.max(1, Math.min(limit, MAX_AUDIT)));
    }

    /** The live stream: a {@code device} event with the device's {@link FleetDevice} whenever it changes. */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<?> stream(Principal principal) {
        Optional<SseEmitter> stream = streams.open(principal.getName());
        if (stream.isEmpty()) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "too-many-streams",
                    "This hub node serves as many live dashboards as it may; close one or try again later");
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(stream.get());
    }

    private ResponseEntity<?> command(Principal principal, String deviceId, String detail, Supplier<Command> send) {
        Optional<ResponseEntity<?>> refused = known(deviceId);
        if (refused.isPresent()) {
            return refused.get();
        }
        Command command = send.get();
        String name = DeviceCommands.nameOf(command);
        audit.record(principal.getName(), deviceId, name, command.commandId(), detail);
        return ResponseEntity.accepted().body(new CommandAccepted(deviceId, name, command.commandId(),
                command.issuedAt(), null));
    }

    /** Empty for a device the registry knows; otherwise the 400 or 404 to answer. */
    private Optional<ResponseEntity<?>> known(String deviceId) {
        if (!Topics.isId(deviceId)) {
            return Optional.of(problem(HttpStatus.BAD_REQUEST, "invalid-device-id",
                    "Device ids are 1-64 characters A-Z, a-z, 0-9, '.', '_', '-'"));
        }
        return devices.find(deviceId).isPresent() ? Optional.empty() : Optional.of(unknown(deviceId));
    }

    /** A command's text failed the contract's rules, such as a reason longer than 256 characters. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-command", e.getMessage());
    }

    @ExceptionHandler(CamelExecutionException.class)
    ResponseEntity<ProblemDetail> brokerUnavailable(CamelExecutionException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        log.error("fleet.command published=false error={}", cause.getClass().getName());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable",
                "The command could not be handed to the MQTT broker; try again");
    }

    private static String printable(String text) {
        String cut = text.length() > 32 ? text.substring(0, 32) : text;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static ResponseEntity<ProblemDetail> unknown(String deviceId) {
        return problem(HttpStatus.NOT_FOUND, "unknown-device", "No device " + deviceId + " has reported to this hub");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://branchlink.io/errors/" + type));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
