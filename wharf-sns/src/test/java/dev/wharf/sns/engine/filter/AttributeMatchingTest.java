package dev.wharf.sns.engine.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.sns.api.MessageAttributeValue;
import dev.wharf.sns.engine.filter.FilterPolicy.Scope;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matching MessageAttributes policies, with the developer guide's examples where it gives them. */
class AttributeMatchingTest {

    private static FilterPolicy policy(String json) {
        return FilterPolicy.parse(json, Scope.MessageAttributes);
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.ofString("String", value);
    }

    private static MessageAttributeValue number(String value) {
        return MessageAttributeValue.ofString("Number", value);
    }

    private static MessageAttributeValue array(String json) {
        return MessageAttributeValue.ofString("String.Array", json);
    }

    private static MessageAttributeValue binary(String value) {
        return MessageAttributeValue.ofBinary("Binary", value.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, MessageAttributeValue> attributes(Object... namesAndValues) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            attributes.put((String) namesAndValues[i], (MessageAttributeValue) namesAndValues[i + 1]);
        }
        return attributes;
    }

    private static boolean matches(String policy, String name, MessageAttributeValue value) {
        return policy(policy).matchesAttributes(attributes(name, value, "other", string("x")));
    }

    /** The developer guide's example message. */
    private static final Map<String, MessageAttributeValue> EXAMPLE = attributes(
            "customer_interests", array("[\"soccer\", \"rugby\", \"hockey\"]"),
            "store", string("example_corp"),
            "event", string("order_placed"),
            "price_usd", number("210.75"));

    @Test
    void theGuidesAcceptingPolicyAcceptsItsExampleMessage() {
        FilterPolicy accepting = policy(
                "{\"store\":[\"example_corp\"],\"event\":[{\"anything-but\":\"order_cancelled\"}],"
                        + "\"customer_interests\":[\"rugby\",\"football\",\"baseball\"],\"price_usd\":[{\"numeric\":[\">=\",100]}]}");
        assertThat(accepting.matchesAttributes(EXAMPLE)).isTrue();
    }

    @Test
    void theGuidesRejectingPolicyRejectsItsExampleMessage() {
        FilterPolicy rejecting =
                policy("{\"store\":[\"example_corp\"],\"event\":[\"order_cancelled\"],\"encrypted\":[false],"
                        + "\"customer_interests\":[\"basketball\",\"baseball\"]}");
        assertThat(rejecting.matchesAttributes(EXAMPLE)).isFalse();
    }

    @Test
    void exactStringsMatchStringsAndStringArrayElementsCaseSensitively() {
        String policy = "{\"customer_interests\":[\"rugby\",\"tennis\"]}";
        assertThat(matches(policy, "customer_interests", string("rugby"))).isTrue();
        assertThat(matches(policy, "customer_interests", string("tennis"))).isTrue();
        assertThat(matches(policy, "customer_interests", array("[\"rugby\", \"tennis\"]")))
                .isTrue();
        assertThat(matches(policy, "customer_interests", string("baseball"))).isFalse();
        assertThat(matches(policy, "customer_interests", array("[\"baseball\"]")))
                .isFalse();
        assertThat(matches(policy, "customer_interests", string("Rugby"))).isFalse();
    }

    @Test
    void everyPropertyMustMatchAndAbsentPropertiesDoNot() {
        String policy = "{\"customer_interests\":[\"rugby\"],\"price_usd\":[{\"numeric\":[\">\",100]}]}";
        assertThat(policy(policy)
                        .matchesAttributes(
                                attributes("customer_interests", string("rugby"), "price_usd", number("101"))))
                .isTrue();
        assertThat(policy(policy)
                        .matchesAttributes(
                                attributes("customer_interests", string("rugby"), "price_usd", number("100"))))
                .isFalse();
        assertThat(policy(policy).matchesAttributes(attributes("customer_interests", string("rugby"))))
                .isFalse();
    }

