package dev.wharf.sns.engine.filter;

import static dev.wharf.sns.engine.filter.FilterPolicyValidationTest.error;
import static dev.wharf.sns.engine.filter.FilterPolicyValidationTest.subscribeError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.sns.engine.filter.FilterPolicy.Operation;
import dev.wharf.sns.engine.filter.FilterPolicy.Scope;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** AWS's constraints on a policy (keys, combinations, nesting by scope, size) and the bounds that Wharf adds. */
class FilterPolicyLimitsTest {

    private static final String SUBSCRIBE = "Invalid parameter: Attributes Reason: FilterPolicy: ";
    private static final String SET = "Invalid parameter: FilterPolicy: ";
    private static final String TOO_COMPLEX = "Filter policy is too complex";

    private static String values(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"value" + i + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static FilterPolicy body(String json) {
        return FilterPolicy.parse(json, Scope.MessageBody);
    }

    @Test
    void aPolicyMayHaveFiveKeysButNotSix() {
        StringJoiner five = new StringJoiner(",", "{", "}");
        for (int i = 1; i <= 5; i++) {
            five.add("\"key" + i + "\":[\"value" + i + "\"]");
        }
        assertThat(FilterPolicy.parse(five.toString(), Scope.MessageAttributes).branchCount())
                .isEqualTo(1);
        String six = five.toString().replace("}", ",\"key6\":[\"value6\"]}");
        assertThat(subscribeError(six)).isEqualTo(SUBSCRIBE + "Filter policy can not have more than 5 keys");
        assertThat(error(six, Scope.MessageBody, Operation.SetSubscriptionAttributes))
                .isEqualTo(SET + "Filter policy can not have more than 5 keys");
    }

    @Test
    void onlyTopLevelKeysCountAndOrCountsAsOne() {
        String nested = "{\"a\":{\"b1\":[1],\"b2\":[1],\"b3\":[1],\"b4\":[1],\"b5\":[1],\"b6\":[1]}}";
        assertThat(body(nested).branchCount()).isEqualTo(1);
        String or = "{\"k1\":[1],\"k2\":[1],\"k3\":[1],\"k4\":[1],\"$or\":[{\"k5\":[1]},{\"k6\":[1]}]}";
        assertThat(body(or).branchCount()).isEqualTo(2);
    }

    @Test
    void aRepeatedKeyCountsOnce() {
        String repeated = "{\"a\":[1],\"a\":[2],\"b\":[1],\"c\":[1],\"d\":[1],\"e\":[1]}";
        assertThat(FilterPolicy.parse(repeated, Scope.MessageAttributes).branchCount())
                .isEqualTo(1);
    }

    @Test
    void combinationsMultiplyTheValuesOfEveryKey() {
        assertThat(PolicyTree.combinations(PolicyParser.parse(
                        "{\"key_a\":[\"value_one\",\"value_two\",\"value_three\"],\"key_b\":[\"value_one\"],"
                                + "\"key_c\":[\"value_one\",\"value_two\"]}")))
                .isEqualTo(6);
        assertThat(subscribeError("{\"key\":" + values(151) + "}")).isEqualTo(SUBSCRIBE + TOO_COMPLEX);
        assertThat(subscribeError("{\"key1\":" + values(100) + ",\"key2\":" + values(51) + "}"))
                .isEqualTo(SUBSCRIBE + TOO_COMPLEX);
        assertThat(FilterPolicy.parse("{\"key\":" + values(150) + "}", Scope.MessageAttributes)
                        .branchCount())
                .isEqualTo(1);
    }

    @Test
    void nestedKeysMultiplyTheirValuesByTheirDepth() {
        // The developer guide's example: 3 x 4 x 2 x 3 = 72.
        String guide =
                "{\"key_a\":{\"key_b\":{\"key_c\":[\"value_one\",\"value_two\",\"value_three\",\"value_four\"]}},"
                        + "\"key_d\":{\"key_e\":[\"value_one\",\"value_two\",\"value_three\"]}}";
        assertThat(PolicyTree.combinations(PolicyParser.parse(guide))).isEqualTo(72);
        // With a third key of three values, 3 x 4 x 2 x 3 x 1 x 3 = 216, which AWS refuses.
        String more =
                guide.substring(0, guide.length() - 1) + ",\"key_f\":[\"value_one\",\"value_two\",\"value_three\"]}";
        assertThat(PolicyTree.combinations(PolicyParser.parse(more))).isEqualTo(151);
        assertThat(error(more, Scope.MessageBody, Operation.SetSubscriptionAttributes))
                .isEqualTo(SET + TOO_COMPLEX);
    }

    @Test
    void theAlternativesOfOrAddUp() {
        // AWS's own cases: 4 x 6 + 4 x 4 x 4 + 4 x 4 x 4 = 152 is refused, 3 x 6 + 3 x 4 x 4 + 3 x 4 x 7 = 150 is not.
        String flat = "{\"source\":[\"aws.cloudwatch\",\"aws.events\",\"aws.test\",\"aws.test2\"],\"$or\":["
                + "{\"metricName\":[\"CPUUtilization\",\"ReadLatency\",\"t1\",\"t2\",\"t3\",\"t4\"]},"
                + "{\"metricType\":[\"MetricType\",\"TestType\",\"TestType2\",\"TestType3\"],"
                + "\"$or\":[{\"metricId\":[1234,4321,5678,9012]},{\"spaceId\":[1,2,3,4]}]}]}";
        assertThat(PolicyTree.combinations(PolicyParser.parse(flat))).isEqualTo(151);
        assertThat(subscribeError(flat)).isEqualTo(SUBSCRIBE + TOO_COMPLEX);
        String limit = "{\"source\":[\"aws.cloudwatch\",\"aws.events\",\"aws.test\"],\"$or\":["
                + "{\"metricName\":[\"CPUUtilization\",\"ReadLatency\",\"TestVal\",\"TestVal2\",\"TestVal3\","
                + "\"TestVal4\"]},{\"metricType\":[\"MetricType\",\"TestType\",\"TestType2\",\"TestType3\"],"
                + "\"$or\":[{\"metricId\":[1234,4321,5678,9012]},{\"spaceId\":[1,2,3,4,5,6,7]}]}]}";
        assertThat(PolicyTree.combinations(PolicyParser.parse(limit))).isEqualTo(150);
        assertThat(FilterPolicy.parse(limit, Scope.MessageAttributes, Operation.Subscribe)
                        .branchCount())
                .isEqualTo(3);
    }

    @Test
    void orAlternativesKeepTheDepthOfTheObjectThatHoldsThem() {
        // AWS's own case: (3 + 2) x (2 x 2) x (2 x 1 + 2 x 3) = 160, refused.
        String nested = "{\"$or\":[{\"metricName\":[\"CPUUtilization\",\"ReadLatency\",\"TestValue\"]},"
                + "{\"namespace\":[\"AWS/EC2\",\"AWS/ES\"]}],\"detail\":{\"scope\":[\"Service\",\"Test\"],"
                + "\"$or\":[{\"source\":[\"aws.cloudwatch\"]},{\"type\":[\"CloudWatch Alarm State Change\","
                + "\"TestValue\",\"TestValue2\"]}]}}";
        assertThat(PolicyTree.combinations(PolicyParser.parse(nested))).isEqualTo(151);
        assertThat(error(nested, Scope.MessageBody, Operation.Subscribe)).isEqualTo(SUBSCRIBE + TOO_COMPLEX);
    }

    @Test
    void combinationsAreCountedWithoutExpandingTheOrs() {
        // Thirty nested $or of two alternatives each would be 2^30 branches; counting them takes no time.
        String policy = "{\"a\":[1]}";
        for (int i = 0; i < 30; i++) {
            policy = "{\"$or\":[" + policy + "," + policy.replace("\"a\"", "\"b\"") + "]}";
            if (policy.length() > 100_000) {
                break;
            }
        }
        String deep = policy;
        long started = System.nanoTime();
        assertThat(PolicyTree.combinations(PolicyParser.parse(deep))).isEqualTo(151);
        assertThat(subscribeError(deep)).isEqualTo(SUBSCRIBE + TOO_COMPLEX);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void nestedPoliciesBelongToTheBodyScope() {
        String nested = "{\"object\":{\"key\":[{\"prefix\":\"auto-\"}]}}";
        assertThat(error(nested, Scope.MessageAttributes, Operation.SetSubscriptionAttributes))
                .isEqualTo(
                        "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy");
        assertThat(error(nested, Scope.MessageAttributes, Operation.Subscribe))
                .isEqualTo(
                        "Invalid parameter: Attributes Reason: Filter policy scope MessageAttributes does not support "
                                + "nested filter policy");
        assertThat(error("{\"$or\":[{\"a\":[1]},{\"b\":{\"c\":[1]}}]}", Scope.MessageAttributes, Operation.Subscribe))
                .endsWith("does not support nested filter policy");
        assertThat(body(nested).branchCount()).isEqualTo(1);
        assertThat(FilterPolicy.parse("{\"$or\":[{\"a\":[1]},{\"b\":[1]}]}", Scope.MessageAttributes)
                        .branchCount())
                .isEqualTo(2);
    }

    @Test
    void syntaxErrorsComeBeforeTheScopeCheck() {
        // AWS answers a nested value that is no array with its parser's error, not with the scope's.
        assertThat(subscribeError("{\"key\":{\"suffix\":\"value\"}}")).startsWith(SUBSCRIBE + "\"suffix\" must be");
    }

    @Test
    void aPolicyMayHave256KilobytesButNoMore() {
        String key = "{\"key\":[\"";
        String end = "\"]}";
        String largest = key + "x".repeat(256 * 1024 - key.length() - end.length()) + end;
        assertThat(FilterPolicy.parse(largest, Scope.MessageAttributes).branchCount())
                .isEqualTo(1);
        String larger = key + "x".repeat(256 * 1024 - key.length() - end.length() + 1) + end;
        assertThat(subscribeError(larger)).isEqualTo(SUBSCRIBE + "Filter policy is too large");
        // The size is counted in UTF-8 bytes.
        String multibyte = key + "é".repeat(128 * 1024) + end;
        assertThat(subscribeError(multibyte)).isEqualTo(SUBSCRIBE + "Filter policy is too large");
        assertThat(subscribeError("x".repeat(10_000_000))).isEqualTo(SUBSCRIBE + "Filter policy is too large");
    }

    @Test
    void policiesNestedBeyondWhatCanStayWithinTheLimitAreTooComplex() {
        String deep = "{\"a\":".repeat(600) + "[1]" + "}".repeat(600);
        assertThat(error(deep, Scope.MessageBody, Operation.Subscribe)).isEqualTo(SUBSCRIBE + TOO_COMPLEX);
        String deepArrays = "{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}";
        assertThat(subscribeError(deepArrays)).isEqualTo(SUBSCRIBE + TOO_COMPLEX);
    }

    @Test
    void aBranchMayTestAtMostSixtyFourProperties() {
        StringJoiner many = new StringJoiner(",", "{\"$or\":[{", "},{\"z\":[1]}]}");
        for (int i = 0; i < 64; i++) {
            many.add("\"k" + i + "\":[1]");
        }
        assertThat(FilterPolicy.parse(many.toString(), Scope.MessageAttributes).branchCount())
                .isEqualTo(2);
        String tooMany = many.toString().replace("\"k0\":[1]", "\"k0\":[1],\"k64\":[1]");
        assertThat(subscribeError(tooMany)).isEqualTo(SUBSCRIBE + TOO_COMPLEX);
    }
}
