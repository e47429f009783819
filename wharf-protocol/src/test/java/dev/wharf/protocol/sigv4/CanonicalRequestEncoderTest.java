package dev.wharf.protocol.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalRequestEncoderTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|/",
                "/|/",
                "/000000000000/my-queue|/000000000000/my-queue",
                // The SDKs encode the path a second time for every service but S3.
                "/000000000000/my%20queue|/000000000000/my%2520queue",
                "/000000000000/a%2Fb|/000000000000/a%252Fb",
                "/a+b~c|/a%2Bb~c",
                "/a//b|/a/b",
                "/a/./b/../c|/a/c",
                "/a/b/.|/a/b",
                "/a/..|/",
                "/a/b/|/a/b/",
                "/../a|/../a"
            })
    void canonicalUriNormalizesThenEncodesAgain(String rawPath, String canonical) {
        assertThat(CanonicalRequestEncoder.canonicalUri(rawPath)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|''",
                "b=2&a=1|a=1&b=2",
                "a=2&a=1&a=10|a=1&a=10&a=2",
                "flag&x=|flag=&x=",
                "a=b%2bc&c=%7e&d=a+b&e=%41|a=b%2Bc&c=~&d=a%2Bb&e=A",
                "=ignored&k=v&&|k=v",
                "X-Amz-Signature=abc&k=v|X-Amz-Signature=abc&k=v"
            })
    void canonicalQuerySortsAndReencodes(String rawQuery, String canonical) {
        assertThat(QueryParameters.parse(rawQuery).canonical(null)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"X-Amz-Signature=abc&k=v|k=v"})
    void presignedCanonicalQueryLeavesOutTheSignature(String rawQuery, String canonical) {
        assertThat(QueryParameters.parse(rawQuery).canonical(SigV4AuthorizationDecoder.X_AMZ_SIGNATURE))
                .isEqualTo(canonical);
    }
}
