package dev.wharf.firehose.engine;

import java.util.Set;

/**
 * One Direct PUT stream's throughput quota, shared by PutRecord and PutRecordBatch as AWS's is: records, requests and
 * bytes a second, each a bucket that holds one second of its rate and refills continuously. AWS's defaults depend on
 * the region: 500,000 records, 2,000 requests and 5 MiB a second in US East (N. Virginia), US West (Oregon) and
 * Europe (Ireland), 100,000 records, 1,000 requests and 1 MiB elsewhere.
 *
 * <p>Thread-safe; each call takes the quota's own lock for a few arithmetic steps.
 */
final class PutQuota {

    /** The regions with the larger default quota. */
    private static final Set<String> LARGE = Set.of("us-east-1", "us-west-2", "eu-west-1");

    private final double recordsPerMilli;
    private final double requestsPerMilli;
    private final double bytesPerMilli;
    private final long recordsMax;
    private final long requestsMax;
    private final long bytesMax;

    private double records;
    private double requests;
    private double bytes;
    private long refilledMillis;

    /** A full quota of AWS's default size in {@code region}, as of {@code nowMillis}. */
    static PutQuota forRegion(String region, long nowMillis) {
        return LARGE.contains(region)
                ? new PutQuota(500_000, 2_000, 5L * 1024 * 1024, nowMillis)
                : new PutQuota(100_000, 1_000, 1024L * 1024, nowMillis);
    }

    PutQuota(long recordsPerSecond, long requestsPerSecond, long bytesPerSecond, long nowMillis) {
        this.recordsMax = recordsPerSecond;
        this.requestsMax = requestsPerSecond;
        this.bytesMax = bytesPerSecond;
        this.recordsPerMilli = recordsPerSecond / 1000.0;
        this.requestsPerMilli = requestsPerSecond / 1000.0;
        this.bytesPerMilli = bytesPerSecond / 1000.0;
        this.records = recordsPerSecond;
        this.requests = requestsPerSecond;
        this.bytes = bytesPerSecond;
        this.refilledMillis = nowMillis;
    }

    /**
     * Takes one request and as many of {@code sizes}' records, from the first, as the record and byte quotas hold.
     *
     * @return how many leading records were taken; -1 when the request quota is spent, and then nothing is taken
     */
    synchronized int take(long nowMillis, int[] sizes) {
        long elapsed = Math.max(0, nowMillis - refilledMillis);
        refilledMillis = Math.max(refilledMillis, nowMillis);
        records = Math.min(recordsMax, records + elapsed * recordsPerMilli);
        requests = Math.min(requestsMax, requests + elapsed * requestsPerMilli);
        bytes = Math.min(bytesMax, bytes + elapsed * bytesPerMilli);
        if (requests < 1) {
            return -1;
        }
        requests--;
        int taken = 0;
        while (taken < sizes.length && records >= 1 && bytes >= sizes[taken]) {
            records--;
            bytes -= sizes[taken];
            taken++;
        }
        return taken;
    }
}
