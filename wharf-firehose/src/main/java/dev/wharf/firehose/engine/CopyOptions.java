package dev.wharf.firehose.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The data format options of a Redshift {@code COPY} as a destination's {@code CopyCommand.CopyOptions} gives them,
 * parsed into what Wharf's load into PostgreSQL needs.
 *
 * <p>Served: {@code JSON 'auto'} and {@code JSON 'auto ignorecase'} (also after {@code FORMAT [AS]}), {@code CSV}
 * with {@code QUOTE [AS] 'c'}, {@code DELIMITER [AS] 'c'}, {@code NULL AS 's'}, {@code IGNOREHEADER [AS] n}, {@code
 * GZIP}, {@code EMPTYASNULL}, and options that do not change how rows are read ({@code TIMEFORMAT 'auto'}, {@code
 * DATEFORMAT 'auto'}, {@code REGION}, {@code COMPUPDATE}, {@code STATUPDATE}, {@code TRUNCATECOLUMNS}, {@code
 * ACCEPTINVCHARS}, {@code MAXERROR}). Any other option makes the load fail, as a COPY that Redshift cannot run does.
 *
 * @param format {@code JSON}, {@code CSV} or {@code TEXT} (Redshift's default: one row per line, fields split by the
 *     delimiter, backslashes literal)
 * @param ignoreCase for JSON, whether keys match columns whatever their case
 * @param delimiter the field delimiter of CSV and TEXT: {@code ,} and {@code |} unless given
 * @param quote the quote character of CSV
 * @param nullAs the text that stands for NULL in CSV and TEXT, or null for the format's own
 * @param ignoreHeader the lines to skip at the start of each staged file
 * @param gzip whether the options say the staged files are GZIP
 * @param emptyAsNull whether an empty CSV or TEXT field loads as NULL
 */
