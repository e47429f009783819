package dev.wharf.sns.engine.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.sns.engine.filter.FilterPolicy.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * Matching MessageBody policies. The cases named as AWS's are messages that AWS delivered or filtered, as LocalStack's
 * AWS-validated tests record them; the others follow the developer guide.
 */
class BodyMatchingTest {

    private static FilterPolicy policy(String json) {
        return FilterPolicy.parse(json, Scope.MessageBody);
    }

    private static List<String> delivered(String policy, List<String> bodies) {
        FilterPolicy filter = policy(policy);
        return bodies.stream().filter(filter::matchesBody).toList();
    }

    @Test
    void theGuidesPoliciesAcceptAndRejectItsExampleBody() {
        String body = "{\"customer_interests\": [\"soccer\", \"rugby\", \"hockey\"], \"store\": \"example_corp\","
                + " \"event\":\"order_placed\", \"price_usd\":210.75}";
        assertThat(policy("{\"store\":[\"example_corp\"],\"event\":[{\"anything-but\":\"order_cancelled\"}],"
                                + "\"customer_interests\":[\"rugby\",\"football\",\"baseball\"],"
                                + "\"price_usd\":[{\"numeric\":[\">=\",100]}]}")
                        .matchesBody(body))
                .isTrue();
        assertThat(policy("{\"store\":[\"example_corp\"],\"event\":[\"order_cancelled\"],\"encrypted\":[false],"
                                + "\"customer_interests\":[\"basketball\",\"baseball\"]}")
                        .matchesBody(body))
                .isFalse();
    }

    @Test
    void nestedPoliciesMirrorTheBody() {
        // AWS's case: two of these seven bodies are delivered.
        String policy = "{\"object\":{\"key\":[{\"prefix\":\"auto-\"},\"hardcodedvalue\"],"
                + "\"nested_key\":[{\"exists\":false}]},\"test\":[{\"exists\":false}]}";
        List<String> bodies = List.of(
                "{\"object\": {\"key\": \"auto-test\"}}",
                "{\"object\": {\"key\": \"hardcodedvalue\"}}",
                "{\"object\": {\"key\": \"test-auto\"}}",
                "{\"object\": {\"key\": \"auto-test\"}, \"test\": \"just-exists\"}",
                "{\"object\": {\"key\": \"auto-test\", \"nested_key\": \"just-exists\"}}",
                "{\"object\": {\"test\": \"auto-test\"}}",
                "{\"test\": \"auto-test\"}");
        assertThat(delivered(policy, bodies)).containsExactly(bodies.get(0), bodies.get(1));
    }

    @Test
    void bodiesThatAreNoJsonObjectMatchNothing() {
        FilterPolicy policy = policy("{\"test\":[{\"exists\":false}]}");
        assertThat(policy.matchesBody("Regular string message")).isFalse();
        assertThat(policy.matchesBody("\"Regular string message\"")).isFalse();
        assertThat(policy.matchesBody("[{\"a\":1}]")).isFalse();
        assertThat(policy.matchesBody("")).isFalse();
        assertThat(policy.matchesBody("{\"a\":1")).isFalse();
        assertThat(policy.matchesBody("{\"a\":1} trailing")).isFalse();
        assertThat(policy.matchesBody("{\"a\":1} {\"b\":2}")).isFalse();
        assertThat(policy.matchesBody("{\"a\":1}")).isTrue();
        assertThat(policy.matchesBody(" {} ")).isTrue();
    }

    @Test
    void dottedNamesAndNestedObjectsAreTheSamePath() {
        // AWS's case: a key with dots matches nested objects, keys with dots, and any mix of them.
        FilterPolicy two = policy("{\"object.nested\":[\"string.value\"]}");
        assertThat(two.matchesBody("{\"object\": {\"nested\": \"string.value\"}}"))
                .isTrue();
        assertThat(two.matchesBody("{\"object.nested\": \"string.value\"}")).isTrue();
        assertThat(two.matchesBody("{\"object\": {\"nested\": \"test-auto\"}}")).isFalse();
        FilterPolicy three = policy("{\"object.nested.test\":[\"string.value\"]}");
        for (String body : List.of(
                "{\"object\": {\"nested\": {\"test\": \"string.value\"}}}",
                "{\"object.nested.test\": \"string.value\"}",
                "{\"object.nested\": {\"test\": \"string.value\"}}",
                "{\"object\": {\"nested.test\": \"string.value\"}}")) {
            assertThat(three.matchesBody(body)).as(body).isTrue();
        }
        assertThat(three.matchesBody("{\"object\": {\"nested\": {\"test\": \"string.notvalue\"}}}"))
                .isFalse();
        assertThat(policy("{\"a\":{\"b.c\":[1]}}").matchesBody("{\"a\":{\"b\":{\"c\":1}}}"))
                .isTrue();
    }