    @Test
    void customTypeSuffixesUseTheBaseType() {
        assertThat(matches("{\"a\":[\"x\"]}", "a", MessageAttributeValue.ofString("String.custom", "x")))
                .isTrue();
        assertThat(matches("{\"a\":[1.5]}", "a", MessageAttributeValue.ofString("Number.float", "1.50")))
                .isTrue();
        assertThat(matches("{\"a\":[\"x\"]}", "a", MessageAttributeValue.ofString("String.Array.tags", "[\"x\"]")))
                .isTrue();
    }

    @Test
    void numbersMatchNumberAttributesNumerically() {
        String policy = "{\"price\":[100]}";
        assertThat(matches(policy, "price", number("100"))).isTrue();
        assertThat(matches(policy, "price", number("100.0"))).isTrue();
        assertThat(matches(policy, "price", number("1e2"))).isTrue();
        assertThat(matches(policy, "price", number("+100"))).isTrue();
        assertThat(matches(policy, "price", array("[5, 100]"))).isTrue();
        assertThat(matches(policy, "price", number("101"))).isFalse();
    }

    @Test
    void stringsAndNumbersNeverMatchEachOther() {
        assertThat(matches("{\"price\":[100]}", "price", string("100"))).isFalse();
        assertThat(matches("{\"price\":[\"100\"]}", "price", number("100"))).isFalse();
        assertThat(matches("{\"price\":[\"100\"]}", "price", array("[100]"))).isFalse();
        assertThat(matches("{\"price\":[{\"prefix\":\"1\"}]}", "price", number("100")))
                .isFalse();
        assertThat(matches("{\"price\":[{\"numeric\":[\">\",1]}]}", "price", string("100")))
                .isFalse();
    }

    @Test
    void keywordsMatchOnlyTheSameKeywordInAStringArray() {
        assertThat(matches("{\"f\":[true]}", "f", array("[true]"))).isTrue();
        assertThat(matches("{\"f\":[true]}", "f", string("true"))).isFalse();
        assertThat(matches("{\"f\":[false]}", "f", array("[true]"))).isFalse();
        assertThat(matches("{\"f\":[null]}", "f", array("[null]"))).isTrue();
        assertThat(matches("{\"f\":[null]}", "f", string("null"))).isFalse();
    }

    @Test
    void prefixMatchesStringsThatBeginWithIt() {
        String policy = "{\"customer_interests\":[{\"prefix\":\"bas\"}]}";
        assertThat(matches(policy, "customer_interests", string("baseball"))).isTrue();
        assertThat(matches(policy, "customer_interests", string("basketball"))).isTrue();
        assertThat(matches(policy, "customer_interests", array("[\"rugby\", \"basketball\"]")))
                .isTrue();
        assertThat(matches(policy, "customer_interests", string("rugby"))).isFalse();
        assertThat(matches("{\"a\":[{\"prefix\":\"\"}]}", "a", string("anything")))
                .isTrue();
    }

    @Test
    void suffixMatchesStringsThatEndWithIt() {
        String policy = "{\"customer_interests\":[{\"suffix\":\"ball\"}]}";
        assertThat(matches(policy, "customer_interests", string("baseball"))).isTrue();
        assertThat(matches(policy, "customer_interests", array("[\"soccer\", \"football\"]")))
                .isTrue();
        assertThat(matches(policy, "customer_interests", string("rugby"))).isFalse();
        assertThat(matches(policy, "customer_interests", string("ballet"))).isFalse();
    }

