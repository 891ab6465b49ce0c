package io.branchlink.protocol.mqtt;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every MQTT topic and subscription filter of BranchLink, built from validated ids so that no id can add a level or
 * a wildcard to a topic. The tree is {@code branchlink/{branchId}/devices/{deviceId}/...}, with the hub's own topics
 * under {@code branchlink/{branchId}/hub/...}.
 *
 * @see io.branchlink.protocol.mqtt.TopicsTests
 */
public final class Topics {

    public static final String ROOT = "branchlink";

    /** Branch and device ids: 1 to 64 characters from A-Z, a-z, 0-9, '.', '_' and '-'. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Event types: 1 to 64 characters from a-z, 0-9 and '-', such as {@code cash-units-changed}. */
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9-]{1,64}");

    /** The kinds of device topic, with the QoS and retain flag every publisher uses for them. */
    public enum Kind {
        /** Device to hub, {@code .../events/{eventType}}: something happened. */
        EVENTS(1, false),
        /** Hub to device, {@code .../commands}: do something. */
        COMMANDS(1, false),
        /** Device to hub, {@code .../state}: the device's current state, retained so the hub sees it on subscribe. */
        STATE(1, true),
        /** Device to hub, {@code .../presence}: online or offline, retained; offline is the MQTT 5 Last Will. */
        PRESENCE(1, true);

        private final int qos;
        private final boolean retained;

        Kind(int qos, boolean retained) {
            this.qos = qos;
            this.retained = retained;
        }

        public int qos() {
            return qos;
        }

        public boolean retained() {
            return retained;
        }
    }

    /** A device topic taken apart; {@code eventType} is set for {@link Kind#EVENTS} only. */
    public record DeviceTopic(String branchId, String deviceId, Kind kind, String eventType) {
    }

    private Topics() {
    }

    public static String events(String branchId, String deviceId, String eventType) {
        return device(branchId, deviceId) + "/events/" + requireEventType(eventType);
    }

    public static String commands(String branchId, String deviceId) {
        return device(branchId, deviceId) + "/commands";
    }

    public static String state(String branchId, String deviceId) {
        return device(branchId, deviceId) + "/state";
    }

    public static String presence(String branchId, String deviceId) {
        return device(branchId, deviceId) + "/presence";
    }

    /** The hub's filter for every event of every device in a branch. */
    public static String branchEvents(String branchId) {
        return branchDevices(branchId) + "/+/events/#";
    }

    /** The hub's filter for the retained state of every device in a branch. */
    public static String branchStates(String branchId) {
        return branchDevices(branchId) + "/+/state";
    }

    /** The hub's filter for the retained presence of every device in a branch. */
    public static String branchPresence(String branchId) {
        return branchDevices(branchId) + "/+/presence";
    }

    /** The hub's filter for one event type of every device in a branch, such as {@code qr-scanned}. */
    public static String branchEvents(String branchId, String eventType) {
        return branchDevices(branchId) + "/+/events/" + requireEventType(eventType);
    }

    /** A device's filter for every event it may publish: {@code .../devices/{deviceId}/events/#}. */
    public static String deviceEvents(String branchId, String deviceId) {
        return device(branchId, deviceId) + "/events/#";
    }

    /** The filter for every topic of a branch, {@code branchlink/{branchId}/#}: what the hub's own clients may use. */
    public static String branchAll(String branchId) {
        return branch(branchId) + "/#";
    }

    /** Where the hub puts the messages it could not read or process: {@code branchlink/{branchId}/hub/dead-letter}. */
    public static String deadLetter(String branchId) {
        return hub(branchId) + "/dead-letter";
    }

    /**
     * The topic the hub's command producer is configured with, {@code branchlink/{branchId}/hub/unaddressed-commands};
     * every command names its device's commands topic instead, so nothing should ever be published here.
     */
    public static String unaddressedCommands(String branchId) {
        return hub(branchId) + "/unaddressed-commands";
    }

    /** Reads a concrete device topic (never a filter); empty for anything outside the tree. */
    public static Optional<DeviceTopic> parse(String topic) {
        if (topic == null) {
            return Optional.empty();
        }
        String[] levels = topic.split("/", -1);
        if (levels.length < 5 || !ROOT.equals(levels[0]) || !"devices".equals(levels[2])
                || !isId(levels[1]) || !isId(levels[3])) {
            return Optional.empty();
        }
        String branchId = levels[1];
        String deviceId = levels[3];
        if (levels.length == 5) {
            switch (levels[4]) {
                case "commands":
                    return Optional.of(new DeviceTopic(branchId, deviceId, Kind.COMMANDS, null));
                case "state":
                    return Optional.of(new DeviceTopic(branchId, deviceId, Kind.STATE, null));
                case "presence":
                    return Optional.of(new DeviceTopic(branchId, deviceId, Kind.PRESENCE, null));
                default:
                    return Optional.empty();
            }
        }
        if (levels.length == 6 && "events".equals(levels[4]) && EVENT_TYPE.matcher(levels[5]).matches()) {
            return Optional.of(new DeviceTopic(branchId, deviceId, Kind.EVENTS, levels[5]));
        }
        return Optional.empty();
    }

    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static String device(String branchId, String deviceId) {
        return branchDevices(branchId) + "/" + requireId(deviceId, "device id");
    }

    private static String branchDevices(String branchId) {
        return branch(branchId) + "/devices";
    }

    private static String hub(String branchId) {
        return branch(branchId) + "/hub";
    }

    private static String branch(String branchId) {
        return ROOT + "/" + requireId(branchId, "branch id");
    }

    private static String requireId(String id, String what) {
        Objects.requireNonNull(id, what);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " must be 1-64 characters A-Z, a-z, 0-9, '.', '_', '-'");
        }
        return id;
    }

    private static String requireEventType(String eventType) {
        Objects.requireNonNull(eventType, "event type");
        if (!EVENT_TYPE.matcher(eventType).matches()) {
            throw new IllegalArgumentException("event type must be 1-64 characters a-z, 0-9, '-'");
        }
        return eventType;
    }
}