    @Test
    void aPropertyMatchesWhenAnyElementOfAnArrayDoes() {
        // AWS's case: each queue receives two of the four bodies.
        List<String> bodies = List.of(
                "{\"headers\": {\"route-to\": [\"queue3\"]}}",
                "{\"headers\": {\"route-to\": [\"queue1\"]}}",
                "{\"headers\": {\"route-to\": [\"queue2\"]}}",
                "{\"headers\": {\"route-to\": [\"queue1\", \"queue2\"]}}");
        assertThat(delivered("{\"headers\":{\"route-to\":[\"queue1\"]}}", bodies))
                .containsExactly(bodies.get(1), bodies.get(3));
        assertThat(delivered("{\"headers\":{\"route-to\":[\"queue2\"]}}", bodies))
                .containsExactly(bodies.get(2), bodies.get(3));
        assertThat(policy("{\"a\":[\"x\"]}").matchesBody("{\"a\":[[\"y\",[\"x\"]]]}"))
                .isTrue();
    }

    @Test
    void anythingButMatchesABodyArrayWithAnElementThatIsNotListed() {
        FilterPolicy policy = policy("{\"customer_interests\":[{\"anything-but\":[\"rugby\",\"tennis\"]}]}");
        assertThat(policy.matchesBody("{\"customer_interests\": [\"rugby\", \"baseball\"]}"))
                .isTrue();
        assertThat(policy.matchesBody("{\"customer_interests\": [\"rugby\"]}")).isFalse();
        assertThat(policy.matchesBody("{\"customer_interests\": \"baseball\"}")).isTrue();
        assertThat(policy.matchesBody("{\"other\": \"baseball\"}")).isFalse();
        assertThat(policy("{\"price\":[{\"anything-but\":[100,500]}]}").matchesBody("{\"price\": [100, 50]}"))
                .isTrue();
    }

    @Test
    void policiesReachIntoArraysOfObjects() {
        // AWS's case, from the payload-filtering announcement: two of four S3 events are delivered.
        String policy = "{\"Records\":{\"s3\":{\"object\":{\"key\":[{\"prefix\":\"auto-\"}]}},"
                + "\"eventName\":[{\"prefix\":\"ObjectCreated:\"}]}}";
        String created = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventTime\":\"2022-11-21T03:41:29.743Z\","
                + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"insurance-bucket-demo\","
                + "\"arn\":\"arn:aws:s3:::insurance-bucket-demo\"},\"object\":{\"key\":\"auto-insurance-2314.xml\","
                + "\"size\":17}}}]}";
        String removed = created.replace("ObjectCreated:Put", "ObjectRemoved:Delete");
        String home = created.replace("auto-insurance", "home-insurance");
        String multiple = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":"
                + "{\"object\":[[{\"key\":\"auto-insurance-2314.xml\",\"size\":17}]]}},{\"eventSource\":\"aws:s3\","
                + "\"eventName\":\"ObjectRemoved:Delete\",\"s3\":{\"object\":{\"key\":\"home-insurance-2314.xml\","
                + "\"size\":17}}}]}";
        assertThat(delivered(policy, List.of(multiple, removed, home, created))).containsExactly(multiple, created);
    }

    @Test
    void valuesOfOneMatchMustComeFromTheSameArrayElement() {
        FilterPolicy policy = policy("{\"Records\":{\"eventName\":[\"ObjectCreated:Put\"],\"key\":[\"home\"]}}");
        assertThat(policy.matchesBody("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"key\":\"auto\"},"
                        + "{\"eventName\":\"ObjectRemoved:Delete\",\"key\":\"home\"}]}"))
                .isFalse();
        assertThat(policy.matchesBody("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"key\":\"auto\"},"
                        + "{\"eventName\":\"ObjectCreated:Put\",\"key\":\"home\"}]}"))
                .isTrue();
        // Scalars of one array go with anything, and so do values outside the array.
        assertThat(policy("{\"a\":[1],\"b\":{\"c\":[2]}}").matchesBody("{\"a\":[0,1],\"b\":[{\"c\":2},{\"c\":3}]}"))
                .isTrue();
        assertThat(policy("{\"r\":{\"a\":[1],\"b\":[2]}}").matchesBody("{\"r\":[{\"a\":1},{\"b\":2}]}"))
                .isFalse();
    }

