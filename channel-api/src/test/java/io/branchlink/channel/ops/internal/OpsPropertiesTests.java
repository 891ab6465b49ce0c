package io.branchlink.channel.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class OpsPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void hasNoOperatorUnlessConfigured() {
        runner.run(context -> assertThat(context.getBean(OpsProperties.class).operators()).isEmpty());
    }

    @Test
    void acceptsABcryptHash() {
        runner.withPropertyValues("branchlink.channel.ops.operators[0].username=ops",
                "branchlink.channel.ops.operators[0].password-hash="
                        + "$2a$10$3NwpmxtJwsE5SSQmKMtI0uFv5Fi0FF4os6ASmXLYMhf6qs7jgDV8a")
                .run(context -> assertThat(context.getBean(OpsProperties.class).operators()).singleElement()
                        .extracting(OpsProperties.Operator::username).isEqualTo("ops"));
    }

    @Test
    void refusesToStartWithAPlainPassword() {
        runner.withPropertyValues("branchlink.channel.ops.operators[0].username=ops",
                "branchlink.channel.ops.operators[0].password-hash=operator-demo-pass")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("must be a bcrypt hash"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(OpsProperties.class)
    static class Bind {
    }
}