    @Test
    void equalsIgnoreCaseFoldsEachCharacterToItsLowerOrUpperCase() {
        String policy = "{\"customer_interests\":[{\"equals-ignore-case\":\"tennis\"}]}";
        assertThat(matches(policy, "customer_interests", string("TENNIS"))).isTrue();
        assertThat(matches(policy, "customer_interests", string("Tennis"))).isTrue();
        assertThat(matches(policy, "customer_interests", array("[\"rugby\", \"tEnNiS\"]")))
                .isTrue();
        assertThat(matches(policy, "customer_interests", string("tennis!"))).isFalse();
        // Each character of the policy's value may appear in either of its cases, even when they differ in length.
        String strasse = "{\"street\":[{\"equals-ignore-case\":\"Straße\"}]}";
        assertThat(matches(strasse, "street", string("STRASSE"))).isTrue();
        assertThat(matches(strasse, "street", string("straße"))).isTrue();
        assertThat(matches(strasse, "street", string("strasse"))).isFalse();
    }

    @Test
    void anythingButMatchesEveryValueThatIsNotListed() {
        String policy = "{\"customer_interests\":[{\"anything-but\":[\"rugby\",\"tennis\"]}]}";
        assertThat(matches(policy, "customer_interests", string("baseball"))).isTrue();
        assertThat(matches(policy, "customer_interests", string("football"))).isTrue();
        assertThat(matches(policy, "customer_interests", string("rugby"))).isFalse();
        assertThat(matches("{\"a\":[{\"anything-but\":\"rugby\"}]}", "a", string("rugby")))
                .isFalse();
        assertThat(matches("{\"a\":[{\"anything-but\":\"rugby\"}]}", "a", string("soccer")))
                .isTrue();
    }

    @Test
    void anythingButMatchesAStringArrayOnlyWhenNoneOfItsElementsIsListed() {
        String policy = "{\"customer_interests\":[{\"anything-but\":[\"rugby\",\"tennis\"]}]}";
        assertThat(matches(policy, "customer_interests", array("[\"baseball\", \"football\"]")))
                .isTrue();
        assertThat(matches(policy, "customer_interests", array("[\"rugby\", \"baseball\"]")))
                .isFalse();
        assertThat(matches(policy, "customer_interests", array("[]"))).isFalse();
    }

    @Test
    void anythingButNumbersExcludeNumbersNumerically() {
        String policy = "{\"price\":[{\"anything-but\":[100,500]}]}";
        assertThat(matches(policy, "price", number("101"))).isTrue();
        assertThat(matches(policy, "price", number("100.1"))).isTrue();
        assertThat(matches(policy, "price", number("100"))).isFalse();
        assertThat(matches(policy, "price", number("1e2"))).isFalse();
        assertThat(matches(policy, "price", array("[100, 50]"))).isFalse();
        assertThat(matches(policy, "price", array("[101, 50]"))).isTrue();
        assertThat(matches("{\"price\":[{\"anything-but\":100}]}", "price", number("100.0")))
                .isFalse();
    }

    @Test
    void anythingButExcludesOnlyValuesOfItsOwnType() {
        assertThat(matches("{\"a\":[{\"anything-but\":[\"100\"]}]}", "a", number("100")))
                .isTrue();
        assertThat(matches("{\"a\":[{\"anything-but\":[100]}]}", "a", string("100")))
                .isTrue();
        assertThat(matches("{\"a\":[{\"anything-but\":[\"true\"]}]}", "a", array("[true]")))
                .isTrue();
    }

    @Test
    void anythingButPrefixRejectsValuesWithThePrefix() {
        String policy = "{\"event\":[{\"anything-but\":{\"prefix\":\"order-\"}}]}";
        assertThat(matches(policy, "event", string("data-entry"))).isTrue();
        assertThat(matches(policy, "event", string("order_number"))).isTrue();
        assertThat(matches(policy, "event", string("order-cancelled"))).isFalse();
        assertThat(matches(policy, "event", array("[\"data-entry\", \"order-cancelled\"]")))
                .isFalse();
        assertThat(matches(policy, "event", number("5"))).isTrue();
    }

    @Test
    void anythingButNeedsThePropertyUnlessCombinedWithExistsFalse() {
        Map<String, MessageAttributeValue> without = attributes("other", string("x"));
        assertThat(policy("{\"event\":[{\"anything-but\":\"order_cancelled\"}]}")
                        .matchesAttributes(without))
                .isFalse();
        assertThat(policy("{\"event\":[{\"anything-but\":\"order_cancelled\"},{\"exists\":false}]}")
                        .matchesAttributes(without))
                .isTrue();
    }

