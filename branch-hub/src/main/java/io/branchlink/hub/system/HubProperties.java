package io.branchlink.hub.system;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who this hub is.
 *
 * @param branchId the branch this hub serves (ISO 8583 field 42 of its terminals)
 * @param nodeName this node's name within the branch's hub cluster, for logs and metrics
 * @param demo true only when the hub runs the demo: published demo secrets are then accepted (see
 *     {@code StartupSecrets})
 */
@Validated
@ConfigurationProperties("branchlink.hub")
public record HubProperties(@NotBlank @Pattern(regexp = "[A-Z0-9]{1,16}") String branchId,
        @DefaultValue("hub-1") String nodeName, @DefaultValue("false") boolean demo) {
}
