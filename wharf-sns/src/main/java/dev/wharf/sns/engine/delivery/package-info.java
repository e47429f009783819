/**
 * Amazon SNS delivery policies: the {@code DeliveryPolicy} attributes of topics and subscriptions, the effective
 * policy that merges them with AWS's defaults, the retry schedules they describe, the throttle that spaces deliveries,
 * and what an HTTP/S endpoint's answer means. Pure logic: no I/O, and time only from an injected clock.
 */
@NullMarked
package dev.wharf.sns.engine.delivery;

import org.jspecify.annotations.NullMarked;
