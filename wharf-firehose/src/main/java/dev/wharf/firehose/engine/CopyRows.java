package dev.wharf.firehose.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns the records of a Redshift delivery into rows as Redshift's {@code COPY} reads them, written in PostgreSQL's
 * CSV format ({@code NULL} unquoted and empty, every value quoted), so that PostgreSQL's {@code COPY ... FROM STDIN}
 * loads exactly what Redshift would. Streams: one record or line at a time.
 *
 * <p>JSON ({@code 'auto'}): the records are JSON objects, one after another; each object's keys name columns (as they
 * are, or whatever their case with {@code 'auto ignorecase'}), missing keys load as NULL, nested objects and arrays as
 * their JSON text. TEXT: one row per line, fields split at the delimiter, backslashes literal. CSV input is not
 * rewritten: PostgreSQL reads it with the same delimiter and quote.
 */
final class CopyRows {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private CopyRows() {}

    /**
     * Writes the rows of JSON records.
     *
     * @param columns the table's columns, in the order of the COPY's column list
     * @return the rows written
     * @throws TableLoader.LoadFailedException for data that is not JSON objects, as Redshift's COPY fails on it
     */
    static long json(InputStream data, List<String> columns, boolean ignoreCase, Writer out) throws IOException {
        long rows = 0;
        try (JsonParser parser = JSON.createParser(data)) {
            MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(parser);
            while (values.hasNextValue()) {
                JsonNode value = values.nextValue();
                if (!value.isObject()) {
                    throw new TableLoader.LoadFailedException(
                            "Invalid JSONPath format: a record is not a JSON object (it starts with "
                                    + (value.isArray() ? JsonToken.START_ARRAY : value.getNodeType()) + ").");
                }
                Map<String, JsonNode> fields = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    fields.putIfAbsent(
                            ignoreCase ? field.getKey().toLowerCase(Locale.ROOT) : field.getKey(), field.getValue());
                }
                for (int i = 0; i < columns.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    String column = columns.get(i);
                    JsonNode field = fields.get(ignoreCase ? column.toLowerCase(Locale.ROOT) : column);
                    if (field != null && !field.isNull()) {
                        quoted(field.isValueNode() ? field.asText() : field.toString(), out);
                    }
                }
                out.write('\n');
                rows++;
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new TableLoader.LoadFailedException("Invalid JSON in the staged data: " + e.getOriginalMessage(), e);
        }
        return rows;
    }

    /**
     * Writes the rows of delimited text.
     *
     * @return the rows written
     */
    static long text(InputStream data, CopyOptions options, Writer out) throws IOException {
        String nullAs = options.nullAs() == null ? "\\N" : options.nullAs();
        long rows = 0;
        BufferedReader lines = new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8));
        int skip = options.ignoreHeader();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (skip > 0) {
                skip--;
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            int start = 0;
            boolean first = true;
            while (true) {
                int end = line.indexOf(options.delimiter(), start);
                String field = end < 0 ? line.substring(start) : line.substring(start, end);
                if (!first) {
                    out.write(',');
                }
                first = false;
                if (!field.equals(nullAs) && !(field.isEmpty() && options.emptyAsNull())) {
                    quoted(field, out);
                }
                if (end < 0) {
                    break;
                }
                start = end + 1;
            }
            out.write('\n');
            rows++;
        }
        return rows;
    }

    /** Skips the first {@code lines} lines of a stream, for CSV input with IGNOREHEADER. */
    static void skipLines(InputStream data, int lines) throws IOException {
        int left = lines;
        while (left > 0) {
            int b = data.read();
            if (b < 0) {
                return;
            }
            if (b == '\n') {
                left--;
            }
        }
    }

    private static void quoted(@Nullable String value, Writer out) throws IOException {
        out.write('"');
        String text = String.valueOf(value);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                out.write('"');
            }
            out.write(c);
        }
        out.write('"');
    }
}