    @Test
    void numericOperatorsCompareNumberAttributes() {
        assertThat(matches("{\"p\":[{\"numeric\":[\"=\",301.5]}]}", "p", number("301.5")))
                .isTrue();
        assertThat(matches("{\"p\":[{\"numeric\":[\"=\",301.5]}]}", "p", number("3.015e2")))
                .isTrue();
        assertThat(matches("{\"p\":[{\"numeric\":[\"<\",0]}]}", "p", number("-0.5")))
                .isTrue();
        assertThat(matches("{\"p\":[{\"numeric\":[\"<\",0]}]}", "p", number("0")))
                .isFalse();
        assertThat(matches("{\"p\":[{\"numeric\":[\"<=\",0]}]}", "p", number("0")))
                .isTrue();
        assertThat(matches("{\"p\":[{\"numeric\":[\">=\",10]}]}", "p", number("10")))
                .isTrue();
        assertThat(matches("{\"p\":[{\"numeric\":[\">\",10]}]}", "p", number("10")))
                .isFalse();
        String range = "{\"p\":[{\"numeric\":[\">\",0,\"<=\",150]}]}";
        assertThat(matches(range, "p", number("150"))).isTrue();
        assertThat(matches(range, "p", number("0.000001"))).isTrue();
        assertThat(matches(range, "p", number("0"))).isFalse();
        assertThat(matches(range, "p", number("150.000001"))).isFalse();
        assertThat(matches("{\"p\":[{\"numeric\":[\">=\",0,\"<\",1]}]}", "p", array("[\"a\", 5, 0.5]")))
                .isTrue();
    }

    @Test
    void numbersCompareToSixDigitsAfterThePointAsAwsDoes() {
        String policy = "{\"p\":[{\"numeric\":[\"=\",100.1234567]}]}";
        assertThat(matches(policy, "p", number("100.1234568"))).isTrue();
        assertThat(matches(policy, "p", number("100.123456"))).isFalse();
        // AWS adds 5e9 before scaling, in doubles, so differences below about a millionth vanish.
        assertThat(matches("{\"p\":[0.0000001]}", "p", number("0.0000004"))).isTrue();
        assertThat(matches("{\"p\":[0]}", "p", number("0.000001"))).isFalse();
    }

    @Test
    void numbersBeyondFiveBillionMatchNoNumericCondition() {
        assertThat(matches("{\"p\":[{\"numeric\":[\">\",0]}]}", "p", number("5000000000")))
                .isTrue();
        assertThat(matches("{\"p\":[{\"numeric\":[\">\",0]}]}", "p", number("5000000001")))
                .isFalse();
        assertThat(matches("{\"p\":[{\"numeric\":[\"<\",0]}]}", "p", number("-1e300")))
                .isFalse();
        assertThat(matches("{\"p\":[{\"anything-but\":[1]}]}", "p", number("1e300")))
                .isTrue();
    }

    @Test
    void numberAttributesThatAreNoNumbersMatchNoValueButExist() {
        assertThat(matches("{\"p\":[{\"numeric\":[\">\",0]}]}", "p", number("NaN")))
                .isFalse();
        assertThat(matches("{\"p\":[{\"prefix\":\"1\"}]}", "p", number("1.5f"))).isFalse();
        assertThat(matches("{\"p\":[{\"exists\":true}]}", "p", number("0x10"))).isTrue();
    }

    @Test
    void existsTrueMatchesMessagesWithTheAttribute() {
        FilterPolicy policy = policy("{\"store\":[{\"exists\":true}]}");
        assertThat(policy.matchesAttributes(attributes(
                        "store", string("fans"), "customer_interests", array("[\"baseball\", \"basketball\"]"))))
                .isTrue();
        assertThat(policy.matchesAttributes(attributes("customer_interests", array("[\"baseball\", \"basketball\"]"))))
                .isFalse();
        assertThat(policy.matchesAttributes(attributes("store", number("99")))).isTrue();
    }

