package dev.wharf.mq.engine.config;

import java.util.regex.Pattern;

/** Amazon MQ's limits on configurations: their names, data size and depth, and revisions. */
public final class ConfigurationLimits {
    public static final String DATA = "data";
    public static final String NAME = "name";
    public static final String INVALID_DATA_PREFIX = "The specified XML configuration data is invalid: ";
    public static final int DATA_BYTES_MAX = 1048576;
    public static final String DATA_TOO_LARGE =
            "The specified XML configuration data is invalid: the document is larger than 1048576 bytes.";
    public static final int ELEMENT_DEPTH_MAX = 64;
    public static final int NAME_LENGTH_MAX = 150;
    public static final Pattern NAME_CHARACTERS = Pattern.compile("[A-Za-z0-9._~-]+");
    public static final String NAME_LENGTH_INVALID = "Make sure your Configuration name is 1-150 characters long.";
    public static final String NAME_CHARACTERS_INVALID =
            "Make sure your Configuration name only contains valid characters.";
    public static final int REVISIONS_PER_CONFIGURATION_MAX = 300;
    public static final int WARNINGS_RETURNED_MAX = 20;
    static final int ERRORS_QUOTED_MAX = 10;

    private ConfigurationLimits() {}

    public static void checkName(String name) {
        if (name.isEmpty() || name.length() > 150) {
            throw new ConfigurationRejected("Make sure your Configuration name is 1-150 characters long.", "name");
        }

        if (!NAME_CHARACTERS.matcher(name).matches()) {
            throw new ConfigurationRejected(
                    "Make sure your Configuration name only contains valid characters.", "name");
        }
    }
}
