package dev.wharf.server;

import dev.wharf.protocol.sigv4.Credential;
import dev.wharf.sns.engine.SnsWebhooks;
import dev.wharf.sns.engine.endpoint.SmtpRelay;
import dev.wharf.storage.DurabilityMode;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The server's settings, after the config file, the {@code WHARF_*} environment and the command line are merged.
 *
 * @param host the address to bind
 * @param port the HTTP port; 0 picks a free one
 * @param tlsPort the HTTPS port, or -1 for none; 0 picks a free one
 * @param tlsCertificate a PEM certificate chain for HTTPS, or null to generate a self-signed one in the data directory
 * @param tlsPrivateKey the PEM private key of {@code tlsCertificate}
 * @param dataDir where the embedded store keeps its files
 * @param storage the durability mode
 * @param hostname the host that queue URLs name, or null to follow each request's Host header
 * @param region the region that ARNs name
 * @param credentials the accepted access keys; empty accepts any well-formed signature
 * @param insecure whether to start without credentials on a non-loopback address
 * @param limits the transport's bounds
 * @param queues queues to create at start
 * @param sns how SNS reaches endpoints outside the server
 * @param kinesis how Kinesis Data Streams behaves where AWS gives no choice but tests want one
 * @param cloudWatch how often Wharf's own services publish their AWS/ metrics
 * @param firehose the tables that Firehose's format conversion may name
 * @param mq where and how Amazon MQ's brokers run
 */
