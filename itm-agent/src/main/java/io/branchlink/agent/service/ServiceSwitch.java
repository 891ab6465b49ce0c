package io.branchlink.agent.service;

import io.branchlink.agent.service.ServiceControlled.ServiceStatus;
import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.PutInService;
import io.branchlink.protocol.mqtt.PutOutOfService;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A terminal's service status as the hub drives it. Commands arrive at least once (MQTT QoS 1), so each command id
 * is taken once; put-in-service and put-out-of-service set the requested status, which the terminal applies when
 * it is free to (an ITM between customers, a teller terminal at once).
 *
 * @see io.branchlink.agent.service.ServiceSwitchTests
 */
public final class ServiceSwitch {

    /** What a command from the hub was. */
    public enum Taken {
        /** Its id was taken before: a redelivery, to be ignored. */
        REPEAT,
        /** Put-in-service or put-out-of-service: a status change is requested. */
        SERVICE,
        /** Another command, for the terminal to carry out. */
        OTHER
    }

    private static final Logger log = LoggerFactory.getLogger(ServiceSwitch.class);
    private static final int REMEMBERED_COMMANDS = 1024;

    private final String deviceId;
    private final Set<String> seenCommands = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_COMMANDS;
        }
    });
    private volatile ServiceStatus status = ServiceStatus.IN_SERVICE;
    private volatile ServiceStatus requested = ServiceStatus.IN_SERVICE;

    public ServiceSwitch(String deviceId) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    }

    /** Takes a command from the hub once per command id; a service command sets the requested status. */
    public Taken take(Command command) {
        synchronized (seenCommands) {
            if (!seenCommands.add(command.commandId())) {
                log.info("command id={} already handled", command.commandId());
                return Taken.REPEAT;
            }
        }
        if (command instanceof PutOutOfService out) {
            log.info("command put-out-of-service id={} reason={}", out.commandId(), out.reason());
            requested = ServiceStatus.OUT_OF_SERVICE;
            return Taken.SERVICE;
        }
        if (command instanceof PutInService in) {
            log.info("command put-in-service id={}", in.commandId());
            requested = ServiceStatus.IN_SERVICE;
            return Taken.SERVICE;
        }
        return Taken.OTHER;
    }

    /** Makes the requested status the current one; true when that changed it. */
    public synchronized boolean apply() {
        if (status == requested) {
            return false;
        }
        status = requested;
        log.info("service status terminal={} status={}", deviceId, status);
        return true;
    }

    public ServiceStatus status() {
        return status;
    }

    /** The status as the retained device state reports it. */
    public DeviceState.Status reported() {
        return status == ServiceStatus.IN_SERVICE ? DeviceState.Status.IN_SERVICE : DeviceState.Status.OUT_OF_SERVICE;
    }
}
