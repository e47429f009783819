package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.storage.BlobId;
import dev.wharf.storage.BlobWriter;
import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.ObjectBatch;
import dev.wharf.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * What the RocksDB object store adds beyond the contract suite: its families and folders made by first use only, the
 * files of its blobs in the data directory, and the recovery that deletes the files no commit added.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class RocksDbObjectFilesTest {

    // JUnit injects it before each test.
    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path dataDir;

    @Test
    void anEngineWhoseObjectStoreOnlyReadsMakesNeitherItsFamiliesNorItsFolder() throws Exception {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(engine.objects().read("bucket/key")).isNull();
            engine.objects().scan("", "", (key, value) -> true);
            engine.objects().commit(new ObjectBatch());
        }

        assertThat(families()).doesNotContain("s3-objects", "s3-blobs");
        assertThat(dataDir.resolve("s3")).doesNotExist();
    }

    @Test
    void aCommittedBlobIsAFileUnderItsShardAndTheFirstCommitMakesTheFamilies() throws Exception {
        BlobId id;
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            ObjectStore store = engine.objects();
            try (BlobWriter writer = store.createBlob()) {
                writer.write(bytes("body"), 0, 4);
                id = writer.finish();
                assertThat(tmpFiles()).containsExactly(id.value());
                store.commit(new ObjectBatch().put("k", bytes("v")).addBlob(id));
            }
            assertThat(tmpFiles()).isEmpty();
            assertThat(dataDir.resolve("s3/blobs")
                            .resolve(id.value().substring(0, 2))
                            .resolve(id.value()))
                    .hasBinaryContent(bytes("body"));

            store.commit(new ObjectBatch().deleteBlob(id));
            assertThat(blobFiles()).isEmpty();
        }
        assertThat(families()).contains("s3-objects", "s3-blobs");
    }

    @Test
    void closingAWriterBeforeItsBlobIsAddedDeletesItsFile() throws Exception {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.RELAXED)) {
            BlobWriter unfinished = engine.objects().createBlob();
            unfinished.write(bytes("a"), 0, 1);
            BlobWriter finished = engine.objects().createBlob();
            finished.finish();
            assertThat(tmpFiles()).hasSize(2);

            unfinished.close();
            finished.close();

            assertThat(tmpFiles()).isEmpty();
        }
    }

    @Test
    void recoveryRunsOnFirstUseAndDeletesEveryFileThatNoCommitAdded() throws Exception {
        BlobId kept;
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            try (BlobWriter writer = engine.objects().createBlob()) {
                writer.write(bytes("kept"), 0, 4);
                kept = writer.finish();
                engine.objects().commit(new ObjectBatch().addBlob(kept));
            }
        }
        // What a crash leaves: a blob being written, and one moved into place whose commit never reached the log.
        Files.write(dataDir.resolve("s3/tmp/0123abcd"), bytes("half"));
        Files.createDirectories(dataDir.resolve("s3/blobs/fe"));
        Files.write(dataDir.resolve("s3/blobs/fe/fedcba98"), bytes("uncommitted"));

        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(engine.objects().read("k")).isNull();
            assertThat(tmpFiles()).as("not recovered at open nor by a read").containsExactly("0123abcd");

            engine.objects().createBlob().close();

            assertThat(tmpFiles()).isEmpty();
            assertThat(blobFiles()).containsExactly(kept.value());
            try (InputStream in = engine.objects().openBlob(kept, 0)) {
                assertThat(in.readAllBytes()).isEqualTo(bytes("kept"));
            }
        }
    }

    private List<String> tmpFiles() throws IOException {
        return names(dataDir.resolve("s3/tmp"));
    }

    private List<String> blobFiles() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir.resolve("s3/blobs"))) {
            files.filter(Files::isRegularFile)
                    .forEach(file -> names.add(file.getFileName().toString()));
        }
        return names;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    private List<String> families() throws Exception {
        try (Options options = new Options()) {
            List<String> names = new ArrayList<>();
            RocksDB.listColumnFamilies(
                            options,
                            dataDir.resolve(RocksDbStorageEngine.ROCKSDB_FOLDER).toString())
                    .forEach(name -> names.add(new String(name, UTF_8)));
            return names;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