public record WharfConfig(
        String host,
        int port,
        int tlsPort,
        @Nullable Path tlsCertificate,
        @Nullable Path tlsPrivateKey,
        Path dataDir,
        DurabilityMode storage,
        @Nullable String hostname,
        String region,
        List<Credential> credentials,
        boolean insecure,
        Limits limits,
        List<QueueDefinition> queues,
        Sns sns,
        Kinesis kinesis,
        CloudWatch cloudWatch,
        Firehose firehose,
        Mq mq) {

    /** Settings with Amazon MQ's defaults: see {@link Mq#defaults()}. */
    public WharfConfig(
            String host,
            int port,
            int tlsPort,
            @Nullable Path tlsCertificate,
            @Nullable Path tlsPrivateKey,
            Path dataDir,
            DurabilityMode storage,
            @Nullable String hostname,
            String region,
            List<Credential> credentials,
            boolean insecure,
            Limits limits,
            List<QueueDefinition> queues,
            Sns sns,
            Kinesis kinesis,
            CloudWatch cloudWatch,
            Firehose firehose) {
        this(
                host,
                port,
                tlsPort,
                tlsCertificate,
                tlsPrivateKey,
                dataDir,
                storage,
                hostname,
                region,
                credentials,
                insecure,
                limits,
                queues,
                sns,
                kinesis,
                cloudWatch,
                firehose,
                Mq.defaults());
    }

    /**
     * How Amazon MQ's brokers run.
     *
     * @param portBase the first port of the brokers' range: each broker takes a block of ten ports from here (its
     *     OpenWire, AMQP, STOMP, MQTT and WebSocket transports and its console), and an active/standby broker two
     *     blocks
     * @param maxBrokers how many brokers may exist at once (Amazon MQ's quota is 50 per region; a machine fits fewer)
     * @param memoryMegabytes each broker's memory limit for messages in flight (its {@code memoryUsage}); its store
     *     and temporary-store limits stay at 1 GiB and 256 MiB
     * @param tls whether the brokers' transports and consoles take TLS only ({@code ssl://}, {@code amqp+ssl://},
     *     {@code stomp+ssl://}, {@code mqtt+ssl://}, {@code wss://} and an HTTPS console) with Wharf's certificate, as
     *     Amazon MQ's endpoints do; off by default, so that local clients connect without a trust store
     */
    public record Mq(int portBase, int maxBrokers, int memoryMegabytes, boolean tls) {
        /** The most brokers one Wharf may hold. */
        public static final int MAX_BROKERS = 200;

        public Mq {
            if (maxBrokers < 1 || maxBrokers > MAX_BROKERS) {
                throw new IllegalArgumentException(
                        "mq.maxBrokers must be between 1 and " + MAX_BROKERS + ", not " + maxBrokers);
            }
            long last = portBase + (long) maxBrokers * 2 * dev.wharf.mq.engine.MqSettings.PORTS_PER_BLOCK;
            if (portBase < 1024 || last > 65_535) {
                throw new IllegalArgumentException("mq.portBase " + portBase + " with " + maxBrokers
                        + " brokers needs ports up to " + last + ", outside 1024-65535");
            }
            if (memoryMegabytes < 1 || memoryMegabytes > 4096) {
                throw new IllegalArgumentException(
                        "mq.memoryMegabytes must be between 1 and 4096, not " + memoryMegabytes);
            }
        }

        /** Ports from 62000, twenty brokers, 64 MiB of messages in memory each, plain transports. */
        public static Mq defaults() {
            return new Mq(62_000, 20, 64, false);
        }
    }

    /** These settings with Amazon MQ's replaced. */
    public WharfConfig withMq(Mq replacement) {
        return new WharfConfig(
                host,
                port,
                tlsPort,
                tlsCertificate,
                tlsPrivateKey,
                dataDir,
                storage,
                hostname,
                region,
                credentials,
                insecure,
                limits,
                queues,
                sns,
                kinesis,
                cloudWatch,
                firehose,
                replacement);
    }

    /** Settings with Firehose's defaults: no tables for format conversion. */
    public WharfConfig(
            String host,
            int port,
            int tlsPort,
            @Nullable Path tlsCertificate,
            @Nullable Path tlsPrivateKey,
            Path dataDir,
            DurabilityMode storage,
            @Nullable String hostname,
            String region,
            List<Credential> credentials,
            boolean insecure,
            Limits limits,
            List<QueueDefinition> queues,
            Sns sns,
            Kinesis kinesis,
            CloudWatch cloudWatch) {
        this(
                host,
                port,
                tlsPort,
                tlsCertificate,
                tlsPrivateKey,
                dataDir,
                storage,
                hostname,
                region,
                credentials,
                insecure,
                limits,
                queues,
                sns,
                kinesis,
                cloudWatch,
                Firehose.defaults());
    }

    /**
     * How Firehose behaves where AWS has a service Wharf does not.
     *
     * @param tables the tables that format conversion (DataFormatConversionConfiguration) may name, in place of the
     *     Glue Data Catalog: each {@code database.table} with its columns as a Glue/Hive type string, such as {@code
     *     struct<id:int,name:string,tags:array<string>>}
     * @param buckets S3-compatible buckets outside Wharf (the user's MinIO, Ceph or real S3), by bucket name: a
     *     delivery stream whose BucketARN names one writes there, with that bucket's endpoint and credentials, rather
     *     than into Wharf's own S3
     * @param throughputQuota whether PutRecord and PutRecordBatch are held to AWS's per-stream Direct PUT quota (5 MiB,
     *     2,000 requests and 500,000 records a second in us-east-1, us-west-2 and eu-west-1; 1 MiB, 1,000 requests and
     *     100,000 records elsewhere), as on AWS
     * @param redshiftClusters where Redshift destinations load: the PostgreSQL {@code host:port} for a cluster's {@code
     *     host:port} as a ClusterJDBCURL names it; a cluster not named is loaded at its own address
     */
    public record Firehose(
            Map<String, String> tables,
            Map<String, ExternalBucket> buckets,
            boolean throughputQuota,
            Map<String, String> redshiftClusters) {
        /** @throws IllegalArgumentException naming a table, or a Redshift cluster mapping, that is not valid */
        public Firehose {
            tables = Map.copyOf(tables);
            buckets = Map.copyOf(buckets);
            redshiftClusters = Map.copyOf(redshiftClusters);
            // Checked now, so that a bad table stops the server at start rather than at the first Firehose request.
            dev.wharf.firehose.engine.FirehoseConfig.DEFAULT.withTables(tables).withRedshiftClusters(redshiftClusters);
        }

        /** Tables, buckets and the throughput quota, with every Redshift cluster loaded at its own address. */
        public Firehose(Map<String, String> tables, Map<String, ExternalBucket> buckets, boolean throughputQuota) {
            this(tables, buckets, throughputQuota, Map.of());
        }

        /** These settings with this mapping of Redshift clusters (replacing any). */
        public Firehose withRedshiftClusters(Map<String, String> hostPortByCluster) {
            return new Firehose(tables, buckets, throughputQuota, hostPortByCluster);
        }

        /** Tables for format conversion, every bucket Wharf's own, and AWS's throughput quota. */
        public Firehose(Map<String, String> tables) {
            this(tables, Map.of(), true);
        }

        /** Tables for format conversion, these buckets outside Wharf, and AWS's throughput quota. */
        public Firehose(Map<String, String> tables, Map<String, ExternalBucket> buckets) {
            this(tables, buckets, true);
        }

        public static Firehose defaults() {
            return new Firehose(Map.of());
        }
    }

    /**
     * An S3-compatible bucket outside Wharf that Firehose delivers into.
     *
     * @param endpoint the S3 endpoint, such as {@code http://minio.local:9000}
     * @param region the region its requests are signed for
     * @param pathStyle whether the bucket is addressed in the path ({@code endpoint/bucket/key}), as MinIO and most
     *     self-hosted stores want, rather than in the host name
     */
    public record ExternalBucket(
            URI endpoint, String region, String accessKeyId, String secretAccessKey, boolean pathStyle) {}

    /** These settings with Firehose's replaced. */
    public WharfConfig withFirehose(Firehose replacement) {
        return new WharfConfig(
                host,
                port,
                tlsPort,
                tlsCertificate,
                tlsPrivateKey,
                dataDir,
                storage,
                hostname,
                region,
                credentials,
                insecure,
                limits,
                queues,
                sns,
                kinesis,
                cloudWatch,
                replacement,
                mq);
    }

    /** Settings with CloudWatch's defaults: the services publish once a minute, as AWS's do. */
    public WharfConfig(
            String host,
            int port,
            int tlsPort,
            @Nullable Path tlsCertificate,
            @Nullable Path tlsPrivateKey,
            Path dataDir,
            DurabilityMode storage,
            @Nullable String hostname,
            String region,
            List<Credential> credentials,
            boolean insecure,
            Limits limits,
            List<QueueDefinition> queues,
            Sns sns,
            Kinesis kinesis) {
        this(
                host,
                port,
                tlsPort,
                tlsCertificate,
                tlsPrivateKey,
                dataDir,
                storage,
                hostname,
                region,
                credentials,
                insecure,
                limits,
                queues,
                sns,
                kinesis,
                CloudWatch.defaults());
    }

    /**
     * How Wharf's CloudWatch behaves where AWS gives no choice.
     *
     * @param serviceMetricsSeconds how often SQS (and the other services as they join) publish their AWS/ metrics: 60
     *     as on AWS, or a divisor of 60 (then as high-resolution data) for examples and tests that cannot wait minutes
     * @param metrics whether the services' figures are collected at all: their AWS/ metrics into CloudWatch and the
     *     requests, queues, topics and streams on {@code /metrics} (the JVM's and the store's stay). On by default;
     *     off is for measuring what they cost (the bench's {@code wharf-nometrics}) or for who wants none of them
     */
    public record CloudWatch(int serviceMetricsSeconds, boolean metrics) {
        public CloudWatch {
            if (serviceMetricsSeconds < 1 || serviceMetricsSeconds > 60 || 60 % serviceMetricsSeconds != 0) {
                throw new IllegalArgumentException(
                        "the service metrics' interval must be a divisor of 60 seconds, not " + serviceMetricsSeconds);
            }
        }

        /** The services' metrics on, published every {@code serviceMetricsSeconds}. */
        public CloudWatch(int serviceMetricsSeconds) {
            this(serviceMetricsSeconds, true);
        }

        public static CloudWatch defaults() {
            return new CloudWatch(60);
        }
    }

    /** These settings with CloudWatch's replaced. */
    public WharfConfig withCloudWatch(CloudWatch replacement) {
        return new WharfConfig(
                host,
                port,
                tlsPort,
                tlsCertificate,
                tlsPrivateKey,
                dataDir,
                storage,
                hostname,
                region,
                credentials,
                insecure,
                limits,
                queues,
                sns,
                kinesis,
                replacement,
                firehose,
                mq);
    }

    /** Settings with Kinesis's defaults: per-shard throughput limits on, as on AWS. */
    public WharfConfig(
            String host,
            int port,
            int tlsPort,
            @Nullable Path tlsCertificate,
            @Nullable Path tlsPrivateKey,
            Path dataDir,
            DurabilityMode storage,
            @Nullable String hostname,
            String region,
            List<Credential> credentials,
            boolean insecure,
            Limits limits,
            List<QueueDefinition> queues,
            Sns sns) {
        this(
                host,
                port,
                tlsPort,
                tlsCertificate,
                tlsPrivateKey,
                dataDir,
                storage,
                hostname,
                region,
                credentials,
                insecure,
                limits,
                queues,
                sns,
                Kinesis.defaults());
    }

    /** These settings with Kinesis's replaced. */
    public WharfConfig withKinesis(Kinesis replacement) {
        return new WharfConfig(
                host,
                port,
                tlsPort,
                tlsCertificate,
                tlsPrivateKey,
                dataDir,
                storage,
                hostname,
                region,
                credentials,
                insecure,
                limits,
                queues,
                sns,
                replacement,
                cloudWatch,
                firehose,
                mq);
    }

    /**
     * How Kinesis Data Streams behaves.
     *
     * @param throughputLimits whether each shard is held to AWS's per-shard limits (1 MiB and 1,000 records a second
     *     written, 2 MiB and 5 calls a second read), as it is on AWS; off for load tests of Wharf itself
     */
    public record Kinesis(boolean throughputLimits) {
        public static Kinesis defaults() {
            return new Kinesis(true);
        }
    }

    /** Settings with SNS's defaults: no Lambda functions, and HTTPS endpoints trusted as the JDK trusts them. */
    public WharfConfig(
            String host,
            int port,
            int tlsPort,
            @Nullable Path tlsCertificate,
            @Nullable Path tlsPrivateKey,
            Path dataDir,
            DurabilityMode storage,
            @Nullable String hostname,
            String region,
            List<Credential> credentials,
            boolean insecure,
            Limits limits,
            List<QueueDefinition> queues) {
        this(
                host,
                port,
                tlsPort,
                tlsCertificate,
                tlsPrivateKey,
                dataDir,
                storage,
                hostname,
                region,
                credentials,
                insecure,
                limits,
                queues,
                Sns.defaults());
    }

    /**
     * How SNS reaches endpoints outside the server.
     *
     * @param lambda the invoke URL of each Lambda function ARN that subscriptions (and Firehose's Lambda processors) may
     *     name, such as the Lambda Runtime
     *     Interface Emulator's {@code http://localhost:9000/2015-03-31/functions/function/invocations}
     * @param httpsTrustedCertificates a PEM file of certificates that HTTPS endpoints may present besides those the
     *     JDK's certificate authorities issued (a local test server's self-signed one), or null
     * @param httpsTrustAll whether to accept any certificate and host name from HTTPS endpoints: for local testing
     *     only, never where the network is not yours
     * @param smtp the relay that email and email-json subscriptions' mails go through, or null for none
     * @param webhooks where SMS and push notifications are forwarded besides their outboxes
     */
    public record Sns(
            Map<String, String> lambda,
            @Nullable Path httpsTrustedCertificates,
            boolean httpsTrustAll,
            @Nullable SmtpRelay smtp,
            SnsWebhooks webhooks) {

        /** No SMTP relay and no webhooks. */
        public Sns(Map<String, String> lambda, @Nullable Path httpsTrustedCertificates, boolean httpsTrustAll) {
            this(lambda, httpsTrustedCertificates, httpsTrustAll, null);
        }

        /** No webhooks. */
        public Sns(
                Map<String, String> lambda,
                @Nullable Path httpsTrustedCertificates,
                boolean httpsTrustAll,
                @Nullable SmtpRelay smtp) {
            this(lambda, httpsTrustedCertificates, httpsTrustAll, smtp, SnsWebhooks.NONE);
        }

        public Sns {
            lambda = Map.copyOf(lambda);
            for (Map.Entry<String, String> function : lambda.entrySet()) {
                requireFunctionArn(function.getKey());
                requireHttpUrl(function.getKey(), function.getValue());
            }
        }

        public static Sns defaults() {
            return new Sns(Map.of(), null, false);
        }

        private static void requireFunctionArn(String arn) {
            String[] parts = arn.split(":", -1);
            if (parts.length < 7
                    || parts.length > 8
                    || !parts[0].equals("arn")
                    || !parts[2].equals("lambda")
                    || !parts[5].equals("function")
                    || parts[6].isEmpty()) {
                throw new IllegalArgumentException("sns.lambda: not a Lambda function ARN: " + arn
                        + " (arn:aws:lambda:REGION:ACCOUNT:function:NAME)");
            }
        }

        private static void requireHttpUrl(String arn, String url) {
            try {
                java.net.URI uri = new java.net.URI(url);
                if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new java.net.URISyntaxException(url, "not an http or https URL");
                }
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(
                        "sns.lambda: the invoke URL of " + arn + " is not an http or https URL: " + url);
            }
        }
    }

    /**
     * The transport's bounds.
     *
     * @param maxRequestBytes the largest request body; larger ones get 413
     * @param maxHeaderBytes the largest header block; larger ones get 431
     * @param maxConnections the most open connections; more get 503 and are closed
     * @param idleTimeoutSeconds how long an idle connection stays open
     * @param requestHeaderTimeoutSeconds how long a request's head may take to arrive, from its first byte (from the
     *     connection's opening for its first request); later ones get 408 and the connection is closed
     * @param requestBodyTimeoutSeconds how long a request's body may take to arrive after its head; later ones get 408
     * @param maxPendingRequestBytes the most bytes that requests not yet answered may hold, server-wide, before they are
     *     authenticated; a request that would go over gets 503 and its connection is closed
     * @param maxStreamedRequestBytes the largest body of a request that streams to its service (an S3 upload), which is
     *     never held whole; larger ones get 413
     */
    public record Limits(
            int maxRequestBytes,
            int maxHeaderBytes,
            int maxConnections,
            int idleTimeoutSeconds,
            int requestHeaderTimeoutSeconds,
            int requestBodyTimeoutSeconds,
            long maxPendingRequestBytes,
            long maxStreamedRequestBytes) {

        /** S3's largest PutObject, 5 GiB, and room for its aws-chunked framing. */
        public static final long DEFAULT_MAX_STREAMED_REQUEST_BYTES = 5L * 1024 * 1024 * 1024 + 64L * 1024 * 1024;

        /** The bounds with the default for streamed bodies. */
        public Limits(
                int maxRequestBytes,
                int maxHeaderBytes,
                int maxConnections,
                int idleTimeoutSeconds,
                int requestHeaderTimeoutSeconds,
                int requestBodyTimeoutSeconds,
                long maxPendingRequestBytes) {
            this(
                    maxRequestBytes,
                    maxHeaderBytes,
                    maxConnections,
                    idleTimeoutSeconds,
                    requestHeaderTimeoutSeconds,
                    requestBodyTimeoutSeconds,
                    maxPendingRequestBytes,
                    DEFAULT_MAX_STREAMED_REQUEST_BYTES);
        }

        public Limits {
            requirePositive("maxRequestBytes", maxRequestBytes);
            requirePositive("maxHeaderBytes", maxHeaderBytes);
            requirePositive("maxConnections", maxConnections);
            requirePositive("idleTimeoutSeconds", idleTimeoutSeconds);
            requirePositive("requestHeaderTimeoutSeconds", requestHeaderTimeoutSeconds);
            requirePositive("requestBodyTimeoutSeconds", requestBodyTimeoutSeconds);
            requirePositive("maxPendingRequestBytes", maxPendingRequestBytes);
            requirePositive("maxStreamedRequestBytes", maxStreamedRequestBytes);
            if (maxPendingRequestBytes < maxRequestBytes) {
                throw new IllegalArgumentException("limits.maxPendingRequestBytes (" + maxPendingRequestBytes
                        + ") must be at least limits.maxRequestBytes (" + maxRequestBytes + ")");
            }
        }

        public static Limits defaults() {
            // 1 MiB messages grow by up to three times when form-encoded; 8 MiB leaves room for a full batch.
            // A head gets 20 s, as Apache's mod_reqtimeout allows at first; a body 60 s, 8 MiB at about 1 Mbit/s.
            // 64 MiB of pending requests is eight maximal ones at once, or about twenty form-encoded 1 MiB sends:
            // what clients that have not been authenticated yet can make the server hold stays small next to it.
            return new Limits(8 * 1024 * 1024, 16 * 1024, 10_000, 120, 20, 60, 64L * 1024 * 1024);
        }

        private static void requirePositive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("limits." + name + " must be positive, not " + value);
            }
        }
    }

    /** A queue that the server creates at start if it does not exist. */
    public record QueueDefinition(
            String name,
            @Nullable String accountId,
            @Nullable Map<String, String> attributes,
            @Nullable Map<String, String> tags) {}

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 4566;
    public static final String DEFAULT_REGION = "us-east-1";

    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".wharf", "data");
    }
}
