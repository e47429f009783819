package dev.wharf.dynamodb.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.dynamodb.api.AttributeDefinition;
import dev.wharf.dynamodb.api.CreateTableRequest;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.GlobalSecondaryIndex;
import dev.wharf.dynamodb.api.KeySchemaElement;
import dev.wharf.dynamodb.api.LocalSecondaryIndex;
import dev.wharf.dynamodb.api.Projection;
import dev.wharf.dynamodb.api.ProvisionedThroughput;
import dev.wharf.dynamodb.engine.value.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks CreateTable's and UpdateTable's definitions as DynamoDB does, with its messages, and reads them. */
final class TableRequests {

    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    static final String INVALID = "One or more parameter values were invalid: ";
    static final int GLOBAL_INDEXES_MAX = 20;
    static final int LOCAL_INDEXES_MAX = 5;
    static final long CAPACITY_UNITS_MAX = 1_000_000_000_000L;
    static final List<String> BILLING_MODES = List.of(Table.PROVISIONED, Table.PAY_PER_REQUEST);
    static final List<String> PROJECTION_TYPES = List.of("ALL", "KEYS_ONLY", "INCLUDE");

    private TableRequests() {}

    /** Checks a table name as every operation that takes one does. */
    static void checkTableName(@Nullable String name) {
        MemberConstraints.check()
                .notNull("tableName", name)
                .length("tableName", name, 3, 255, false)
                .pattern("tableName", name, NAME, false)
                .validate(DynamoDbError.Validation);
    }

    /** The attribute types that a CreateTable defines, by name, in its order. */
    static Map<String, Type> attributeTypes(List<AttributeDefinition> definitions) {
        Map<String, Type> types = new LinkedHashMap<>();
        for (AttributeDefinition definition : definitions) {
            String type = definition.attributeType();
            Type parsed = type == null ? null : Type.byDescriptor(type);
            if (parsed == null || !parsed.isScalarKeyType()) {
                throw DynamoDbError.Validation.with("1 validation error detected: Value '" + type
                        + "' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member"
                        + " must satisfy enum value set: [B, N, S]");
            }
            if (types.put(String.valueOf(definition.attributeName()), parsed) != null) {
                throw DynamoDbError.Validation.with(
                        INVALID + "Cannot have two attributes with the same name. Attribute name: "
                                + definition.attributeName());
            }
        }
        return types;
    }

    /** Checks a CreateTable's members as the model constrains them, before its definitions. */
    static void checkCreate(CreateTableRequest request) {
        checkTableName(request.tableName());
        MemberConstraints.check()
                .notNull("attributeDefinitions", request.attributeDefinitions())
                .notNull("keySchema", request.keySchema())
                .size("keySchema", request.keySchema(), 1, 2, String.valueOf(request.keySchema()))
                .oneOf("billingMode", request.billingMode(), BILLING_MODES)
                .validate(DynamoDbError.Validation);
        checkBilling(request.billingMode(), request.provisionedThroughput());
    }

    /** Checks the billing mode against the provisioned throughput given with it. */
    static void checkBilling(@Nullable String billingMode, @Nullable ProvisionedThroughput throughput) {
        if (Table.PAY_PER_REQUEST.equals(billingMode)) {
            if (throughput != null) {
                throw DynamoDbError.Validation.with(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be"
                        + " specified when BillingMode is PAY_PER_REQUEST");
            }
            return;
        }
        if (throughput == null || throughput.readCapacityUnits() == null || throughput.writeCapacityUnits() == null) {
            throw DynamoDbError.Validation.with(INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be"
                    + " specified when BillingMode is PROVISIONED");
        }
        checkUnits(throughput.readCapacityUnits(), "ReadCapacityUnits");
        checkUnits(throughput.writeCapacityUnits(), "WriteCapacityUnits");
    }

    private static void checkUnits(long units, String member) {
        if (units < 1 || units > CAPACITY_UNITS_MAX) {
            throw DynamoDbError.Validation.with("Given value " + units + " for " + member + " is out of bounds");
        }
    }

