package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's DatabaseSourceDescription shape, as the model names its members. */
public record DatabaseSourceDescription(
        @Nullable String type,
        @Nullable String endpoint,
        @Nullable Integer port,
        @Nullable String sSLMode,
        @Nullable DatabaseList databases,
        @Nullable DatabaseTableList tables,
        @Nullable DatabaseColumnList columns,
        @Nullable List<String> surrogateKeys,
        @Nullable String snapshotWatermarkTable,
        @Nullable List<DatabaseSnapshotInfo> snapshotInfo,
        @Nullable DatabaseSourceAuthenticationConfiguration databaseSourceAuthenticationConfiguration,
        @Nullable DatabaseSourceVPCConfiguration databaseSourceVPCConfiguration) {}
