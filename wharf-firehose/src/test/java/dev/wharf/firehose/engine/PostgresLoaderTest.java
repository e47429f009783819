package dev.wharf.firehose.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.PostgresServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load of Redshift deliveries into a real PostgreSQL server, started from the machine's packages. Skipped, with
 * the reason, only outside CI where PostgreSQL is not installed; {@code .ci/run} installs it.
 */
class PostgresLoaderTest {

    private static PostgresServer postgres;
    private final PostgresLoader loader = new PostgresLoader();

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        Assumptions.assumeTrue(
                PostgresServer.installed() != null || System.getenv("CI") != null,
                "PostgreSQL is not installed here (apt-get install postgresql); CI installs it");
        postgres = PostgresServer.start();
        postgres.sql("CREATE TABLE events (id integer, name text, seen timestamp, tags text)");
        postgres.sql("CREATE SCHEMA shop; CREATE TABLE shop.orders (sku text, amount numeric)");
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void jsonRecordsLoadByColumnNameIntoEveryColumnOfTheTable() throws Exception {
        long rows = loader.load(
                load("events", List.of(), "json 'auto'"),
                input("{\"id\":1,\"name\":\"first\",\"seen\":\"2026-12-03 07:00:00\",\"tags\":[\"a\"]}\n"
                        + "{\"id\":2,\"name\":null}\n"));
        assertThat(rows).isEqualTo(2);
        assertThat(postgres.sql("SELECT id, name, seen, tags FROM events WHERE id IN (1, 2) ORDER BY id"))
                .isEqualTo("1|first|2026-12-03 07:00:00|[\"a\"]\n2|||");
    }

    @Test
    void csvLoadsIntoTheNamedColumnsOfASchemasTable() throws Exception {
        long rows = loader.load(
                load("shop.orders", List.of("sku", "amount"), "CSV IGNOREHEADER 1"),
                input("sku,amount\n\"a,1\",2.50\nb,3\n"));
        assertThat(rows).isEqualTo(2);
        assertThat(postgres.sql("SELECT sku, amount FROM shop.orders ORDER BY sku"))
                .isEqualTo("a,1|2.50\nb|3");
    }

    @Test
    void aLoadThatFailsLoadsNothing() throws Exception {
        assertThatThrownBy(() -> loader.load(
                        load("events", List.of("id"), "json 'auto'"), input("{\"id\":100}{\"id\":\"not a number\"}")))
                .isInstanceOf(TableLoader.LoadFailedException.class)
                .hasMessageContaining("events");
        assertThat(postgres.sql("SELECT count(*) FROM events WHERE id = 100")).isEqualTo("0");
        assertThatThrownBy(() -> loader.load(load("missing", List.of(), "json 'auto'"), input("{}")))
                .isInstanceOf(TableLoader.LoadFailedException.class)
                .hasMessage("The table missing does not exist.");
        assertThatThrownBy(() -> loader.load(load("events; DROP TABLE events", List.of(), "csv"), input("")))
                .isInstanceOf(TableLoader.LoadFailedException.class)
                .hasMessageContaining("is not a [schema.]table name");
    }

    @Test
    void anUnreachableDatabaseFailsTheLoad() {
        TableLoader.Load load = new TableLoader.Load(
                "jdbc:postgresql://127.0.0.1:1/dev", "wharf", "x", "events", List.of(), CopyOptions.parse("csv"));
        assertThatThrownBy(() -> loader.load(load, input("1\n"))).isInstanceOf(TableLoader.LoadFailedException.class);
    }

    private static TableLoader.Load load(String table, List<String> columns, String options) {
        return new TableLoader.Load(
                postgres.url("dev"), "wharf", "wharf-secret", table, columns, CopyOptions.parse(options));
    }

    private static ByteArrayInputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
