package dev.wharf.firehose.engine;

import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Loads a delivery's records into a Redshift destination's table, as the destination's {@code COPY} would: the port
 * between the Redshift sink and the database, so that engine tests script it and the server runs {@link
 * PostgresLoader} against a PostgreSQL server (Wharf's Redshift-compatible target).
 */
public interface TableLoader {

    /** No database can be reached: every load fails as an unreachable cluster's does. */
    TableLoader NONE = (load, data) -> {
        throw new LoadFailedException("This server loads into no database.");
    };

    /**
     * A loader into PostgreSQL servers whose JDBC driver loads with the first load, not when this is called, so that a
     * server that never delivers to Redshift never loads it.
     */
    static TableLoader postgres() {
        return new TableLoader() {
            private volatile @Nullable TableLoader made;

            @Override
            public long load(Load load, InputStream data) {
                TableLoader loader = made;
                if (loader == null) {
                    // PostgresLoader is stateless: two first loads at once may each make one.
                    loader = new PostgresLoader();
                    made = loader;
                }
                return loader.load(load, data);
            }
        };
    }

    /**
     * One load.
     *
     * @param url the JDBC URL of the database, {@code jdbc:postgresql://host:port/database}, after Wharf's mapping of
     *     the destination's cluster
     * @param table the destination's {@code DataTableName}, {@code [schema.]table}
     * @param columns the destination's {@code DataTableColumns}, empty for every column of the table in order
     */
    public record Load(
            String url, String username, String password, String table, List<String> columns, CopyOptions options) {}

    /**
     * Loads the rows that {@code data} holds, all or none.
     *
     * @return the rows loaded
     * @throws LoadFailedException when the database refused the load or could not be reached; nothing was loaded
     */
    long load(Load load, InputStream data);

    /** A load that did not happen, with the database's reason. */
    final class LoadFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public LoadFailedException(String message, Throwable cause) {
            super(message, cause);
        }

        public LoadFailedException(String message) {
            super(message);
        }
    }
}
