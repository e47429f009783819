package dev.wharf.firehose.engine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads Redshift deliveries into a PostgreSQL server with its JDBC driver, one transaction per load: {@code COPY
 * table (columns) FROM STDIN} in CSV, fed by {@link CopyRows} (or the staged CSV as it is). The driver's classes load
 * with the first Redshift delivery, not at start. Connections are opened per load with bounded connect and socket
 * timeouts, since deliveries are minutes apart.
 */
final class PostgresLoader implements TableLoader {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final int SOCKET_TIMEOUT_SECONDS = 300;

    @Override
    public long load(Load load, InputStream data) {
        String[] table = load.table().split("\\.", -1);
        if (table.length > 2
                || !List.of(table).stream()
                        .allMatch(part -> IDENTIFIER.matcher(part).matches())) {
            throw new LoadFailedException("The DataTableName " + load.table() + " is not a [schema.]table name.");
        }
        for (String column : load.columns()) {
            if (!IDENTIFIER.matcher(column).matches()) {
                throw new LoadFailedException("The DataTableColumns name " + column + ", which is not a column name.");
            }
        }
        Properties properties = new Properties();
        properties.setProperty("user", load.username());
        properties.setProperty("password", load.password());
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "wharf-firehose");
        try (Connection connection = new org.postgresql.Driver().connect(load.url(), properties)) {
            if (connection == null) {
                throw new LoadFailedException("The JDBC URL " + load.url() + " is not a PostgreSQL URL.");
            }
            connection.setAutoCommit(false);
            List<String> columns = load.columns().isEmpty() ? columnsOf(connection, table) : load.columns();
            CopyOptions options = load.options();
            boolean csv = options.format().equals("CSV");
            StringBuilder sql = new StringBuilder("COPY ").append(load.table());
            if (!load.columns().isEmpty()) {
                sql.append(" (").append(String.join(", ", columns)).append(')');
            }
            sql.append(" FROM STDIN WITH (FORMAT csv");
            if (csv) {
                sql.append(", DELIMITER ")
                        .append(literal(String.valueOf(options.delimiter())))
                        .append(", QUOTE ")
                        .append(literal(String.valueOf(options.quote())))
                        .append(", NULL ")
                        .append(literal(
                                options.emptyAsNull() ? "" : options.nullAs() == null ? "\\N" : options.nullAs()));
            }
            sql.append(')');
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.toString());
            long rows;
            try (OutputStream sink = new CopyStream(copy)) {
                if (csv) {
                    CopyRows.skipLines(data, options.ignoreHeader());
                    data.transferTo(sink);
                } else {
                    Writer out = new BufferedWriter(new OutputStreamWriter(sink, StandardCharsets.UTF_8), 64 * 1024);
                    if (options.format().equals("JSON")) {
                        CopyRows.json(data, columns, options.ignoreCase(), out);
                    } else {
                        CopyRows.text(data, options, out);
                    }
                    out.flush();
                }
                sink.flush();
                rows = copy.endCopy();
            } catch (IOException | RuntimeException e) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                connection.rollback();
                throw e;
            }
            connection.commit();
            return rows;
        } catch (SQLException e) {
            throw new LoadFailedException("The load into " + load.table() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new LoadFailedException("The load into " + load.table() + " failed: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new LoadFailedException("The load into " + load.table() + " failed: " + e.getMessage(), e);
        }
    }

    /** The table's columns in their order, as a COPY without a column list takes them. */
    private static List<String> columnsOf(Connection connection, String[] table) throws SQLException {
        String sql = table.length == 2
                ? "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                        + " ORDER BY ordinal_position"
                : "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                        + " AND table_name = ? ORDER BY ordinal_position";
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(
                    1,
                    table.length == 2
                            ? table[0].toLowerCase(java.util.Locale.ROOT)
                            : table[0].toLowerCase(java.util.Locale.ROOT));
            if (table.length == 2) {
                statement.setString(2, table[1].toLowerCase(java.util.Locale.ROOT));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new LoadFailedException("The table " + String.join(".", table) + " does not exist.");
        }
        return columns;
    }

    private static String literal(String text) {
        return "E'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The bytes written to it go to the COPY, in chunks. */
    private static final class CopyStream extends OutputStream {
        private final CopyIn copy;
        private final byte[] buffer = new byte[64 * 1024];
        private int used;

        CopyStream(CopyIn copy) {
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            if (used == buffer.length) {
                flush();
            }
            buffer[used++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length >= buffer.length) {
                flush();
                send(bytes, offset, length);
                return;
            }
            if (used + length > buffer.length) {
                flush();
            }
            System.arraycopy(bytes, offset, buffer, used, length);
            used += length;
        }

        @Override
        public void flush() throws IOException {
            if (used > 0) {
                send(buffer, 0, used);
                used = 0;
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }

        private void send(byte[] bytes, int offset, int length) throws IOException {
            try {
                copy.writeToCopy(bytes, offset, length);
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }
}
