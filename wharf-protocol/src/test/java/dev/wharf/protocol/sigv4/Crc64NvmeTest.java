package dev.wharf.protocol.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;

class Crc64NvmeTest {

    @Test
    void matchesPublishedCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        Crc64Nvme crc = new Crc64Nvme();

        crc.update(check, 0, check.length);

        assertThat(crc.getValue()).isEqualTo(0xae8b14860a799888L);
    }

    @Test
    void matchesTheSdkChecksumOverRandomData() {
        Random random = new Random(11);
        for (int length : new int[] {1, 7, 8, 255, 4096, 100_003}) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            SdkChecksum sdk = SdkChecksum.forAlgorithm(DefaultChecksumAlgorithm.CRC64NVME);
            sdk.update(data, 0, data.length);
            Crc64Nvme crc = new Crc64Nvme();

            crc.update(data, 0, data.length);

            assertThat(crc.getValue()).as("length %d", length).isEqualTo(sdk.getValue());
        }
    }

    @Test
    void isZeroOverNothing() {
        assertThat(new Crc64Nvme().getValue()).isZero();
    }

    @Test
    void byteAtATimeMatchesArrayUpdateAndResetStartsOver() {
        byte[] data = new byte[10_000];
        new Random(7).nextBytes(data);
        Crc64Nvme whole = new Crc64Nvme();
        whole.update(data, 0, data.length);
        Crc64Nvme bytes = new Crc64Nvme();
        bytes.update(new byte[] {1, 2, 3}, 0, 3);
        bytes.reset();

        for (byte b : data) {
            bytes.update(b);
        }

        assertThat(bytes.getValue()).isEqualTo(whole.getValue());
    }
}