    @Test
    void absenceIsJudgedWithinTheChosenArrayElement() {
        String body = "{\"r\":[{\"a\":1,\"b\":2},{\"a\":3}]}";
        assertThat(policy("{\"r\":{\"a\":[3],\"b\":[{\"exists\":false}]}}").matchesBody(body))
                .isTrue();
        assertThat(policy("{\"r\":{\"a\":[1],\"b\":[{\"exists\":false}]}}").matchesBody(body))
                .isFalse();
        assertThat(policy("{\"r\":{\"b\":[{\"exists\":false}]}}").matchesBody(body))
                .isFalse();
        assertThat(policy("{\"r\":{\"c\":[{\"exists\":false}]}}").matchesBody(body))
                .isTrue();
    }

    @Test
    void numbersMatchNumericallyAndNeverStrings() {
        FilterPolicy policy = policy("{\"price\":[100]}");
        assertThat(policy.matchesBody("{\"price\": 100}")).isTrue();
        assertThat(policy.matchesBody("{\"price\": 100.0}")).isTrue();
        assertThat(policy.matchesBody("{\"price\": 1e2}")).isTrue();
        assertThat(policy.matchesBody("{\"price\": \"100\"}")).isFalse();
        assertThat(policy("{\"price\":[\"100\"]}").matchesBody("{\"price\": 100}"))
                .isFalse();
        FilterPolicy range = policy("{\"price_usd\":[{\"numeric\":[\">\",0,\"<=\",150]}]}");
        assertThat(range.matchesBody("{\"price_usd\": 150}")).isTrue();
        assertThat(range.matchesBody("{\"price_usd\": 3.015e2}")).isFalse();
        assertThat(policy("{\"p\":[{\"numeric\":[\"=\",301.5]}]}").matchesBody("{\"p\": 3.015e2}"))
                .isTrue();
    }

    @Test
    void booleansMatchOnlyBooleans() {
        FilterPolicy policy = policy("{\"encrypted\":[false]}");
        assertThat(policy.matchesBody("{\"encrypted\": false}")).isTrue();
        assertThat(policy.matchesBody("{\"encrypted\": true}")).isFalse();
        assertThat(policy.matchesBody("{\"encrypted\": \"false\"}")).isFalse();
        assertThat(policy.matchesBody("{\"encrypted\": [true, false]}")).isTrue();
    }

    @Test
    void nullMatchesNullButDoesNotMakeAPropertyExist() {
        assertThat(policy("{\"a\":[null]}").matchesBody("{\"a\": null}")).isTrue();
        assertThat(policy("{\"a\":[null]}").matchesBody("{\"a\": \"null\"}")).isFalse();
        assertThat(policy("{\"a\":[null]}").matchesBody("{\"b\": 1}")).isFalse();
        assertThat(policy("{\"a\":[{\"exists\":true}]}").matchesBody("{\"a\": null}"))
                .isFalse();
        assertThat(policy("{\"a\":[{\"exists\":false}]}").matchesBody("{\"a\": null}"))
                .isTrue();
        assertThat(policy("{\"a\":[{\"anything-but\":\"x\"}]}").matchesBody("{\"a\": null}"))
                .isTrue();
    }

    @Test
    void existsLooksAtLeavesOnly() {
        assertThat(policy("{\"a\":[{\"exists\":true}]}").matchesBody("{\"a\": {\"b\": 1}}"))
                .isFalse();
        assertThat(policy("{\"a\":[{\"exists\":false}]}").matchesBody("{\"a\": {\"b\": 1}}"))
                .isTrue();
        assertThat(policy("{\"a\":[{\"exists\":true}]}").matchesBody("{\"a\": []}"))
                .isFalse();
        assertThat(policy("{\"a\":[{\"exists\":true}]}").matchesBody("{\"a\": [\"\"]}"))
                .isTrue();
        assertThat(policy("{\"a\":{\"b\":[{\"exists\":false}]}}").matchesBody("{\"c\": 1}"))
                .isTrue();
    }