    /** A table's or an index's key schema, checked against the attribute definitions. */
    static KeySchema keySchema(@Nullable List<KeySchemaElement> elements, Map<String, Type> types) {
        if (elements == null || elements.isEmpty() || elements.size() > 2) {
            throw DynamoDbError.Validation.with(
                    INVALID + "Invalid KeySchema: the KeySchema must have one or two elements");
        }
        List<String> names = new ArrayList<>();
        elements.forEach(element -> names.add(String.valueOf(element.attributeName())));
        if (!types.keySet().containsAll(names)) {
            throw DynamoDbError.Validation.with(INVALID
                    + "Some index key attributes are not defined in AttributeDefinitions. Keys: ["
                    + String.join(", ", names) + "], AttributeDefinitions: [" + String.join(", ", types.keySet())
                    + "]");
        }
        if (names.size() == 2 && names.get(0).equals(names.get(1))) {
            throw DynamoDbError.Validation.with(
                    "Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        if (!"HASH".equals(elements.get(0).keyType())) {
            throw DynamoDbError.Validation.with("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (elements.size() == 2 && !"RANGE".equals(elements.get(1).keyType())) {
            throw DynamoDbError.Validation.with(
                    "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        KeyAttribute hash = new KeyAttribute(names.get(0), java.util.Objects.requireNonNull(types.get(names.get(0))));
        KeyAttribute range = names.size() == 2
                ? new KeyAttribute(names.get(1), java.util.Objects.requireNonNull(types.get(names.get(1))))
                : null;
        return new KeySchema(hash, range);
    }

    /** A projection, checked, as {@code [type, nonKeyAttributes...]}. */
    static Projection projection(@Nullable Projection projection) {
        String type = projection == null ? null : projection.projectionType();
        if (projection == null || type == null || !PROJECTION_TYPES.contains(type)) {
            throw DynamoDbError.Validation.with(INVALID + "Unknown ProjectionType: " + type);
        }
        List<String> nonKey = projection.nonKeyAttributes();
        if (nonKey != null && !type.equals("INCLUDE")) {
            throw DynamoDbError.Validation.with(
                    INVALID + "ProjectionType is " + type + ", but NonKeyAttributes is specified");
        }
        if (type.equals("INCLUDE") && (nonKey == null || nonKey.isEmpty())) {
            throw DynamoDbError.Validation.with(
                    INVALID + "NonKeyAttributes must not be empty when ProjectionType is INCLUDE");
        }
        return new Projection(type, nonKey == null ? List.of() : List.copyOf(nonKey));
    }

    /**
     * The secondary indexes of a CreateTable, numbered from 1, checked. Indexes created with their table need no
     * backfill: they are CREATING with it, and ACTIVE with it.
     */
    static List<SecondaryIndex> indexes(CreateTableRequest request, KeySchema table, Map<String, Type> types, long at) {
        List<SecondaryIndex> indexes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean payPerRequest = Table.PAY_PER_REQUEST.equals(request.billingMode());
        List<LocalSecondaryIndex> locals = request.localSecondaryIndexes();
        if (locals != null) {
            checkLocals(locals, table);
            for (LocalSecondaryIndex local : locals) {
                KeySchema keys = keySchema(local.keySchema(), types);
                checkLocal(local, keys, table);
                Projection projection = projection(local.projection());
                indexes.add(index(indexes.size() + 1, unique(names, local.indexName()), false, keys, projection, at));
            }
        }
        List<GlobalSecondaryIndex> globals = request.globalSecondaryIndexes();
        if (globals != null) {
            if (globals.isEmpty()) {
                throw DynamoDbError.Validation.with(INVALID + "List of GlobalSecondaryIndexes is empty");
            }
            for (GlobalSecondaryIndex global : globals) {
                KeySchema keys = keySchema(global.keySchema(), types);
                Projection projection = projection(global.projection());
                String name = unique(names, global.indexName());
                SecondaryIndex index = index(indexes.size() + 1, name, true, keys, projection, at);
                indexes.add(withThroughput(index, payPerRequest, global.provisionedThroughput()));
            }
            if (globals.size() > GLOBAL_INDEXES_MAX) {
                throw DynamoDbError.Validation.with(
                        INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of " + GLOBAL_INDEXES_MAX);
            }
        }
        return indexes;
    }

    private static void checkLocals(List<LocalSecondaryIndex> locals, KeySchema table) {
        if (locals.isEmpty()) {
            throw DynamoDbError.Validation.with(INVALID + "List of LocalSecondaryIndexes is empty");
        }
        if (table.range() == null) {
            throw DynamoDbError.Validation.with(INVALID + "Table KeySchema does not have a range key, which is"
                    + " required when specifying a LocalSecondaryIndex");
        }
        if (locals.size() > LOCAL_INDEXES_MAX) {
            throw DynamoDbError.Validation.with(
                    INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of " + LOCAL_INDEXES_MAX);
        }
    }

    private static void checkLocal(LocalSecondaryIndex local, KeySchema keys, KeySchema table) {
        if (keys.range() == null) {
            throw DynamoDbError.Validation.with(
                    INVALID + "Index KeySchema does not have a range key for index: " + local.indexName());
        }
        if (!keys.hash().name().equals(table.hash().name())) {
            throw DynamoDbError.Validation.with(INVALID
                    + "Index KeySchema does not have the same leading hash key as table KeySchema for index: "
                    + local.indexName() + ". index hash key: " + keys.hash().name() + ", table hash key: "
                    + table.hash().name());
        }
    }

    /** A new global index of UpdateTable's Create action, checked. */
    static SecondaryIndex createdIndex(
            int number,
            @Nullable String name,
            @Nullable List<KeySchemaElement> keySchema,
            @Nullable Projection projection,
            @Nullable ProvisionedThroughput throughput,
            boolean payPerRequest,
            Map<String, Type> types) {
        checkIndexName(name);
        KeySchema keys = keySchema(keySchema, types);
        SecondaryIndex index = index(number, String.valueOf(name), true, keys, projection(projection), 0);
        return withThroughput(index, payPerRequest, throughput);
    }

    private static SecondaryIndex withThroughput(
            SecondaryIndex index, boolean payPerRequest, @Nullable ProvisionedThroughput throughput) {
        if (payPerRequest) {
            if (throughput != null) {
                throw DynamoDbError.Validation.with(
                        INVALID + "ProvisionedThroughput should not be specified for index: " + index.name()
                                + " when BillingMode is PAY_PER_REQUEST");
            }
            return index;
        }
        if (throughput == null || throughput.readCapacityUnits() == null || throughput.writeCapacityUnits() == null) {
            throw DynamoDbError.Validation.with(
                    INVALID + "ProvisionedThroughput must be specified for index: " + index.name());
        }
        checkUnits(throughput.readCapacityUnits(), "ReadCapacityUnits");
        checkUnits(throughput.writeCapacityUnits(), "WriteCapacityUnits");
        return index.withThroughput(throughput.readCapacityUnits(), throughput.writeCapacityUnits());
    }

    private static SecondaryIndex index(
            int number, String name, boolean global, KeySchema keys, Projection projection, long settlesAt) {
        return new SecondaryIndex(
                number,
                name,
                global,
                keys,
                String.valueOf(projection.projectionType()),
                projection.nonKeyAttributes() == null ? List.of() : projection.nonKeyAttributes(),
                SecondaryIndex.CREATING,
                settlesAt,
                true,
                0,
                0);
    }

    private static String unique(Set<String> names, @Nullable String name) {
        checkIndexName(name);
        if (!names.add(String.valueOf(name))) {
            throw DynamoDbError.Validation.with(INVALID + "Duplicate index name: " + name);
        }
        return String.valueOf(name);
    }

    static void checkIndexName(@Nullable String name) {
        MemberConstraints.check()
                .notNull("indexName", name)
                .length("indexName", name, 3, 255, false)
                .pattern("indexName", name, NAME, false)
                .validate(DynamoDbError.Validation);
    }

    /**
     * Checks that every attribute definition is used by the table's or an index's keys, as AWS requires.
     *
     * @throws dev.wharf.common.AwsException ValidationException otherwise
     */
    static void checkDefinitionsUsed(Map<String, Type> types, KeySchema table, List<SecondaryIndex> indexes) {
        Set<String> used = new HashSet<>();
        table.attributes().forEach(attribute -> used.add(attribute.name()));
        indexes.forEach(index -> index.keys().attributes().forEach(attribute -> used.add(attribute.name())));
        if (!used.containsAll(types.keySet())) {
            throw DynamoDbError.Validation.with(
                    indexes.isEmpty()
                            ? INVALID + "Number of attributes in KeySchema does not exactly match number of attributes"
                                    + " defined in AttributeDefinitions"
                            : INVALID + "Some AttributeDefinitions are not used. AttributeDefinitions: ["
                                    + String.join(", ", types.keySet()) + "], keys used: [" + String.join(", ", used)
                                    + "]");
        }
    }
}
