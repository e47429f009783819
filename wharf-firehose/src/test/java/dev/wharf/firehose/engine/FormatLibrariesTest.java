package dev.wharf.firehose.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.firehose.api.OrcSerDe;
import dev.wharf.firehose.api.ParquetSerDe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class loader that a packaged server loads the Parquet and ORC writers through: the writers are its own, defined
 * from this module's bytes, and still write files that the libraries read.
 */
class FormatLibrariesTest {

    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path temp;

    private static final HiveType TABLE = HiveType.parseTable("struct<id:int,tags:array<string>>");

    @Test
    void withoutAFormatsDirectoryTheWritersAreLoadedAsAnyClass() {
        ClassLoader parent = FormatLibrariesTest.class.getClassLoader();
        assertThat(FormatLibraries.make(parent, null)).isSameAs(parent);
        assertThat(FormatLibraries.directory())
                .as("the build's classes are a directory, not a jar")
                .isNull();
    }

    @Test
    void aFormatsDirectoryGetsALoaderThatOwnsTheWritersAndTheyStillWrite() throws Exception {
        Path formats = Files.createDirectory(temp.resolve(FormatLibraries.DIRECTORY));
        ClassLoader parent = FormatLibrariesTest.class.getClassLoader();
        ClassLoader isolated = FormatLibraries.make(parent, formats);
        assertThat(isolated).isNotSameAs(parent);

        Path parquet = Files.createFile(temp.resolve("rows.parquet"));
        ColumnarWriter writer = FormatLibraries.open(
                isolated,
                "dev.wharf.firehose.engine.ParquetFileWriter",
                new ParquetSerDe(null, null, null, null, null, null),
                TABLE,
                parquet);
        @Nullable Object[] row = {7, List.of("a")};
        writer.write(row);
        writer.close();
        List<Group> rows = FirehoseFormatConversionTest.parquetRows(parquet);
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.getInteger("id", 0))
                .isEqualTo(7));

        Path orc = Files.createFile(temp.resolve("rows.orc"));
        ColumnarWriter orcWriter = FormatLibraries.open(
                isolated,
                "dev.wharf.firehose.engine.OrcFileWriter",
                new OrcSerDe(null, null, null, null, null, null, null, null, null, null),
                TABLE,
                orc);
        orcWriter.write(row);
        orcWriter.close();
        assertThat(Files.size(orc)).isPositive();
        assertThat(new String(Files.readAllBytes(orc), 0, 3, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("ORC");

        Class<?> owned = Class.forName("dev.wharf.firehose.engine.ParquetFileWriter", false, isolated);
        assertThat(owned.getClassLoader()).isSameAs(isolated);
        assertThat(owned).isNotSameAs(ParquetFileWriter.class);
        assertThat(Class.forName("dev.wharf.firehose.engine.HiveType", false, isolated))
                .as("the engine's types come from the class path")
                .isSameAs(HiveType.class);
    }
}
