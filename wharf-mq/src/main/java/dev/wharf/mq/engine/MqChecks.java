package dev.wharf.mq.engine;

import dev.wharf.common.AwsException;
import dev.wharf.mq.api.MqError;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

final class MqChecks {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._~-]+");
    static final int MAX_BROKER_NAME = 50;
    static final int MAX_CONFIGURATION_NAME = 150;
    static final int MAX_USERS = 250;
    static final int MAX_GROUPS = 20;
    static final int MAX_TAGS = 50;
    static final int MAX_REVISIONS = 300;
    static final int MAX_CONFIGURATIONS = 5000;
    static final Set<String> DEPLOYMENT_MODES =
            Set.of("SINGLE_INSTANCE", "ACTIVE_STANDBY_MULTI_AZ", "CLUSTER_MULTI_AZ");
    static final Set<String> ENGINE_TYPES = Set.of("ACTIVEMQ", "RABBITMQ");
    static final Set<String> STORAGE_TYPES = Set.of("EBS", "EFS");
    static final Set<String> AUTHENTICATION = Set.of("SIMPLE", "LDAP", "CONFIG_MANAGED");
    static final List<String> INSTANCE_TYPES =
            List.of("mq.t3.micro", "mq.m5.large", "mq.m5.xlarge", "mq.m5.2xlarge", "mq.m5.4xlarge");
    static final Set<String> DAYS =
            Set.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");
    static final String ENGINE_VERSION = "5.18";

    private MqChecks() {}

    static AwsException bad(String attribute, String message) {
        return MqError.BadRequest.with(attribute, message);
    }

    static <T> T required(@Nullable T value, String attribute) {
        if (value != null && !(value instanceof String text && text.isEmpty())) {
            return value;
        } else {
            throw bad(attribute, "The request must include " + attribute + ".");
        }
    }

    static void brokerName(String name) {
        if (name.length() > 50 || !NAME.matcher(name).matches()) {
            throw bad(
                    "brokerName",
                    "Broker name must be 1-50 characters long and contain only letters, numbers, dashes, periods, underscores, and tildes (- . _ ~).");
        }
    }

    static void configurationName(String name) {
        if (name.length() > 150 || !NAME.matcher(name).matches()) {
            throw bad(
                    "name",
                    "Configuration name must be 1-150 characters long and contain only letters, numbers, dashes, periods, underscores, and tildes (- . _ ~).");
        }
    }

    static void oneOf(@Nullable String value, Set<String> allowed, String attribute, String what) {
        if (value != null && !allowed.contains(value)) {
            throw bad(
                    attribute,
                    what + " [" + value + "] is invalid. Valid values are: "
                            + allowed.stream().sorted().toList() + ".");
        }
    }

    static void username(String username) {
        if (username.length() < 2
                || username.length() > 100
                || !USERNAME.matcher(username).matches()) {
            throw bad(
                    "username",
                    "Username must be 2-100 characters long and contain only letters, numbers, dashes, periods, underscores, and tildes (- . _ ~).");
        }
    }

    static void password(String password) {
        Set<Integer> unique = new HashSet<>();
        password.codePoints().forEach(unique::add);
        if (password.length() < 12
                || password.length() > 250
                || unique.size() < 4
                || password.indexOf(44) >= 0
                || password.indexOf(58) >= 0
                || password.indexOf(61) >= 0) {
            throw bad(
                    "password",
                    "Password is invalid. Enter a password 12 to 250 characters long, with at least 4 unique characters, and without commas, colons, or equal signs (,:=).");
        }
    }

    static void groups(@Nullable List<String> groups) {
        if (groups != null) {
            if (groups.size() > 20) {
                throw bad("groups", "A user can belong to at most 20 groups.");
            }

            for (String group : groups) {
                if (group.length() < 2
                        || group.length() > 100
                        || !USERNAME.matcher(group).matches()) {
                    throw bad(
                            "groups",
                            "Group names must be 2-100 characters long and contain only letters, numbers, dashes, periods, underscores, and tildes (- . _ ~).");
                }
            }
        }
    }

    static void tags(@Nullable Map<String, String> tags, int existing) {
        if (tags != null) {
            for (Entry<String, String> tag : tags.entrySet()) {
                if (tag.getKey().isEmpty()
                        || tag.getKey().length() > 128
                        || tag.getKey().startsWith("aws:")) {
                    throw bad("tags", "Tag keys must be 1-128 characters long and must not begin with aws:.");
                }

                if (tag.getValue().length() > 256) {
                    throw bad("tags", "Tag values must be at most 256 characters long.");
                }
            }

            if (existing + tags.size() > 50) {
                throw bad("tags", "A resource can have at most 50 tags.");
            }
        }
    }

    static int maxResults(@Nullable Integer value, int min, int max, int fallback) {
        if (value == null) {
            return fallback;
        } else if (value >= min && value <= max) {
            return value;
        } else {
            throw bad("maxResults", "The maximum number of results must be between " + min + " and " + max + ".");
        }
    }

    static void engineVersion(@Nullable String version) {
        if (version != null && !version.equals("5.18")) {
            throw bad(
                    "engineVersion",
                    "Broker engine version [" + version + "] is not supported. Wharf runs ActiveMQ 5.18.");
        }
    }

    static void hostInstanceType(@Nullable String type) {
        if (type != null && !INSTANCE_TYPES.contains(type)) {
            throw bad(
                    "hostInstanceType",
                    "Broker host instance type [" + type + "] is invalid. Valid values are: " + INSTANCE_TYPES + ".");
        }
    }
}
