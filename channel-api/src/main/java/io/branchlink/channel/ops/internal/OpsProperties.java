package io.branchlink.channel.ops.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The operators who may call {@code /api/ops/**}. There is no default operator: only the demo profile configures one.
 *
 * @param operators each operator's name and bcrypt password hash
 */
@ConfigurationProperties("branchlink.channel.ops")
@Validated
record OpsProperties(@Valid List<Operator> operators) {

    OpsProperties {
        operators = operators == null ? List.of() : List.copyOf(operators);
    }

    /**
     * @param username the operator's name
     * @param passwordHash a bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}), never the password itself
     */
    record Operator(@NotBlank @Size(max = 64) String username,
            @NotBlank @Pattern(regexp = "\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}",
                    message = "must be a bcrypt hash") String passwordHash) {
    }
}
