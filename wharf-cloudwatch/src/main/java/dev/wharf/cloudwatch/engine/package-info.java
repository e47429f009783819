/** CloudWatch's semantics: metric series and their datapoints, statistics, metric math, alarms and retention. */
@NullMarked
package dev.wharf.cloudwatch.engine;

import org.jspecify.annotations.NullMarked;
