package io.branchlink.hub.mqtt.internal;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.MqttActivity;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.branchlink.hub.mqtt.internal.MqttAccessPolicy.Decision;
import io.branchlink.protocol.mqtt.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker's authentication and topic permissions as a HiveMQ embedded extension: each CONNECT is
 * decided by {@link MqttAccessPolicy}, and a granted client gets default permissions that deny everything else, so
 * a device publishing or subscribing outside its own topics is refused by the broker itself.
 *
 * @see io.branchlink.hub.device.DeviceAccessIntegrationTests
 */
public final class BrokerAccessExtension implements ExtensionMain, SimpleAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(BrokerAccessExtension.class);

    private final MqttAccessPolicy policy;

    public BrokerAccessExtension(MqttAccessPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> this);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // nothing to release: the policy lives as long as the broker bean
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        String clientId = connect.getClientId();
        String username = connect.getUserName().orElse(null);
        Decision decision = policy.connect(clientId, username, connect.getPassword().orElse(null));
        if (!decision.granted()) {
            log.warn("mqtt.connect refused=true reason={} clientId={} username={}", decision.refusal(),
                    printable(clientId), printable(username));
            output.failAuthentication(switch (decision.refusal()) {
                case BAD_CREDENTIALS -> ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD;
                case CLIENT_ID_MISMATCH -> ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID;
            }, "refused");
            return;
        }
        ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
        permissions.clear();
        decision.publish().forEach(filter -> permissions.add(permission(filter, MqttActivity.PUBLISH)));
        decision.subscribe().forEach(filter -> permissions.add(permission(filter, MqttActivity.SUBSCRIBE)));
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
        log.info("mqtt.connect accepted=true principal={} hub={} clientId={}", decision.principal(),
                decision.hub(), printable(clientId));
        output.authenticateSuccessfully();
    }

    private static TopicPermission permission(String filter, MqttActivity activity) {
        return Builders.topicPermission()
                .topicFilter(filter)
                .activity(activity)
                .type(TopicPermission.PermissionType.ALLOW)
                .build();
    }

    /** A client-supplied name fit for a log line: valid ids as they are, anything else only by its length. */
    private static String printable(String name) {
        if (name == null) {
            return "-";
        }
        return Topics.isId(name) || name.matches("[A-Za-z0-9._-]{1,128}") ? name : "<" + name.length() + " chars>";
    }
}
