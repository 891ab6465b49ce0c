package io.branchlink.hub.mqtt.internal;

import io.branchlink.protocol.mqtt.QrScanned;
import io.branchlink.protocol.mqtt.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Who may connect to the branch's broker and what each may touch: a device with its own id as user name and
 * client id, publishing only its own events, state and presence and subscribing only to its own commands; a
 * queue-ticket machine (an id starting {@value #TICKET_MACHINE_PREFIX}, such as {@code QTM00101}) publishing of its
 * events only {@code qr-scanned}; the hub's clients with everything under {@code branchlink/{branchId}/#}. Passwords are compared as SHA-256 digests in
 * constant time.
 *
 * @see io.branchlink.hub.mqtt.internal.MqttAccessPolicyTests
 */
public final class MqttAccessPolicy {

    static final String SHA256_PREFIX = "{sha256}";
    /** The id scheme of queue-ticket machines: {@code QTM} then the branch's number and the machine's. */
    public static final String TICKET_MACHINE_PREFIX = "QTM";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    /** Why a CONNECT is refused; each maps to an MQTT 5 CONNACK reason code in the broker extension. */
    enum Refusal { BAD_CREDENTIALS, CLIENT_ID_MISMATCH }

    /** The outcome of a CONNECT: either a grant with its topic filters, or a refusal. */
    record Decision(Refusal refusal, String principal, boolean hub, List<String> publish, List<String> subscribe) {

        static Decision refuse(Refusal refusal) {
            return new Decision(refusal, null, false, List.of(), List.of());
        }

        boolean granted() {
            return refusal == null;
        }
    }

    private final String branchId;
    private final String hubUsername;
    private final byte[] hubDigest;
    private final Map<String, byte[]> deviceDigests;
    /** Compared against when the user name is unknown, so that unknown and known users take the same time. */
    private final byte[] decoyDigest = sha256("no such user".getBytes(StandardCharsets.UTF_8));

    public MqttAccessPolicy(String branchId, String hubUsername, String hubPassword, Map<String, String> devices) {
        this.branchId = branchId;
        this.hubUsername = hubUsername;
        this.hubDigest = sha256(hubPassword.getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> digests = new TreeMap<>();
        devices.forEach((deviceId, secret) -> {
            if (!Topics.isId(deviceId)) {
                throw new IllegalArgumentException("branchlink.hub.mqtt.devices: device id '" + deviceId
                        + "' must be 1-64 characters A-Z, a-z, 0-9, '.', '_', '-'");
            }
            if (deviceId.equals(hubUsername) || deviceId.startsWith(hubUsername + "-")) {
                throw new IllegalArgumentException("branchlink.hub.mqtt.devices: device id '" + deviceId
                        + "' collides with the hub's user name or client ids");
            }
            digests.put(deviceId, digestOf(deviceId, secret));
        });
        this.deviceDigests = Map.copyOf(digests);
    }

    public int deviceCount() {
        return deviceDigests.size();
    }

    /**
     * Decides a CONNECT from its client id, user name and password; the password buffer is read, never kept.
     */
    Decision connect(String clientId, String username, ByteBuffer password) {
        byte[] given = sha256(password == null ? new byte[0] : bytes(password));
        if (username == null || password == null) {
            MessageDigest.isEqual(given, decoyDigest);
            return Decision.refuse(Refusal.BAD_CREDENTIALS);
        }
        if (username.equals(hubUsername)) {
            if (!MessageDigest.isEqual(given, hubDigest)) {
                return Decision.refuse(Refusal.BAD_CREDENTIALS);
            }
            if (clientId == null || !clientId.startsWith(hubUsername + "-")) {
                return Decision.refuse(Refusal.CLIENT_ID_MISMATCH);
            }
            String all = Topics.branchAll(branchId);
            return new Decision(null, username, true, List.of(all), List.of(all));
        }
        byte[] expected = deviceDigests.get(username);
        boolean match = MessageDigest.isEqual(given, expected != null ? expected : decoyDigest);
        if (expected == null || !match) {
            return Decision.refuse(Refusal.BAD_CREDENTIALS);
        }
        if (!username.equals(clientId)) {
            return Decision.refuse(Refusal.CLIENT_ID_MISMATCH);
        }
        return new Decision(null, username, false, devicePublishFilters(username),
                List.of(Topics.commands(branchId, username)));
    }

    private List<String> devicePublishFilters(String deviceId) {
        String events = deviceId.startsWith(TICKET_MACHINE_PREFIX)
                ? Topics.events(branchId, deviceId, QrScanned.TYPE) : Topics.deviceEvents(branchId, deviceId);
        return List.of(events, Topics.state(branchId, deviceId), Topics.presence(branchId, deviceId));
    }

    private static byte[] digestOf(String deviceId, String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("branchlink.hub.mqtt.devices[" + deviceId + "]: empty password");
        }
        if (secret.startsWith(SHA256_PREFIX)) {
            String hex = secret.substring(SHA256_PREFIX.length());
            if (!SHA256_HEX.matcher(hex).matches()) {
                throw new IllegalArgumentException("branchlink.hub.mqtt.devices[" + deviceId
                        + "]: {sha256} must be followed by 64 hex digits");
            }
            return HexFormat.of().parseHex(hex.toLowerCase());
        }
        return sha256(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
