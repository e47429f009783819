package dev.wharf.sns.engine.delivery;

import java.time.Duration;

/**
 * When each delivery attempt of a message to one subscription starts: attempt 0 is the first delivery and starts at
 * once, and attempt n (n >= 1) is retry n, made after the delay its phase gives it. A delay counts from the end of the
 * failed attempt before it, as AWS documents for a request that times out.
 *
 * <p>The schedule is deterministic: AWS adds jitter to its retries, Wharf does not, so that tests can name the instant
 * of every attempt.
 *
 * @param policy the retry policy the schedule follows
 */
public record RetrySchedule(RetryPolicy policy) {

    /** The phase of the schedule an attempt belongs to, in the order they run. */
    public enum Phase {
        /** Attempt 0, the delivery itself. */
        INITIAL,
        /** Retries made at once, with no delay. */
        IMMEDIATE,
        /** Retries after {@code minDelayTarget} each. */
        PRE_BACKOFF,
        /** Retries whose delay climbs from {@code minDelayTarget} to {@code maxDelayTarget} on the backoff curve. */
        BACKOFF,
        /** Retries after {@code maxDelayTarget} each. */
        POST_BACKOFF
    }

    /**
     * AWS's schedule for the endpoints it manages (Amazon SQS, AWS Lambda, Amazon Data Firehose): 3 retries at once, 2
     * one second apart, 10 on exponential backoff from 1 to 20 seconds, then 100,000 twenty seconds apart — 100,015
     * retries over about 23 days. Customers cannot change it.
     */
    public static final RetrySchedule AWS_MANAGED_ENDPOINTS =
            new RetrySchedule(new RetryPolicy(1, 20, 100_015, 3, 2, 100_000, BackoffFunction.EXPONENTIAL));

    /**
     * AWS's schedule for the customer endpoints it does not let customers tune (SMTP, SMS, mobile push): no retry at
     * once, 2 ten seconds apart, 10 on exponential backoff from 10 to 600 seconds, then 38 six hundred seconds apart —
     * 50 retries over about 6 hours. AWS also uses it for Firehose's throttling errors.
     */
    public static final RetrySchedule CUSTOMER_MANAGED_ENDPOINTS =
            new RetrySchedule(new RetryPolicy(10, 600, 50, 0, 2, 38, BackoffFunction.EXPONENTIAL));

    /** AWS's default schedule for HTTP/S endpoints: 3 retries 20 seconds apart. */
    public static final RetrySchedule HTTP_DEFAULT = new RetrySchedule(RetryPolicy.HTTP_DEFAULT);

    /** Every attempt the schedule makes: the first delivery and each retry. */
    public int attempts() {
        return policy.numRetries() + 1;
    }

    /** The phase attempt {@code attempt} belongs to; attempts count from 0. */
    public Phase phaseOf(int attempt) {
        checkAttempt(attempt);
        if (attempt == 0) {
            return Phase.INITIAL;
        }
        int retry = attempt;
        if (retry <= policy.numNoDelayRetries()) {
            return Phase.IMMEDIATE;
        }
        retry -= policy.numNoDelayRetries();
        if (retry <= policy.numMinDelayRetries()) {
            return Phase.PRE_BACKOFF;
        }
        retry -= policy.numMinDelayRetries();
        return retry <= policy.numBackoffRetries() ? Phase.BACKOFF : Phase.POST_BACKOFF;
    }

    /** How long to wait after attempt {@code attempt - 1} ends before attempt {@code attempt} starts; zero for 0. */
    public Duration delayBefore(int attempt) {
        return switch (phaseOf(attempt)) {
            case INITIAL, IMMEDIATE -> Duration.ZERO;
            case PRE_BACKOFF -> Duration.ofSeconds(policy.minDelayTarget());
            case POST_BACKOFF -> Duration.ofSeconds(policy.maxDelayTarget());
            case BACKOFF -> backoffDelay(attempt - policy.numNoDelayRetries() - policy.numMinDelayRetries());
        };
    }

    /** The sum of every delay: how long the schedule waits in all, not counting the time the attempts take. */
    public Duration totalDelay() {
        Duration total = Duration.ofSeconds((long) policy.minDelayTarget() * policy.numMinDelayRetries()
                + (long) policy.maxDelayTarget() * policy.numMaxDelayRetries());
        for (int retry = 1; retry <= policy.numBackoffRetries(); retry++) {
            total = total.plus(backoffDelay(retry));
        }
        return total;
    }

    /**
     * How many attempts start within {@code budget} of the first one, if the attempts themselves took no time. AWS
     * stops retrying an HTTP/S delivery once its retries have waited {@link DeliveryLimits#HTTP_RETRY_TIME_MAX}.
     */
    public int attemptsWithin(Duration budget) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("negative budget " + budget);
        }
        Duration waited = Duration.ZERO;
        int attempts = attempts();
        for (int attempt = 1; attempt < attempts; attempt++) {
            waited = waited.plus(delayBefore(attempt));
            if (waited.compareTo(budget) > 0) {
                return attempt;
            }
        }
        return attempts;
    }

    private Duration backoffDelay(int retry) {
        double seconds = policy.backoffFunction()
                .delaySeconds(policy.minDelayTarget(), policy.maxDelayTarget(), retry, policy.numBackoffRetries());
        // Whole milliseconds: rounding keeps the curve's order, so the delays still never fall.
        return Duration.ofMillis(Math.round(seconds * 1000.0));
    }

    private void checkAttempt(int attempt) {
        if (attempt < 0 || attempt >= attempts()) {
            throw new IllegalArgumentException("attempt " + attempt + " is outside [0, " + attempts() + ")");
        }
    }
}
