package dev.wharf.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The outbound client: made once, on the first call, with its owner's settings; refused once closed. */
class LazyHttpClientTest {

    @Test
    void theClientIsMadeOnceOnTheFirstCallWithTheOwnersSettingsAndWharfsDefaults() throws Exception {
        AtomicInteger made = new AtomicInteger();
        try (LazyHttpClient http = new LazyHttpClient("test-http-", "the test", builder -> {
            made.incrementAndGet();
            builder.connectTimeout(Duration.ofSeconds(3));
        })) {
            assertThat(made).hasValue(0);
            HttpClient client = http.get();
            assertThat(http.get()).isSameAs(client);
            assertThat(made).hasValue(1);
            assertThat(client.connectTimeout()).contains(Duration.ofSeconds(3));
            assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
            String thread = http.executor()
                    .submit(() -> Thread.currentThread().getName())
                    .get();
            assertThat(thread).startsWith("test-http-");
        }
    }

    @Test
    void aClosedClientIsRefusedNamingItsOwner() throws Exception {
        LazyHttpClient http = new LazyHttpClient("test-http-", "the test", builder -> {});
        http.get();
        http.close();
        assertThatThrownBy(http::get).isInstanceOf(IOException.class).hasMessage("the test is closed");
        assertThatThrownBy(http::executor).isInstanceOf(IOException.class).hasMessage("the test is closed");
        LazyHttpClient never = new LazyHttpClient("test-http-", "the unused", builder -> {});
        never.close();
        assertThatThrownBy(never::get).isInstanceOf(IOException.class).hasMessage("the unused is closed");
    }
}
