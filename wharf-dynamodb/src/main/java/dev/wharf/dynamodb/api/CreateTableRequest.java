package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of CreateTable. */
public record CreateTableRequest(
        @Nullable List<AttributeDefinition> attributeDefinitions,
        @Nullable String tableName,
        @Nullable List<KeySchemaElement> keySchema,
        @Nullable List<LocalSecondaryIndex> localSecondaryIndexes,
        @Nullable List<GlobalSecondaryIndex> globalSecondaryIndexes,
        @Nullable String billingMode,
        @Nullable ProvisionedThroughput provisionedThroughput,
        @Nullable StreamSpecification streamSpecification,
        @Nullable SSESpecification sSESpecification,
        @Nullable List<Tag> tags,
        @Nullable String tableClass,
        @Nullable Boolean deletionProtectionEnabled,
        @Nullable WarmThroughput warmThroughput,
        @Nullable String resourcePolicy,
        @Nullable OnDemandThroughput onDemandThroughput,
        @Nullable String globalTableSourceArn,
        @Nullable String globalTableSettingsReplicationMode,
        @Nullable List<VectorIndex> vectorIndexes) {}
