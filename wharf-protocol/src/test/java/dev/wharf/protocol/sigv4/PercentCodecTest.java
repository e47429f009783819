package dev.wharf.protocol.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import org.junit.jupiter.api.Test;

class PercentCodecTest {

    @Test
    void encodeKeepsOnlyUnreservedCharacters() {
        assertThat(PercentCodec.encode("aZ09-_.~ +*/%€", false)).isEqualTo("aZ09-_.~%20%2B%2A%2F%25%E2%82%AC");
        assertThat(PercentCodec.encode("a/b c", true)).isEqualTo("a/b%20c");
    }

    @Test
    void normalizeKeepsPlusAsPlus() {
        assertThat(PercentCodec.normalize("a+b%20c%2b")).isEqualTo("a%2Bb%20c%2B");
    }

    @Test
    void decodeRejectsIncompleteEscape() {
        assertThatThrownBy(() -> PercentCodec.decode("abc%4")).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(CommonError.MALFORMED_QUERY_STRING);
            assertThat(e.getMessage()).isEqualTo("Incomplete trailing escape % sequence");
        });
    }

    @Test
    void decodeRejectsNonAsciiDigitsInEscape() {
        assertThatThrownBy(() -> PercentCodec.decode("%\u0663\u0663"))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(CommonError.MALFORMED_QUERY_STRING));
    }
}
