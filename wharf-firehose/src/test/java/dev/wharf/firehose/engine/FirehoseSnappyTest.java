package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.extended;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.s3.api.BucketShapes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedInputStream;

/**
 * Snappy and HADOOP_SNAPPY objects: each is read back with snappy-java's own decoders (its framed stream reader, and
 * its block decompressor over Hadoop's block layout) and must hold exactly the records put, in order.
 */
class FirehoseSnappyTest {

    private final FirehoseFixture fixture = new FirehoseFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    /** 600 KiB of records, half of each random so that blocks neither vanish nor stay whole: several blocks each. */
    private byte[] putRecords(String stream) {
        Random random = new Random(11);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] data = new byte[2048];
            random.nextBytes(data);
            byte[] text = ("record " + i + " ").repeat(200).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(text, 0, data, 0, 1024);
            batch.add(data);
            all.writeBytes(data);
            if (batch.size() == 100) {
                fixture.putBatch(stream, batch);
                batch = new ArrayList<>();
            }
        }
        return all.toByteArray();
    }

    @Test
    void snappyObjectsAreInSnappysFramingFormatAndNamedDotSnappy() throws IOException {
        fixture.bucket("packed");
        fixture.active("framed", extended("packed", "framed/", 1, 0, "Snappy"));
        byte[] put = putRecords("framed");
        fixture.deliver();

        List<BucketShapes.ListedObject> objects = fixture.objects("packed");
        assertThat(objects).hasSize(1);
        String key = objects.get(0).key();
        assertThat(key).startsWith("framed/").endsWith(".snappy");
        byte[] body = fixture.body("packed", key);
        // The framing format's stream identifier: chunk type 0xff, length 6, "sNaPpY".
        assertThat(new String(body, 4, 6, StandardCharsets.US_ASCII)).isEqualTo("sNaPpY");
        assertThat(body[0]).isEqualTo((byte) 0xff);
        assertThat(body.length).isLessThan(put.length);
        try (SnappyFramedInputStream in = new SnappyFramedInputStream(new ByteArrayInputStream(body))) {
            assertThat(in.readAllBytes()).isEqualTo(put);
        }
    }

    @Test
    void hadoopSnappyObjectsAreInHadoopsBlockFormatAndNamedDotHsnappy() throws IOException {
        fixture.bucket("packed");
        fixture.active("hadoop", extended("packed", "hadoop/", 1, 0, "HADOOP_SNAPPY"));
        byte[] put = putRecords("hadoop");
        fixture.deliver();

        List<BucketShapes.ListedObject> objects = fixture.objects("packed");
        assertThat(objects).hasSize(1);
        String key = objects.get(0).key();
        assertThat(key).startsWith("hadoop/").endsWith(".hsnappy");
        byte[] body = fixture.body("packed", key);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        int blocks = hadoopBlocks(body, read);
        assertThat(read.toByteArray()).isEqualTo(put);
        assertThat(blocks).as("blocks of 256 KiB").isEqualTo(3);
    }

    @Test
    void theErrorOutputOfASnappyStreamIsSnappyToo() throws IOException {
        fixture.bucket("packed");
        ErrorOutput errors = new ErrorOutput(fixture.s3, fixture.clock, new Random(3), "us-east-1");
        long now = FirehoseFixture.START.toEpochMilli();
        FirehoseRecords.StoredStream stream = new FirehoseRecords.StoredStream(
                1,
                FirehoseFixture.ALICE.accountId(),
                "framed",
                "DirectPut",
                now,
                now,
                1,
                false,
                null,
                extended("packed", "framed/", 1, 0, "Snappy"),
                false,
                new java.util.LinkedHashMap<>(),
                FirehoseRecords.Encryption.NONE,
                null);
        String key = errors.write(
                stream,
                "format-conversion-failed",
                List.of(new ErrorOutput.Failed(
                        0, "{".getBytes(StandardCharsets.UTF_8), 1, "code", "message", java.util.Map.of())));
        assertThat(key).endsWith(".snappy");
        try (SnappyFramedInputStream in =
                new SnappyFramedInputStream(new ByteArrayInputStream(fixture.body("packed", key)))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("\"rawData\":\"ew==\"");
        }
    }

    /**
     * Decodes Hadoop's block format with snappy-java: each block is its uncompressed length, then pieces of a
     * compressed length and that many bytes until the block's length is reached.
     *
     * @return the number of blocks
     */
    static int hadoopBlocks(byte[] body, ByteArrayOutputStream out) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(body);
        int blocks = 0;
        while (in.hasRemaining()) {
            int raw = in.getInt();
            int done = 0;
            while (done < raw) {
                byte[] compressed = new byte[in.getInt()];
                in.get(compressed);
                byte[] piece = Snappy.uncompress(compressed);
                out.writeBytes(piece);
                done += piece.length;
            }
            assertThat(done).isEqualTo(raw);
            blocks++;
        }
        return blocks;
    }
}
