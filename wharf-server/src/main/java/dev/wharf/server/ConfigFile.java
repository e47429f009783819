package dev.wharf.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wharf.protocol.sigv4.Credential;
import dev.wharf.protocol.sigv4.StaticCredentialStore;
import dev.wharf.sns.engine.SnsWebhooks;
import dev.wharf.sns.engine.endpoint.SmtpRelay;
import dev.wharf.storage.DurabilityMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The YAML config file, as written; every setting is optional. {@link #resolve} merges it with the environment and
 * the command line into a {@link WharfConfig}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
record ConfigFile(
        @Nullable String host,
        @Nullable Integer port,
        @Nullable Integer tlsPort,
        @Nullable String tlsCertificate,
        @Nullable String tlsPrivateKey,
        @Nullable String dataDir,
        @Nullable String storage,
        @Nullable String hostname,
        @Nullable String region,
        @Nullable List<Credential> credentials,
        @Nullable Boolean insecure,
        @Nullable Limits limits,
        @Nullable Sqs sqs,
        @Nullable Sns sns,
        @Nullable Kinesis kinesis,
        @Nullable CloudWatch cloudwatch,
        @Nullable Firehose firehose,
        @Nullable Mq mq) {

    /** The {@code mq:} section: see {@link WharfConfig.Mq}. */
    record Mq(
            @Nullable Integer portBase,
            @Nullable Integer maxBrokers,
            @Nullable Integer memoryMegabytes,
            @Nullable Boolean tls) {}

    /**
     * The {@code firehose:} section: the tables that format conversion may name, each {@code database.table} with its
     * columns as a Glue/Hive type string; buckets outside Wharf by name; and {@code redshift}, the PostgreSQL {@code
     * host:port} that a Redshift cluster's {@code host:port} (as a ClusterJDBCURL names it) loads into.
     */
    record Firehose(
            @Nullable Map<String, String> tables,
            @Nullable Map<String, Bucket> buckets,
            @Nullable Boolean throughputQuota,
            @Nullable Map<String, String> redshift) {}

    /** One bucket of the {@code firehose.buckets:} section. */
    record Bucket(
            @Nullable String endpoint,
            @Nullable String region,
            @Nullable String accessKeyId,
            @Nullable String secretAccessKey,
            @Nullable Boolean pathStyle) {}

    /** The {@code cloudwatch:} section. */
    record CloudWatch(
            @Nullable Integer serviceMetricsSeconds,
            @Nullable Boolean metrics) {}

    /** The {@code kinesis:} section. */
    record Kinesis(@Nullable Boolean throughputLimits) {}

    /** The {@code limits:} section; a limit left out keeps its default. */
    record Limits(
            @Nullable Integer maxRequestBytes,
            @Nullable Integer maxHeaderBytes,
            @Nullable Integer maxConnections,
            @Nullable Integer idleTimeoutSeconds,
            @Nullable Integer requestHeaderTimeoutSeconds,
            @Nullable Integer requestBodyTimeoutSeconds,
            @Nullable Long maxPendingRequestBytes,
            @Nullable Long maxStreamedRequestBytes) {

        WharfConfig.Limits resolve() {
            WharfConfig.Limits defaults = WharfConfig.Limits.defaults();
            return new WharfConfig.Limits(
                    maxRequestBytes == null ? defaults.maxRequestBytes() : maxRequestBytes,
                    maxHeaderBytes == null ? defaults.maxHeaderBytes() : maxHeaderBytes,
                    maxConnections == null ? defaults.maxConnections() : maxConnections,
                    idleTimeoutSeconds == null ? defaults.idleTimeoutSeconds() : idleTimeoutSeconds,
                    requestHeaderTimeoutSeconds == null
                            ? defaults.requestHeaderTimeoutSeconds()
                            : requestHeaderTimeoutSeconds,
                    requestBodyTimeoutSeconds == null
                            ? defaults.requestBodyTimeoutSeconds()
                            : requestBodyTimeoutSeconds,
                    maxPendingRequestBytes == null ? defaults.maxPendingRequestBytes() : maxPendingRequestBytes,
                    maxStreamedRequestBytes == null ? defaults.maxStreamedRequestBytes() : maxStreamedRequestBytes);
        }
    }

    /** The {@code sqs:} section. */
    record Sqs(@Nullable List<WharfConfig.QueueDefinition> queues) {}

    /** The {@code sns:} section: Lambda functions by ARN, and the certificates HTTPS endpoints may present. */
    record Sns(
            @Nullable Map<String, String> lambda,
            @Nullable Https https,
            @Nullable Smtp smtp,
            @Nullable Webhooks webhooks) {}

    /** The {@code sns.webhooks:} section: where SMS and push notifications are forwarded. */
    record Webhooks(@Nullable String sms, @Nullable String push) {}

    /** The {@code sns.smtp:} section: the relay that email subscriptions' mails go through. */
    record Smtp(
            @Nullable String host,
            @Nullable Integer port,
            @Nullable String security,
            @Nullable String username,
            @Nullable String password,
            @Nullable String from,
            @Nullable Integer timeoutSeconds) {}

    /** The {@code sns.https:} section. */
    record Https(
            @Nullable String trustedCertificates, @Nullable Boolean trustAll) {}

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The {@code firehose:} section, then {@code WHARF_FIREHOSE_THROUGHPUT_QUOTA} ({@code true} or {@code false}); a
     * bucket must name its endpoint and both halves of its key.
     */
    private WharfConfig.Firehose resolveFirehose(Map<String, String> env) {
        Map<String, WharfConfig.ExternalBucket> buckets = new java.util.LinkedHashMap<>();
        if (firehose != null && firehose.buckets() != null) {
            firehose.buckets().forEach((name, bucket) -> {
                if (bucket == null
                        || bucket.endpoint() == null
                        || bucket.accessKeyId() == null
                        || bucket.secretAccessKey() == null) {
                    throw new IllegalArgumentException(
                            "firehose.buckets." + name + ": give its endpoint, accessKeyId and secretAccessKey");
                }
                java.net.URI endpoint;
                try {
                    endpoint = new java.net.URI(bucket.endpoint());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalArgumentException(
                            "firehose.buckets." + name + ": the endpoint is not a URL: " + e.getMessage(), e);
                }
                if (endpoint.getHost() == null
                        || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
                    throw new IllegalArgumentException("firehose.buckets." + name
                            + ": the endpoint must be an http:// or https:// URL, not " + bucket.endpoint());
                }
                buckets.put(
                        name,
                        new WharfConfig.ExternalBucket(
                                endpoint,
                                bucket.region() == null ? WharfConfig.DEFAULT_REGION : bucket.region(),
                                bucket.accessKeyId(),
                                bucket.secretAccessKey(),
                                Boolean.TRUE.equals(bucket.pathStyle())));
            });
        }
        boolean quota = firehose == null || !Boolean.FALSE.equals(firehose.throughputQuota());
        String fromEnv = env.get("WHARF_FIREHOSE_THROUGHPUT_QUOTA");
        if (fromEnv != null && !fromEnv.isBlank()) {
            if (!fromEnv.equals("true") && !fromEnv.equals("false")) {
                throw new IllegalArgumentException(
                        "WHARF_FIREHOSE_THROUGHPUT_QUOTA must be true or false, not " + fromEnv);
            }
            quota = fromEnv.equals("true");
        }
        return new WharfConfig.Firehose(
                firehose == null || firehose.tables() == null ? Map.of() : firehose.tables(),
                buckets,
                quota,
                firehose == null || firehose.redshift() == null ? Map.of() : firehose.redshift());
    }

    static ConfigFile empty() {
        return new ConfigFile(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    /**
     * Reads a config file.
     *
     * @throws IllegalArgumentException with the file and the problem when it cannot be read or parsed
     */
    static ConfigFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("config file " + file + " does not exist");
        }
        try {
            // A file that is empty or only comments sets nothing, as a file with no settings would.
            com.fasterxml.jackson.databind.JsonNode tree = YAML.readTree(file.toFile());
            return tree == null || tree.isMissingNode() || tree.isNull()
                    ? empty()
                    : YAML.treeToValue(tree, ConfigFile.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("config file " + file + " is invalid: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    /** Command-line settings, each null when not given. */
    record Overrides(
            @Nullable String host,
            @Nullable Integer port,
            @Nullable Integer tlsPort,
            @Nullable Path dataDir,
            @Nullable String storage,
            boolean insecure) {}

    /** Merges this file, then the {@code WHARF_*} environment, then the command line: later ones win. */
    WharfConfig resolve(Map<String, String> env, Overrides cli) {
        String resolvedHost = pick(cli.host(), env.get("WHARF_HOST"), host, WharfConfig.DEFAULT_HOST);
        int resolvedPort = pickInt(cli.port(), env.get("WHARF_PORT"), port, WharfConfig.DEFAULT_PORT);
        int resolvedTlsPort = pickInt(cli.tlsPort(), env.get("WHARF_TLS_PORT"), tlsPort, -1);
        String dir = cli.dataDir() != null
                ? cli.dataDir().toString()
                : pick(
                        null,
                        env.get("WHARF_DATA_DIR"),
                        dataDir,
                        WharfConfig.defaultDataDir().toString());
        String mode = pick(cli.storage(), env.get("WHARF_STORAGE"), storage, "sync");
        List<Credential> keys = new ArrayList<>(credentials == null ? List.of() : credentials);
        String envKeys = env.get("WHARF_CREDENTIALS");
        if (envKeys != null && !envKeys.isBlank()) {
            keys.addAll(StaticCredentialStore.parse(envKeys).credentials());
        }
        return new WharfConfig(
                resolvedHost,
                resolvedPort,
                resolvedTlsPort,
                pathOrNull(pick(null, env.get("WHARF_TLS_CERTIFICATE"), tlsCertificate, null)),
                pathOrNull(pick(null, env.get("WHARF_TLS_PRIVATE_KEY"), tlsPrivateKey, null)),
                expandHome(dir),
                DurabilityMode.fromConfigName(mode),
                pick(null, env.get("WHARF_HOSTNAME"), hostname, null),
                pick(null, env.get("WHARF_REGION"), region, WharfConfig.DEFAULT_REGION),
                List.copyOf(keys),
                cli.insecure() || Boolean.TRUE.equals(insecure) || "true".equals(env.get("WHARF_INSECURE")),
                limits == null ? WharfConfig.Limits.defaults() : limits.resolve(),
                sqs == null || sqs.queues() == null ? List.of() : List.copyOf(sqs.queues()),
                resolveSns(env),
                resolveKinesis(env),
                resolveCloudWatch(env),
                resolveFirehose(env),
                resolveMq(env));
    }

    /**
     * The {@code mq:} section, then {@code WHARF_MQ_PORT_BASE}, {@code WHARF_MQ_MAX_BROKERS}, {@code
     * WHARF_MQ_MEMORY_MB} and {@code WHARF_MQ_TLS} ({@code true} or {@code false}).
     */
    private WharfConfig.Mq resolveMq(Map<String, String> env) {
        WharfConfig.Mq defaults = WharfConfig.Mq.defaults();
        Integer filePortBase = mq == null ? null : mq.portBase();
        Integer fileMaxBrokers = mq == null ? null : mq.maxBrokers();
        Integer fileMemory = mq == null ? null : mq.memoryMegabytes();
        Boolean fileTls = mq == null ? null : mq.tls();
        int portBase = envInt(env, "WHARF_MQ_PORT_BASE", filePortBase == null ? defaults.portBase() : filePortBase);
        int maxBrokers =
                envInt(env, "WHARF_MQ_MAX_BROKERS", fileMaxBrokers == null ? defaults.maxBrokers() : fileMaxBrokers);
        int memory = envInt(env, "WHARF_MQ_MEMORY_MB", fileMemory == null ? defaults.memoryMegabytes() : fileMemory);
        boolean tls = fileTls == null ? defaults.tls() : fileTls;
        String envTls = env.get("WHARF_MQ_TLS");
        if (envTls != null && !envTls.isBlank()) {
            tls = switch (envTls.trim()) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("WHARF_MQ_TLS must be true or false, not " + envTls);
            };
        }
        return new WharfConfig.Mq(portBase, maxBrokers, memory, tls);
    }

    /** A whole number from the environment, or the fallback when the variable is unset or blank. */
    private static int envInt(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not " + value);
        }
    }

    /**
     * The {@code cloudwatch:} section, then {@code WHARF_CLOUDWATCH_SERVICE_METRICS_SECONDS} and {@code WHARF_METRICS}
     * ({@code true} or {@code false}).
     */
    private WharfConfig.CloudWatch resolveCloudWatch(Map<String, String> env) {
        Integer fileSeconds = cloudwatch == null ? null : cloudwatch.serviceMetricsSeconds();
        int seconds = fileSeconds == null ? WharfConfig.CloudWatch.defaults().serviceMetricsSeconds() : fileSeconds;
        String envSeconds = env.get("WHARF_CLOUDWATCH_SERVICE_METRICS_SECONDS");
        if (envSeconds != null && !envSeconds.isBlank()) {
            try {
                seconds = Integer.parseInt(envSeconds.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "WHARF_CLOUDWATCH_SERVICE_METRICS_SECONDS must be a number of seconds, not " + envSeconds);
            }
        }
        Boolean fileMetrics = cloudwatch == null ? null : cloudwatch.metrics();
        boolean metrics = fileMetrics == null || fileMetrics;
        String envMetrics = env.get("WHARF_METRICS");
        if (envMetrics != null && !envMetrics.isBlank()) {
            metrics = switch (envMetrics.trim()) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("WHARF_METRICS must be true or false, not " + envMetrics);
            };
        }
        return new WharfConfig.CloudWatch(seconds, metrics);
    }

    /** The {@code kinesis:} section, then {@code WHARF_KINESIS_THROUGHPUT_LIMITS} ({@code true} or {@code false}). */
    private WharfConfig.Kinesis resolveKinesis(Map<String, String> env) {
        String limits = env.get("WHARF_KINESIS_THROUGHPUT_LIMITS");
        if (limits != null && !limits.isBlank()) {
            if (!limits.equals("true") && !limits.equals("false")) {
                throw new IllegalArgumentException(
                        "WHARF_KINESIS_THROUGHPUT_LIMITS must be true or false, not " + limits);
            }
            return new WharfConfig.Kinesis(limits.equals("true"));
        }
        Boolean file = kinesis == null ? null : kinesis.throughputLimits();
        return file == null ? WharfConfig.Kinesis.defaults() : new WharfConfig.Kinesis(file);
    }

    /**
     * The {@code sns:} section, then {@code WHARF_SNS_LAMBDA} ({@code ARN=URL} pairs, comma-separated, which add to
     * and replace the file's), {@code WHARF_SNS_HTTPS_TRUSTED_CERTIFICATES}, {@code WHARF_SNS_HTTPS_TRUST_ALL} and the
     * {@code WHARF_SNS_SMTP_*} settings of the mail relay, and the webhooks.
     */
    private WharfConfig.Sns resolveSns(Map<String, String> env) {
        Map<String, String> lambda = new java.util.LinkedHashMap<>();
        if (sns != null && sns.lambda() != null) {
            lambda.putAll(sns.lambda());
        }
        String envLambda = env.get("WHARF_SNS_LAMBDA");
        if (envLambda != null && !envLambda.isBlank()) {
            for (String pair : envLambda.split(",")) {
                int equals = pair.indexOf('=');
                if (equals < 0) {
                    throw new IllegalArgumentException(
                            "WHARF_SNS_LAMBDA: expected FUNCTION_ARN=INVOKE_URL, got " + pair.strip());
                }
                lambda.put(
                        pair.substring(0, equals).strip(),
                        pair.substring(equals + 1).strip());
            }
        }
        Https https = sns == null ? null : sns.https();
        String certificates = pick(
                null,
                env.get("WHARF_SNS_HTTPS_TRUSTED_CERTIFICATES"),
                https == null ? null : https.trustedCertificates(),
                null);
        String envTrustAll = env.get("WHARF_SNS_HTTPS_TRUST_ALL");
        boolean trustAll = envTrustAll != null && !envTrustAll.isBlank()
                ? "true".equalsIgnoreCase(envTrustAll.strip())
                : https != null && Boolean.TRUE.equals(https.trustAll());
        return new WharfConfig.Sns(lambda, pathOrNull(certificates), trustAll, resolveSmtp(env), resolveWebhooks(env));
    }

    /** The {@code sns.webhooks} section, each URL overridden by {@code WHARF_SNS_SMS_WEBHOOK} or {@code _PUSH_}. */
    private SnsWebhooks resolveWebhooks(Map<String, String> env) {
        Webhooks file = sns == null ? null : sns.webhooks();
        String sms = pick(null, env.get("WHARF_SNS_SMS_WEBHOOK"), file == null ? null : file.sms(), null);
        String push = pick(null, env.get("WHARF_SNS_PUSH_WEBHOOK"), file == null ? null : file.push(), null);
        try {
            return new SnsWebhooks(webhookUrl(sms), webhookUrl(push));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sns.webhooks: " + e.getMessage());
        }
    }

    private static java.net.@Nullable URI webhookUrl(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            return new java.net.URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
    }

    /**
     * The mail relay, or null when neither the file nor {@code WHARF_SNS_SMTP_HOST} names a host. Each setting of
     * {@code WHARF_SNS_SMTP_HOST}, {@code _PORT}, {@code _SECURITY}, {@code _USERNAME}, {@code _PASSWORD} and
     * {@code _FROM} overrides the file's.
     */
    private @Nullable SmtpRelay resolveSmtp(Map<String, String> env) {
        Smtp smtp = sns == null ? null : sns.smtp();
        String host = pick(null, env.get("WHARF_SNS_SMTP_HOST"), smtp == null ? null : smtp.host(), null);
        if (host == null || host.isBlank()) {
            return null;
        }
        SmtpRelay.Security security;
        try {
            security = SmtpRelay.Security.of(
                    pick(null, env.get("WHARF_SNS_SMTP_SECURITY"), smtp == null ? null : smtp.security(), "none"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sns.smtp.security: " + e.getMessage());
        }
        int port = pickInt(
                null, env.get("WHARF_SNS_SMTP_PORT"), smtp == null ? null : smtp.port(), security.defaultPort());
        int timeoutSeconds = smtp == null || smtp.timeoutSeconds() == null
                ? (int) SmtpRelay.DEFAULT_TIMEOUT.toSeconds()
                : smtp.timeoutSeconds();
        try {
            return new SmtpRelay(
                    host.strip(),
                    port,
                    security,
                    pick(null, env.get("WHARF_SNS_SMTP_USERNAME"), smtp == null ? null : smtp.username(), null),
                    pick(null, env.get("WHARF_SNS_SMTP_PASSWORD"), smtp == null ? null : smtp.password(), null),
                    pick(
                            null,
                            env.get("WHARF_SNS_SMTP_FROM"),
                            smtp == null ? null : smtp.from(),
                            SmtpRelay.DEFAULT_FROM),
                    java.time.Duration.ofSeconds(timeoutSeconds));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sns.smtp: " + e.getMessage());
        }
    }

    @SuppressWarnings("NullAway") // The fallback decides nullness: non-null fallbacks give non-null results.
    private static String pick(
            @Nullable String cli, @Nullable String env, @Nullable String file, @Nullable String fallback) {
        if (cli != null) {
            return cli;
        }
        if (env != null && !env.isBlank()) {
            return env;
        }
        return file != null ? file : fallback;
    }

    private static int pickInt(@Nullable Integer cli, @Nullable String env, @Nullable Integer file, int fallback) {
        if (cli != null) {
            return cli;
        }
        if (env != null && !env.isBlank()) {
            try {
                return Integer.parseInt(env.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port number: " + env);
            }
        }
        return file != null ? file : fallback;
    }

    private static @Nullable Path pathOrNull(@Nullable String path) {
        return path == null ? null : expandHome(path);
    }

    private static Path expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + path.substring(1));
        }
        return Path.of(path);
    }
}