    @Test
    void existsFalseMatchesMessagesWithoutTheAttribute() {
        FilterPolicy policy = policy("{\"store\":[{\"exists\":false}]}");
        assertThat(policy.matchesAttributes(attributes("customer_interests", array("[\"baseball\"]"))))
                .isTrue();
        assertThat(policy.matchesAttributes(attributes("store", string("fans"), "def", number("99"))))
                .isFalse();
    }

    @Test
    void aMessageWithoutAttributesMatchesNoPolicy() {
        assertThat(policy("{\"store\":[{\"exists\":false}]}").matchesAttributes(Map.of()))
                .isFalse();
        assertThat(policy("{\"store\":[{\"exists\":false}]}").matchesAttributes(attributes("blob", binary("x"))))
                .isFalse();
    }

    @Test
    void binaryAttributesAreIgnored() {
        Map<String, MessageAttributeValue> message = attributes("store", binary("fans"), "other", string("x"));
        assertThat(policy("{\"store\":[{\"exists\":true}]}").matchesAttributes(message))
                .isFalse();
        assertThat(policy("{\"store\":[{\"exists\":false}]}").matchesAttributes(message))
                .isTrue();
        assertThat(policy("{\"store\":[{\"anything-but\":\"x\"}]}").matchesAttributes(message))
                .isFalse();
    }

    @Test
    void aStringArrayWithoutValuesDoesNotExist() {
        assertThat(matches("{\"a\":[{\"exists\":true}]}", "a", array("[]"))).isFalse();
        assertThat(matches("{\"a\":[{\"exists\":false}]}", "a", array("[]"))).isTrue();
        assertThat(matches("{\"a\":[{\"exists\":true}]}", "a", array("[null]"))).isFalse();
        assertThat(matches("{\"a\":[{\"exists\":true}]}", "a", array("[null, 1]")))
                .isTrue();
    }

    @Test
    void aStringArrayThatIsNoJsonArrayHasNoValues() {
        assertThat(matches("{\"a\":[\"anything\"]}", "a", array("['anything']")))
                .isFalse();
        assertThat(matches("{\"a\":[\"x\"]}", "a", array("[\"x\"] junk"))).isFalse();
        assertThat(matches("{\"a\":[\"x\"]}", "a", array("\"x\""))).isFalse();
        assertThat(matches("{\"a\":[{\"exists\":false}]}", "a", array("{\"x\":1}")))
                .isTrue();
    }

    @Test
    void nestedArraysInAStringArrayAreFlattenedAndObjectsSkipped() {
        assertThat(matches("{\"a\":[\"x\"]}", "a", array("[[\"y\", [\"x\"]]]"))).isTrue();
        assertThat(matches("{\"a\":[\"x\"]}", "a", array("[{\"b\": \"x\"}]"))).isFalse();
    }

    @Test
    void cidrMatchesAddressesInTheNetwork() {
        String policy = "{\"source_ip\":[{\"cidr\":\"10.0.0.0/24\"}]}";
        assertThat(matches(policy, "source_ip", string("10.0.0.0"))).isTrue();
        assertThat(matches(policy, "source_ip", string("10.0.0.255"))).isTrue();
        assertThat(matches(policy, "source_ip", string("10.1.1.0"))).isFalse();
        assertThat(matches(policy, "source_ip", string("10.0.0.256"))).isFalse();
        assertThat(matches(policy, "source_ip", string("10.0.0"))).isFalse();
        assertThat(matches(policy, "source_ip", string("::ffff:a00:1"))).isTrue();
        assertThat(matches(policy, "source_ip", number("10"))).isFalse();
    }

