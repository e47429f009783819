package dev.wharf.s3.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class S3AddressingTest {

    @Test
    void aBucketBeforeALocalOrAwsHostMovesIntoThePath() {
        assertThat(S3Addressing.resourcePath("photos.localhost:4566", "/2026/a.jpg"))
                .isEqualTo("/photos/2026/a.jpg");
        assertThat(S3Addressing.resourcePath("my.dotted.bucket.localhost", "/k"))
                .isEqualTo("/my.dotted.bucket/k");
        assertThat(S3Addressing.resourcePath("logs.s3.localhost.localstack.cloud:4566", "/"))
                .isEqualTo("/logs");
        assertThat(S3Addressing.resourcePath("data.s3.amazonaws.com", "/x")).isEqualTo("/data/x");
        assertThat(S3Addressing.resourcePath("data.s3.eu-west-1.amazonaws.com", "/x"))
                .isEqualTo("/data/x");
        assertThat(S3Addressing.resourcePath("data.s3-eu-west-1.amazonaws.com", ""))
                .isEqualTo("/data");
    }

    @Test
    void anyOtherHostIsPathStyle() {
        assertThat(S3Addressing.resourcePath("localhost:4566", "/photos/a.jpg")).isEqualTo("/photos/a.jpg");
        assertThat(S3Addressing.resourcePath("127.0.0.1:4566", "/photos")).isEqualTo("/photos");
        assertThat(S3Addressing.resourcePath("s3.amazonaws.com", "/photos")).isEqualTo("/photos");
        assertThat(S3Addressing.resourcePath("[::1]:4566", "/photos")).isEqualTo("/photos");
        assertThat(S3Addressing.resourcePath(null, "/photos")).isEqualTo("/photos");
        assertThat(S3Addressing.virtualBucket("LOCALHOST")).isNull();
    }
}
