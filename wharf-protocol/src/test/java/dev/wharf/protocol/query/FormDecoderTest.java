package dev.wharf.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Query parameters decoded strictly: a malformed escape or bytes that are not UTF-8 are errors, never guesses. */
class FormDecoderTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static AwsException rejection(String rawQuery, byte[] body) {
        return catchThrowableOfType(AwsException.class, () -> FormDecoder.decode(rawQuery, body));
    }

    @Test
    void decodesFormAsBrowsersAndSdksEncodeIt() {
        Map<String, List<String>> params = FormDecoder.decode(
                "Action=ListQueues", bytes("QueueNamePrefix=a%20b+c&MessageBody=%E2%82%AC%F0%9F%98%80&Empty=&Flag"));
        assertThat(params)
                .containsEntry("Action", List.of("ListQueues"))
                .containsEntry("QueueNamePrefix", List.of("a b c"))
                .containsEntry("MessageBody", List.of("€😀"))
                .containsEntry("Empty", List.of(""))
                .containsEntry("Flag", List.of(""));
    }

    @Test
    void bodyParameterReplacesTheQueryStringsAndRepeatsKeepTheirOrder() {
        Map<String, List<String>> params = FormDecoder.decode("A=1&B=1&B=2", bytes("A=2&&=x"));
        assertThat(params)
                .containsEntry("A", List.of("2"))
                .containsEntry("B", List.of("1", "2"))
                .hasSize(2);
    }

    @Test
    void malformedEscapeIsMalformedQueryString() {
        for (String body : new String[] {"QueueNamePrefix=%ZZ", "QueueNamePrefix=%", "QueueNamePrefix=%4", "%G1=x"}) {
            AwsException e = rejection("", bytes(body));
            assertThat(e).as(body).isNotNull();
            assertThat(e.code()).isEqualTo(CommonError.MALFORMED_QUERY_STRING);
            assertThat(e.code().httpStatus()).isEqualTo(404);
        }
        assertThat(rejection("Action=ListQueues&QueueNamePrefix=%ZZ", new byte[0])
                        .getMessage())
                .isEqualTo("Illegal hex characters in escape % pattern: %ZZ");
        assertThat(rejection("", bytes("a=%")).getMessage()).isEqualTo("Incomplete trailing escape % sequence");
    }

    @Test
    void bytesThatAreNotUtf8AreInvalidQueryParameter() {
        AwsException escaped = rejection("", bytes("MessageBody=%C3%28"));
        assertThat(escaped.code()).isEqualTo(CommonError.INVALID_QUERY_PARAMETER);
        assertThat(escaped.getMessage()).isEqualTo("The value of parameter MessageBody is not valid UTF-8.");
        AwsException raw = rejection("", new byte[] {'M', '=', (byte) 0xFF});
        assertThat(raw.code()).isEqualTo(CommonError.INVALID_QUERY_PARAMETER);
        assertThat(rejection("", bytes("%FF=1")).getMessage()).isEqualTo("A parameter name is not valid UTF-8.");
    }

    @Test
    void escapedNewlinesInNamesCannotForgeMessages() {
        AwsException e = rejection("", bytes("a%0Ab=%FF"));
        assertThat(e.getMessage()).isEqualTo("The value of parameter a\\nb is not valid UTF-8.");
    }

    @Test
    void moreParametersThanTheBoundIsInvalidQueryParameter() {
        String body = "a=1&".repeat(FormDecoder.MAX_PARAMETERS + 1);
        AwsException e = rejection("", bytes(body));
        assertThat(e.code()).isEqualTo(CommonError.INVALID_QUERY_PARAMETER);
        assertThat(e.getMessage()).isEqualTo("The request has more than 10000 parameters.");
        assertThat(FormDecoder.decode("", bytes("a=1&".repeat(FormDecoder.MAX_PARAMETERS))))
                .hasSize(1);
    }
}
