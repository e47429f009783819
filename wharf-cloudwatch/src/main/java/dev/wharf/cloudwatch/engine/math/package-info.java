/**
 * CloudWatch metric math: the parser and evaluator of GetMetricData's {@code Expression}, as AWS documents it in
 * "Using metric math". {@link dev.wharf.cloudwatch.engine.math.MetricMath#parse} is the entry point;
 * {@code docs/METRIC-MATH.md} says what is supported, the bounds, and the choices made where AWS's guide is silent.
 */
@NullMarked
package dev.wharf.cloudwatch.engine.math;

import org.jspecify.annotations.NullMarked;
