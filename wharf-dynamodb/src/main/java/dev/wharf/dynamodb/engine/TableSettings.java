package dev.wharf.dynamodb.engine;

import dev.wharf.common.Arn;
import dev.wharf.common.MemberConstraints;
import dev.wharf.dynamodb.api.DynamoDbContext;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.ProvisionedThroughput;
import dev.wharf.dynamodb.api.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A table's settings beside its keys: billing and throughput, tags, and what ARNs name tables. */
final class TableSettings {

    static final int TAGS_MAX = 50;
    private static final int TAG_KEY_CHARS_MAX = 128;
    private static final int TAG_VALUE_CHARS_MAX = 256;

    private TableSettings() {}

    /** Lock must be held: sets the billing mode and the throughput it takes, as of {@code now}. */
    static void applyBilling(
            Table table, @Nullable String billingMode, @Nullable ProvisionedThroughput throughput, long now) {
        if (Table.PAY_PER_REQUEST.equals(billingMode)) {
            if (!table.billingMode.equals(Table.PAY_PER_REQUEST)) {
                table.payPerRequestSinceMillis = now;
            }
            table.billingMode = Table.PAY_PER_REQUEST;
            table.readCapacityUnits = 0;
            table.writeCapacityUnits = 0;
            return;
        }
        table.billingMode = Table.PROVISIONED;
        if (throughput != null && throughput.readCapacityUnits() != null && throughput.writeCapacityUnits() != null) {
            long read = throughput.readCapacityUnits();
            long write = throughput.writeCapacityUnits();
            if (table.readCapacityUnits != 0 || table.writeCapacityUnits != 0) {
                if (read > table.readCapacityUnits || write > table.writeCapacityUnits) {
                    table.lastIncreaseMillis = now;
                }
                if (read < table.readCapacityUnits || write < table.writeCapacityUnits) {
                    table.lastDecreaseMillis = now;
                }
            }
            table.readCapacityUnits = read;
            table.writeCapacityUnits = write;
        }
    }

    /**
     * Lock must be held: adds or replaces tags, checked as TagResource and CreateTable check them.
     *
     * @throws dev.wharf.common.AwsException ValidationException for a bad tag, LimitExceededException beyond 50
     */
    static void addTags(Table table, @Nullable List<Tag> tags) {
        if (tags == null) {
            return;
        }
        for (Tag tag : tags) {
            MemberConstraints.check()
                    .notNull("tags.member.key", tag.key())
                    .notNull("tags.member.value", tag.value())
                    .length("tags.member.key", tag.key(), 1, TAG_KEY_CHARS_MAX, false)
                    .length("tags.member.value", tag.value(), 0, TAG_VALUE_CHARS_MAX, false)
                    .validate(DynamoDbError.Validation);
        }
        java.util.Map<String, String> changed = new java.util.LinkedHashMap<>(table.tags);
        tags.forEach(tag -> changed.put(String.valueOf(tag.key()), String.valueOf(tag.value())));
        if (changed.size() > TAGS_MAX) {
            throw DynamoDbError.LimitExceeded.with(
                    "The number of tags exceeds the limit of " + TAGS_MAX + " tags per resource.");
        }
        table.tags.clear();
        table.tags.putAll(changed);
    }

    /**
     * The name of the table an ARN names in this account and region, or null for a table ARN of elsewhere.
     *
     * @throws dev.wharf.common.AwsException ValidationException when it is not a table's ARN at all
     */
    static @Nullable String tableName(@Nullable String resourceArn, DynamoDbContext context) {
        MemberConstraints.check()
                .notNull("resourceArn", resourceArn)
                .length("resourceArn", resourceArn, 1, 1283, false)
                .validate(DynamoDbError.Validation);
        String text = String.valueOf(resourceArn);
        Arn arn;
        try {
            arn = Arn.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalidArn(text);
        }
        if (!arn.service().equals("dynamodb") || !arn.resource().startsWith("table/")) {
            throw invalidArn(text);
        }
        String name = arn.resource().substring("table/".length());
        if (name.contains("/") || !TableRequests.NAME.matcher(name).matches()) {
            throw invalidArn(text);
        }
        return arn.accountId().equals(context.accountId()) && arn.region().equals(context.region()) ? name : null;
    }

    private static dev.wharf.common.AwsException invalidArn(String arn) {
        return DynamoDbError.Validation.with("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
    }
}