    @Test
    void cidrCoversTheWholeNetworkOfAnyAddressInIt() {
        assertThat(matches("{\"ip\":[{\"cidr\":\"10.0.0.77/24\"}]}", "ip", string("10.0.0.1")))
                .isTrue();
        assertThat(matches("{\"ip\":[{\"cidr\":\"0.0.0.0/0\"}]}", "ip", string("255.255.255.255")))
                .isTrue();
        assertThat(matches("{\"ip\":[{\"cidr\":\"0.0.0.0/0\"}]}", "ip", string("::2")))
                .isFalse();
    }

    @Test
    void cidrMatchesIpv6Networks() {
        String policy = "{\"ip\":[{\"cidr\":\"2001:db8:1234:1a00::/64\"}]}";
        assertThat(matches(policy, "ip", string("2001:0db8:1234:1a00:0000:0000:0000:0000")))
                .isTrue();
        assertThat(matches(policy, "ip", string("2001:db8:1234:1a00:ffff:ffff:ffff:ffff")))
                .isTrue();
        assertThat(matches(policy, "ip", string("2001:0db8:123f:1a01:0000:0000:0000:0000")))
                .isFalse();
        assertThat(matches(policy, "ip", string("10.0.0.1"))).isFalse();
    }

    @Test
    void aStringThatIsAnAddressMatchesTheSameAddressInAnyNotation() {
        assertThat(matches("{\"ip\":[\"::1\"]}", "ip", string("0:0:0:0:0:0:0:1")))
                .isTrue();
        assertThat(matches("{\"ip\":[\"10.0.0.1\"]}", "ip", string("10.0.0.1"))).isTrue();
        assertThat(matches("{\"ip\":[\"10.0.0.1\"]}", "ip", string("10.0.0.2"))).isFalse();
        // Text that only looks like an address is an ordinary string.
        assertThat(matches("{\"t\":[\"12:30\"]}", "t", string("12:30"))).isTrue();
        assertThat(matches("{\"v\":[\"10.0.0.256\"]}", "v", string("10.0.0.256")))
                .isTrue();
    }

    @Test
    void orMatchesWhenAnyAlternativeDoes() {
        FilterPolicy policy = policy("{\"source\":[\"aws.cloudwatch\"],\"$or\":[{\"metricName\":[\"CPUUtilization\","
                + "\"ReadLatency\"]},{\"metricType\":[\"MetricType\"],\"namespace\":[\"AWS/EC2\",\"AWS/ES\"]},"
                + "{\"scope\":[\"Service\"]}]}");
        assertThat(policy.matchesAttributes(
                        attributes("source", string("aws.cloudwatch"), "metricName", string("ReadLatency"))))
                .isTrue();
        assertThat(policy.matchesAttributes(attributes(
                        "source",
                        string("aws.cloudwatch"),
                        "metricType",
                        string("MetricType"),
                        "namespace",
                        string("AWS/ES"))))
                .isTrue();
        assertThat(policy.matchesAttributes(
                        attributes("source", string("aws.cloudwatch"), "metricType", string("MetricType"))))
                .isFalse();
        assertThat(policy.matchesAttributes(attributes("source", string("aws.events"), "scope", string("Service"))))
                .isFalse();
        assertThat(policy.matchesAttributes(attributes("source", string("aws.cloudwatch"), "scope", string("Service"))))
                .isTrue();
    }

    @Test
    void attributeNamesAreMatchedWholeEvenWithDots() {
        assertThat(matches("{\"a.b\":[\"x\"]}", "a.b", string("x"))).isTrue();
        assertThat(matches("{\"a.b\":[\"x\"]}", "a", string("x"))).isFalse();
    }

    @Test
    void aPolicyMatchesOnlyItsOwnScope() {
        assertThatThrownBy(() -> policy("{\"a\":[\"x\"]}").matchesBody("{\"a\":\"x\"}"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(policy("{\"a\":[\"x\"]}").scope()).isEqualTo(Scope.MessageAttributes);
    }
}
