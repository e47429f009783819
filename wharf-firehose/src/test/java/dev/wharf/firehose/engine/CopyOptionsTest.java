package dev.wharf.firehose.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Redshift COPY options as Wharf parses them, and the rows it makes of JSON and delimited records. */
class CopyOptionsTest {

    @Test
    void redshiftsDefaultIsPipeDelimitedText() {
        CopyOptions options = CopyOptions.parse(null);
        assertThat(options.format()).isEqualTo("TEXT");
        assertThat(options.delimiter()).isEqualTo('|');
        assertThat(options.gzip()).isFalse();
    }

    @Test
    void jsonAutoWithAndWithoutFormatAsAndWithIgnorecase() {
        assertThat(CopyOptions.parse("json 'auto'").format()).isEqualTo("JSON");
        CopyOptions options = CopyOptions.parse("FORMAT AS JSON 'auto ignorecase' GZIP TIMEFORMAT 'auto'");
        assertThat(options.format()).isEqualTo("JSON");
        assertThat(options.ignoreCase()).isTrue();
        assertThat(options.gzip()).isTrue();
    }

    @Test
    void csvWithItsQuoteDelimiterNullAndHeader() {
        CopyOptions options = CopyOptions.parse("CSV QUOTE AS '%' DELIMITER ';' NULL AS 'nil' IGNOREHEADER 2");
        assertThat(options.format()).isEqualTo("CSV");
        assertThat(options.quote()).isEqualTo('%');
        assertThat(options.delimiter()).isEqualTo(';');
        assertThat(options.nullAs()).isEqualTo("nil");
        assertThat(options.ignoreHeader()).isEqualTo(2);
        assertThat(CopyOptions.parse("csv").delimiter()).isEqualTo(',');
    }

    @Test
    void optionsWharfDoesNotRunFailTheLoadWithTheirName() {
        assertThatThrownBy(() -> CopyOptions.parse("json 's3://bucket/paths.json'"))
                .isInstanceOf(CopyOptions.UnsupportedOptionException.class)
                .hasMessageContaining("JSONPaths");
        assertThatThrownBy(() -> CopyOptions.parse("AVRO 'auto'"))
                .isInstanceOf(CopyOptions.UnsupportedOptionException.class)
                .hasMessage("Wharf does not run the COPY option AVRO.");
        assertThatThrownBy(() -> CopyOptions.parse("DELIMITER '||'")).hasMessageContaining("single character");
        assertThatThrownBy(() -> CopyOptions.parse("DELIMITER ',")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> CopyOptions.parse("TIMEFORMAT 'epochmillisecs'"))
                .hasMessageContaining("TIMEFORMAT");
    }

    @Test
    void jsonRecordsBecomeQuotedCsvRowsByColumnNameWithNullsUnquoted() throws IOException {
        StringWriter out = new StringWriter();
        long rows = CopyRows.json(
                input("{\"id\":1,\"name\":\"a \\\"b\\\"\",\"tags\":[1,2]}{\"id\":2,\"extra\":true}\n"),
                List.of("id", "name", "tags"),
                false,
                out);
        assertThat(rows).isEqualTo(2);
        assertThat(out).hasToString("\"1\",\"a \"\"b\"\"\",\"[1,2]\"\n\"2\",,\n");
    }

    @Test
    void jsonKeysMatchColumnsWhateverTheirCaseOnlyWithIgnorecase() throws IOException {
        StringWriter exact = new StringWriter();
        CopyRows.json(input("{\"Id\":7}"), List.of("id"), false, exact);
        assertThat(exact).hasToString("\n");
        StringWriter ignoring = new StringWriter();
        CopyRows.json(input("{\"Id\":7}"), List.of("id"), true, ignoring);
        assertThat(ignoring).hasToString("\"7\"\n");
    }

    @Test
    void aRecordThatIsNotAJsonObjectFailsTheLoad() {
        assertThatThrownBy(() -> CopyRows.json(input("[1,2]"), List.of("id"), false, new StringWriter()))
                .isInstanceOf(TableLoader.LoadFailedException.class);
        assertThatThrownBy(() -> CopyRows.json(input("{\"id\":"), List.of("id"), false, new StringWriter()))
                .isInstanceOf(TableLoader.LoadFailedException.class)
                .hasMessageStartingWith("Invalid JSON");
    }

    @Test
    void delimitedTextKeepsBackslashesAndReadsItsNullMarker() throws IOException {
        StringWriter out = new StringWriter();
        long rows =
                CopyRows.text(input("h1|h2\na\\b|\\N\n\nc|\n"), CopyOptions.parse("IGNOREHEADER 1 EMPTYASNULL"), out);
        assertThat(rows).isEqualTo(2);
        assertThat(out).hasToString("\"a\\b\",\n\"c\",\n");
    }

    private static ByteArrayInputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
