package io.branchlink.channel.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.support.ChannelIntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

class EmbeddedPostgresIntegrationTests extends ChannelIntegrationTest {

    @Autowired
    EmbeddedPostgres postgres;

    @Test
    void runsARealDurablePostgresqlServer() {
        assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL 14");
        assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
        assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
        assertThat(ProcessHandle.allProcesses()
                .anyMatch(p -> p.info().command().filter(c -> c.endsWith("/bin/postgres")).isPresent())).isTrue();
    }

    @Test
    void appliesTheMigrations() {
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success").query(Integer.class).single())
                .isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("select count(*) from accounts where account_number = 'SUSPENSE-CARDLESS'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void keepsDataAcrossARestartInTheSameDirectory(@TempDir Path directory) throws Exception {
        DatabaseProperties properties = new DatabaseProperties(directory.resolve("pg").toString(), 0);
        EmbeddedPostgresConfiguration configuration = new EmbeddedPostgresConfiguration();

        try (EmbeddedPostgres first = configuration.embeddedPostgres(properties);
                Connection connection = first.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("create table kept (v text)");
            sql.execute("insert into kept values ('survives')");
        }
        assertThat(Files.exists(directory.resolve("pg").resolve("PG_VERSION"))).isTrue();

        try (EmbeddedPostgres second = configuration.embeddedPostgres(properties);
                Connection connection = second.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("select v from kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("survives");
        }
    }
}
