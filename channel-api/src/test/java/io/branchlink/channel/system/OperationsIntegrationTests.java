package io.branchlink.channel.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import org.junit.jupiter.api.Test;

class OperationsIntegrationTests extends ChannelIntegrationTest {

    @Test
    void describesTheApiInOpenApi() {
        Api.Response docs = api.get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/v1/cardless/withdrawals")).isTrue();
        assertThat(docs.body().path("paths").has("/api/hub/v1/withdrawals")).isTrue();
        assertThat(docs.body().path("paths").has("/api/hub/v1/reversals")).isTrue();
        assertThat(docs.body().path("paths").has("/api/v1/devices/current/otp")).isTrue();
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void reportsHealthAndPrometheusMetrics() {
        Api.Response health = api.get("/actuator/health", null);
        Api.Response metrics = api.get("/actuator/prometheus", null);

        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(new String(metrics.bytes())).contains("http_server_requests_seconds", "hikaricp_connections");
    }

    @Test
    void deniesEverythingElse() {
        assertThat(api.get("/actuator/env", null).status()).isIn(401, 403);
        assertThat(api.get("/anything", null).status()).isIn(401, 403);
    }
}
