package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.sns.engine.endpoint.SmtpRelay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code sns:} section of the config file and its {@code WHARF_SNS_*} overrides, and the TLS trust they make. */
class ConfigFileSnsTest {

    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:f";
    private static final String RIE = "http://localhost:9000/2015-03-31/functions/function/invocations";
    private static final ConfigFile.Overrides NONE = new ConfigFile.Overrides(null, null, null, null, null, false);

    @TempDir
    @SuppressWarnings("NullAway.Init") // JUnit sets it before each test.
    Path dir;

    private WharfConfig.Sns resolve(String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, yaml);
        return ConfigFile.read(file).resolve(env, NONE).sns();
    }

    @Test
    void withoutASectionSnsKnowsNoFunctionAndTrustsTheJdksAuthorities() {
        WharfConfig.Sns sns = ConfigFile.empty().resolve(Map.of(), NONE).sns();
        assertThat(sns).isEqualTo(WharfConfig.Sns.defaults());
        assertThat(EndpointTrust.context(sns))
                .as("nothing built: the JDK's default context")
                .isNull();
    }

    @Test
    void theFileMapsFunctionsAndTheEnvironmentAddsAndReplacesThem() throws Exception {
        WharfConfig.Sns sns = resolve(
                """
                sns:
                  lambda:
                    "%s": "%s"
                    "arn:aws:lambda:us-east-1:000000000000:function:g": "http://localhost:9001/"
                  https:
                    trustAll: true
                """.formatted(FUNCTION, RIE),
                Map.of(
                        "WHARF_SNS_LAMBDA",
                        "arn:aws:lambda:us-east-1:000000000000:function:g=http://localhost:9002/x?a=b,"
                                + "arn:aws:lambda:us-east-1:000000000000:function:h:live=https://h.example/"));
        assertThat(sns.lambda())
                .containsOnly(
                        Map.entry(FUNCTION, RIE),
                        Map.entry("arn:aws:lambda:us-east-1:000000000000:function:g", "http://localhost:9002/x?a=b"),
                        Map.entry("arn:aws:lambda:us-east-1:000000000000:function:h:live", "https://h.example/"));
        assertThat(sns.httpsTrustAll()).isTrue();
        assertThat(EndpointTrust.context(sns)).isNotNull();
    }

    @Test
    void theEnvironmentDecidesTheTrust() throws Exception {
        Path pem = dir.resolve("ca.pem");
        WharfConfig.Sns sns = resolve(
                "sns:\n  https:\n    trustAll: true\n",
                Map.of("WHARF_SNS_HTTPS_TRUST_ALL", "false", "WHARF_SNS_HTTPS_TRUSTED_CERTIFICATES", pem.toString()));
        assertThat(sns.httpsTrustAll()).isFalse();
        assertThat(sns.httpsTrustedCertificates()).isEqualTo(pem);
        assertThatThrownBy(() -> EndpointTrust.context(sns))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sns.https.trustedCertificates: cannot read certificates from " + pem);
    }

    @Test
    void aKeyThatIsNotAFunctionArnOrAUrlThatIsNotHttpIsRefused() {
        assertThatThrownBy(() -> resolve("sns:\n  lambda:\n    f: \"http://localhost:9000/\"\n", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sns.lambda: not a Lambda function ARN: f (arn:aws:lambda:REGION:ACCOUNT:function:NAME)");
        assertThatThrownBy(() -> resolve("port: 0\n", Map.of("WHARF_SNS_LAMBDA", FUNCTION + "=ftp://x/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sns.lambda: the invoke URL of " + FUNCTION + " is not an http or https URL: ftp://x/");
        assertThatThrownBy(() -> resolve("port: 0\n", Map.of("WHARF_SNS_LAMBDA", FUNCTION)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WHARF_SNS_LAMBDA: expected FUNCTION_ARN=INVOKE_URL, got " + FUNCTION);
        assertThatThrownBy(() -> resolve("sns:\n  lambdas: {}\n", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lambdas");
    }

    @Test
    void withoutAnSmtpHostThereIsNoRelay() throws Exception {
        assertThat(resolve("sns:\n  smtp:\n    port: 2525\n", Map.of()).smtp()).isNull();
        assertThat(ConfigFile.empty().resolve(Map.of(), NONE).sns().smtp()).isNull();
    }

    @Test
    void theFileNamesTheRelayAndTheEnvironmentOverridesEachSetting() throws Exception {
        SmtpRelay relay = java.util.Objects.requireNonNull(
                resolve("""
                        sns:
                          smtp:
                            host: mail.example
                            security: starttls
                            username: sns
                            password: from-the-file
                            from: alerts@example.com
                            timeoutSeconds: 5
                        """, Map.of("WHARF_SNS_SMTP_PASSWORD", "from-the-env", "WHARF_SNS_SMTP_PORT", "2587"))
                        .smtp());
        assertThat(relay)
                .isEqualTo(new SmtpRelay(
                        "mail.example",
                        2587,
                        SmtpRelay.Security.STARTTLS,
                        "sns",
                        "from-the-env",
                        "alerts@example.com",
                        java.time.Duration.ofSeconds(5)));

        SmtpRelay fromEnv = java.util.Objects.requireNonNull(
                resolve("port: 0\n", Map.of("WHARF_SNS_SMTP_HOST", "localhost", "WHARF_SNS_SMTP_SECURITY", "TLS"))
                        .smtp());
        assertThat(fromEnv.port()).as("the port of SMTPS").isEqualTo(465);
        assertThat(fromEnv.from()).isEqualTo(SmtpRelay.DEFAULT_FROM);
        assertThat(fromEnv.username()).isNull();
        assertThat(fromEnv.timeout()).isEqualTo(SmtpRelay.DEFAULT_TIMEOUT);
    }

    @Test
    void aBadRelaySettingIsRefusedWithItsName() {
        assertThatThrownBy(() -> resolve("sns:\n  smtp:\n    host: h\n    security: ssl\n", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sns.smtp.security: not an SMTP security: ssl (none, starttls or tls)");
        assertThatThrownBy(() -> resolve("sns:\n  smtp:\n    host: h\n    from: nobody\n", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sns.smtp: not a mail address: nobody");
    }

    @Test
    void webhooksComeFromTheFileOrTheEnvironment() throws Exception {
        WharfConfig.Sns sns = resolve(
                "sns:\n  webhooks:\n    sms: http://provider.example/sms\n    push: http://provider.example/push\n",
                Map.of("WHARF_SNS_PUSH_WEBHOOK", "https://push.example/in"));
        assertThat(sns.webhooks())
                .isEqualTo(new dev.wharf.sns.engine.SnsWebhooks(
                        java.net.URI.create("http://provider.example/sms"),
                        java.net.URI.create("https://push.example/in")));
        assertThat(ConfigFile.empty().resolve(Map.of(), NONE).sns().webhooks())
                .isEqualTo(dev.wharf.sns.engine.SnsWebhooks.NONE);
        assertThatThrownBy(() -> resolve("sns:\n  webhooks:\n    sms: ftp://x/\n", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sns.webhooks: the sms webhook is not an http or https URL: ftp://x/");
    }
}
