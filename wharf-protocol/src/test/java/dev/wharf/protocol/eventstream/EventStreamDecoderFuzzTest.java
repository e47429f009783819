package dev.wharf.protocol.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzz test of the event-stream decoder: whatever bytes arrive, in whatever chunks, it returns messages
 * or throws {@link EventStreamException}, never another exception; and what it returns re-encodes to the bytes it read
 * and is read the same by AWS's decoder.
 *
 * <p>An input's first byte sets the chunk size, and its top bit asks for the CRCs of the stream's frames to be set
 * right, so that the fuzzer reaches the header parser rather than stopping at the prelude's CRC; the rest is the
 * stream. The seeds in {@code
 * EventStreamDecoderFuzzTestInputs/} are the golden vectors. {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration};
 * without it, JUnit replays the seeds.
 */
class EventStreamDecoderFuzzTest {

    private static final EventStreamLimits LIMITS = new EventStreamLimits(4096, 64 * 1024);

    @FuzzTest(maxDuration = "30s")
    void decoderReadsMessagesOrRejectsTheStream(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int chunkBytes = 1 + (input[0] & 0x7F);
        if ((input[0] & 0x80) != 0) {
            input = input.clone();
            fixCrcs(input);
        }
        EventStreamDecoder decoder = new EventStreamDecoder(LIMITS);
        List<EventStreamMessage> messages = new ArrayList<>();
        int consumed = 1;
        try {
            while (consumed < input.length) {
                int length = Math.min(chunkBytes, input.length - consumed);
                messages.addAll(decoder.decode(ByteBuffer.wrap(input, consumed, length)));
                consumed += length;
            }
        } catch (EventStreamException e) {
            assertThat(e.getMessage()).isNotEmpty();
        }
        ByteArrayOutputStream reencoded = new ByteArrayOutputStream();
        EventStreamEncoder encoder = new EventStreamEncoder(LIMITS);
        messages.forEach(message -> reencoded.writeBytes(encoder.encode(message)));
        byte[] read = reencoded.toByteArray();
        assertThat(read).isEqualTo(Arrays.copyOfRange(input, 1, 1 + read.length));
        assertThat(AwsEventStream.decode(read, chunkBytes)).containsExactlyElementsOf(messages);
    }

    /** Rewrites both CRCs of each frame whose declared length fits in what is left of {@code input}. */
    private static void fixCrcs(byte[] input) {
        ByteBuffer stream = ByteBuffer.wrap(input);
        int start = 1;
        while (start + 16 <= input.length) {
            long total = Integer.toUnsignedLong(stream.getInt(start));
            if (total < 16 || total > input.length - start) {
                return;
            }
            stream.putInt(start + 8, (int) EventStreamEncoder.crc32(input, start, 8));
            int end = start + (int) total;
            stream.putInt(end - 4, (int) EventStreamEncoder.crc32(input, start, (int) total - 4));
            start = end;
        }
    }
}
