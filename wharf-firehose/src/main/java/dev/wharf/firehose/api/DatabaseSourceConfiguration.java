package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's DatabaseSourceConfiguration shape, as the model names its members. */
public record DatabaseSourceConfiguration(
        @Nullable String type,
        @Nullable String endpoint,
        @Nullable Integer port,
        @Nullable String sSLMode,
        @Nullable DatabaseList databases,
        @Nullable DatabaseTableList tables,
        @Nullable DatabaseColumnList columns,
        @Nullable List<String> surrogateKeys,
        @Nullable String snapshotWatermarkTable,
        @Nullable DatabaseSourceAuthenticationConfiguration databaseSourceAuthenticationConfiguration,
        @Nullable DatabaseSourceVPCConfiguration databaseSourceVPCConfiguration) {}