    @Test
    void emptyArraysAndNullsElsewhereInTheBodyAreHarmless() {
        // AWS's case: the message is delivered.
        String body = "{\"version\":\"0\",\"id\":\"3e3c153a-8339-4e30-8c35-687ebef853fe\",\"detail-type\":"
                + "\"EC2 Instance Launch Successful\",\"source\":\"aws.autoscaling\",\"account\":\"123456789012\","
                + "\"time\":\"2015-11-11T21:31:47Z\",\"region\":\"my-region\",\"resources\":[],"
                + "\"detail\":{\"eventVersion\":\"\",\"responseElements\":null}}";
        assertThat(policy("{\"detail\":{\"eventVersion\":[\"\"]}}").matchesBody(body))
                .isTrue();
    }

    @Test
    void orAlternativesCombineWithTheRestOfThePolicy() {
        // AWS's case: five of these twelve bodies are delivered.
        String policy = "{\"$or\":[{\"metricName\":[\"CPUUtilization\",\"ReadLatency\"]},{\"namespace\":[\"AWS/EC2\","
                + "\"AWS/ES\"]}],\"detail\":{\"scope\":[\"Service\"],\"$or\":[{\"source\":[\"aws.cloudwatch\"]},"
                + "{\"type\":[\"CloudWatch Alarm State Change\"]}]}}";
        List<String> refused = List.of(
                "{\"metricName\":\"CPUUtilization\",\"detail\":{\"scope\":\"aws.cloudwatch\",\"type\":\"CloudWatch Alarm State Change\"}}",
                "{\"metricName\":\"CPUUtilization\",\"detail\":{\"scope\":\"Service\",\"type\":\"CPUUtilization\"}}",
                "{\"metricName\":\"CPUUtilization\",\"detail\":{\"type\":\"CloudWatch Alarm State Change\"}}",
                "{\"metricName\":\"CPUUtilization\",\"detail\":{\"scope\":\"Service\"}}",
                "{\"metricName\":\"CPUUtilization\",\"scope\":\"Service\"}",
                "{\"metricName\":\"AWS/EC2\",\"detail\":{\"scope\":\"Service\",\"type\":\"CloudWatch Alarm State Change\"}}",
                "{\"namespace\":\"CPUUtilization\",\"detail\":{\"scope\":\"Service\",\"type\":\"CloudWatch Alarm State Change\"}}");
        List<String> accepted = List.of(
                "{\"metricName\":\"CPUUtilization\",\"detail\":{\"scope\":\"Service\",\"source\":\"aws.cloudwatch\"}}",
                "{\"metricName\":\"ReadLatency\",\"detail\":{\"scope\":\"Service\",\"source\":\"aws.cloudwatch\"}}",
                "{\"namespace\":\"AWS/EC2\",\"detail\":{\"scope\":\"Service\",\"source\":\"aws.cloudwatch\"}}",
                "{\"namespace\":\"AWS/ES\",\"detail\":{\"scope\":\"Service\",\"source\":\"aws.cloudwatch\"}}",
                "{\"metricName\":\"CPUUtilization\",\"detail\":{\"scope\":\"Service\",\"type\":\"CloudWatch Alarm State Change\"}}");
        List<String> all = new java.util.ArrayList<>(refused);
        all.addAll(accepted);
        assertThat(delivered(policy, all)).containsExactlyElementsOf(accepted);
    }

    @Test
    void cidrMatchesAddressesInTheBody() {
        // AWS's case: the first and third bodies are delivered.
        String policy = "{\"detail\":{\"$or\":[{\"sourceIPAddress\":[{\"cidr\":\"10.0.0.0/24\"}]},"
                + "{\"sourceIPAddressV6\":[{\"cidr\":\"2001:db8:1234:1a00::/64\"}]}]}}";
        List<String> bodies = List.of(
                "{\"id\":\"1\",\"detail\":{\"sourceIPAddress\":\"10.0.0.255\"}}",
                "{\"id\":\"2\",\"detail\":{\"sourceIPAddress\":\"10.0.0.256\"}}",
                "{\"id\":\"3\",\"detail\":{\"sourceIPAddressV6\":\"2001:0db8:1234:1a00:0000:0000:0000:0000\"}}",
                "{\"id\":\"4\",\"detail\":{\"sourceIPAddressV6\":\"2001:0db8:123f:1a01:0000:0000:0000:0000\"}}");
        assertThat(delivered(policy, bodies)).containsExactly(bodies.get(0), bodies.get(2));
    }