record CopyOptions(
        String format,
        boolean ignoreCase,
        char delimiter,
        char quote,
        @Nullable String nullAs,
        int ignoreHeader,
        boolean gzip,
        boolean emptyAsNull) {

    /** A COPY option that Wharf cannot run; the load fails with it. */
    static final class UnsupportedOptionException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnsupportedOptionException(String message) {
            super(message);
        }
    }

    /** Options of one word or of a word and a value that do not change how rows are read. */
    private static final List<String> NEUTRAL_FLAGS =
            List.of("COMPUPDATE", "STATUPDATE", "TRUNCATECOLUMNS", "ACCEPTINVCHARS", "TRIMBLANKS", "BLANKSASNULL");

    /**
     * Parses COPY options.
     *
     * @throws UnsupportedOptionException for an option Wharf does not run or one that does not parse
     */
    static CopyOptions parse(@Nullable String options) {
        List<String> tokens = tokens(options == null ? "" : options);
        String format = "TEXT";
        boolean ignoreCase = false;
        Character delimiter = null;
        char quote = '"';
        String nullAs = null;
        int ignoreHeader = 0;
        boolean gzip = false;
        boolean emptyAsNull = false;
        int at = 0;
        while (at < tokens.size()) {
            String word = tokens.get(at).toUpperCase(Locale.ROOT);
            at++;
            switch (word) {
                case "FORMAT" -> {
                    // FORMAT [AS] only introduces the format's name.
                }
                case "JSON" -> {
                    String value = at < tokens.size() ? quoted(tokens.get(at)) : null;
                    if (value == null) {
                        throw new UnsupportedOptionException("JSON needs 'auto' or 'auto ignorecase'.");
                    }
                    at++;
                    switch (value.toLowerCase(Locale.ROOT)) {
                        case "auto" -> ignoreCase = false;
                        case "auto ignorecase" -> ignoreCase = true;
                        default ->
                            throw new UnsupportedOptionException(
                                    "Wharf loads JSON with 'auto' or 'auto ignorecase' only,"
                                            + " not with a JSONPaths file ('" + value + "').");
                    }
                    format = "JSON";
                }
                case "CSV" -> format = "CSV";
                case "QUOTE" -> quote = single(word, value(tokens, at++, word));
                case "DELIMITER" -> {
                    delimiter = single(word, value(tokens, at++, word));
                }
                case "NULL" -> nullAs = value(tokens, at++, word);
                case "IGNOREHEADER" -> {
                    try {
                        ignoreHeader = Integer.parseInt(value(tokens, at++, word));
                    } catch (NumberFormatException e) {
                        throw new UnsupportedOptionException("IGNOREHEADER needs a number of lines.");
                    }
                }
                case "GZIP" -> gzip = true;
                case "EMPTYASNULL" -> emptyAsNull = true;
                case "TIMEFORMAT", "DATEFORMAT" -> {
                    String pattern = value(tokens, at++, word);
                    if (!pattern.equalsIgnoreCase("auto")) {
                        throw new UnsupportedOptionException(
                                "Wharf reads times and dates as PostgreSQL does ('auto'), not as " + word + " '"
                                        + pattern + "'.");
                    }
                }
                case "REGION", "MAXERROR" -> {
                    value(tokens, at++, word);
                }
                default -> {
                    if (!NEUTRAL_FLAGS.contains(word)) {
                        throw new UnsupportedOptionException("Wharf does not run the COPY option " + word + ".");
                    }
                    if (at < tokens.size()
                            && List.of("ON", "OFF", "TRUE", "FALSE")
                                    .contains(tokens.get(at).toUpperCase(Locale.ROOT))) {
                        at++;
                    }
                }
            }
        }
        char separator = delimiter != null ? delimiter : format.equals("CSV") ? ',' : '|';
        return new CopyOptions(format, ignoreCase, separator, quote, nullAs, ignoreHeader, gzip, emptyAsNull);
    }

    /**
     * The words and the quoted strings of the options, quotes kept, in order; the bare word {@code AS}, which only
     * introduces an option's value ({@code NULL AS}, {@code DELIMITER AS}, {@code FORMAT AS}), is left out.
     */
    private static List<String> tokens(String options) {
        List<String> tokens = new ArrayList<>();
        int at = 0;
        while (at < options.length()) {
            char c = options.charAt(at);
            if (Character.isWhitespace(c) || c == ';') {
                at++;
            } else if (c == '\'') {
                StringBuilder text = new StringBuilder("'");
                at++;
                while (true) {
                    if (at >= options.length()) {
                        throw new UnsupportedOptionException("A quoted value in the COPY options is not closed.");
                    }
                    char d = options.charAt(at++);
                    if (d == '\'' && at < options.length() && options.charAt(at) == '\'') {
                        text.append('\'');
                        at++;
                    } else if (d == '\'') {
                        break;
                    } else if (d == '\\' && at < options.length()) {
                        text.append(options.charAt(at++));
                    } else {
                        text.append(d);
                    }
                }
                tokens.add(text.append('\'').toString());
            } else {
                int start = at;
                while (at < options.length()
                        && !Character.isWhitespace(options.charAt(at))
                        && options.charAt(at) != '\''
                        && options.charAt(at) != ';') {
                    at++;
                }
                String word = options.substring(start, at);
                if (!word.equalsIgnoreCase("AS")) {
                    tokens.add(word);
                }
            }
        }
        return tokens;
    }

    private static @Nullable String quoted(String token) {
        return token.length() >= 2 && token.startsWith("'") && token.endsWith("'")
                ? token.substring(1, token.length() - 1)
                : null;
    }

    /** The value after an option, quoted or bare. */
    private static String value(List<String> tokens, int at, String option) {
        if (at >= tokens.size()) {
            throw new UnsupportedOptionException(option + " needs a value.");
        }
        String token = tokens.get(at);
        String text = quoted(token);
        return text != null ? text : token;
    }

    private static char single(String option, String value) {
        if (value.length() != 1) {
            throw new UnsupportedOptionException(option + " needs a single character, not '" + value + "'.");
        }
        return value.charAt(0);
    }
}