    @Test
    void stringOperatorsApplyToBodyStrings() {
        assertThat(policy("{\"a\":[{\"suffix\":\".xml\"}]}").matchesBody("{\"a\":\"report.xml\"}"))
                .isTrue();
        assertThat(policy("{\"a\":[{\"equals-ignore-case\":\"ABC\"}]}").matchesBody("{\"a\":\"aBc\"}"))
                .isTrue();
        assertThat(policy("{\"a\":[{\"anything-but\":{\"prefix\":\"x\"}}]}").matchesBody("{\"a\":\"xyz\"}"))
                .isFalse();
        assertThat(policy("{\"a\":[{\"prefix\":\"1\"}]}").matchesBody("{\"a\":10}"))
                .isFalse();
    }

    @Test
    void aLargeBodyIsMatchedInOnePass() {
        StringJoiner records = new StringJoiner(",", "{\"payload\":\"" + "x".repeat(100_000) + "\",\"r\":[", "]}");
        for (int i = 0; i < 5_000; i++) {
            records.add("{\"id\":" + i + ",\"kind\":\"k" + (i % 7) + "\",\"ignored\":{\"deep\":[1,2,3]}}");
        }
        String body = records.toString();
        FilterPolicy policy = policy("{\"r\":{\"id\":[4999],\"kind\":[\"k1\"]}}");
        long started = System.nanoTime();
        assertThat(policy.matchesBody(body)).isTrue();
        assertThat(policy("{\"r\":{\"id\":[4999],\"kind\":[\"k2\"]}}").matchesBody(body))
                .isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void bodiesThatWouldNeedTooManyStepsMatchNothing() {
        // Each element of two arrays matches its own pair of ten properties, so that the ways to pick one element of
        // each do not dominate one another. Only single-valued keys with dots keep twenty properties in one branch
        // within the combination limit.
        StringJoiner policy = new StringJoiner(",", "{\"$or\":[{", "},{\"z\":[1]}]}");
        for (int k = 0; k < 10; k++) {
            policy.add("\"r.k" + k + "\":[1]");
            policy.add("\"s.k" + k + "\":[1]");
        }
        StringJoiner pairs = new StringJoiner(",", "[", "]");
        for (int k = 0; k < 10; k++) {
            for (int j = k + 1; j < 10; j++) {
                pairs.add("{\"k" + k + "\":1,\"k" + j + "\":1}");
            }
        }
        String body = "{\"r\":" + pairs + ",\"s\":" + pairs + "}";
        FilterPolicy filter = FilterPolicy.parse(policy.toString(), Scope.MessageBody);
        long started = System.nanoTime();
        assertThat(filter.matchesBody(body)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        // The same shape with one element that has every property is decided quickly: it dominates the others.
        String full = "{\"k0\":1,\"k1\":1,\"k2\":1,\"k3\":1,\"k4\":1,\"k5\":1,\"k6\":1,\"k7\":1,\"k8\":1,\"k9\":1}";
        String withFull = body.replace("]", "," + full + "]");
        assertThat(filter.matchesBody(withFull)).isTrue();
    }

    @Test
    void bodiesNestedDeeperThanWharfReadsMatchNothing() {
        String deep = "{\"a\":" + "[".repeat(600) + "1" + "]".repeat(600) + "}";
        assertThat(policy("{\"a\":[1]}").matchesBody(deep)).isFalse();
        String shallow = "{\"a\":" + "[".repeat(100) + "1" + "]".repeat(100) + "}";
        assertThat(policy("{\"a\":[1]}").matchesBody(shallow)).isTrue();
    }

    @Test
    void aBodyPolicyDoesNotMatchAttributes() {
        assertThatThrownBy(() -> policy("{\"a\":[\"x\"]}").matchesAttributes(Map.of()))
                .isInstanceOf(IllegalStateException.class);
    }
}
