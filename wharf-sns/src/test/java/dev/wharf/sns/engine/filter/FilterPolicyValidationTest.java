package dev.wharf.sns.engine.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.engine.filter.FilterPolicy.Operation;
import dev.wharf.sns.engine.filter.FilterPolicy.Scope;
import org.junit.jupiter.api.Test;

/**
 * The errors of AWS's policy validation, with their exact texts. The texts that AWS itself answered are taken from
 * responses recorded against AWS (LocalStack's AWS-validated snapshots of Subscribe and SetSubscriptionAttributes);
 * their positions are those of AWS's compact rewriting of the policy.
 */
class FilterPolicyValidationTest {

    private static final String SUBSCRIBE = "Invalid parameter: Attributes Reason: FilterPolicy: ";
    private static final String SET = "Invalid parameter: FilterPolicy: ";

    /** The message of the InvalidParameter error that Subscribe answers for the policy, in the default scope. */
    static String subscribeError(String policy) {
        return error(policy, Scope.MessageAttributes, Operation.Subscribe);
    }

    static String error(String policy, Scope scope, Operation operation) {
        Throwable thrown =
                org.assertj.core.api.Assertions.catchThrowable(() -> FilterPolicy.parse(policy, scope, operation));
        assertThat(thrown).isInstanceOf(AwsException.class);
        AwsException error = (AwsException) thrown;
        assertThat(error.code()).isEqualTo(SnsError.InvalidParameter);
        assertThat(error.code().queryCode()).isEqualTo("InvalidParameter");
        assertThat(error.code().httpStatus()).isEqualTo(400);
        assertThat(error.code().senderFault()).isTrue();
        return String.valueOf(error.getMessage());
    }

    private static String at(String compactPolicy, int column) {
        return "\n at [Source: (String)\"" + compactPolicy + "\"; line: 1, column: " + column + "]";
    }

    private static void assertRefused(String policy, String reason, int column) {
        assertThat(subscribeError(policy)).isEqualTo(SUBSCRIBE + reason + at(policy, column));
    }

    @Test
    void matchValuesMustBeScalars() {
        assertRefused("{\"key\":[[\"value\"]]}", "Match value must be String, number, true, false, or null", 10);
    }

    @Test
    void errorsQuoteThePolicyAsAwsRewritesItWithoutSpaces() {
        assertThat(subscribeError("{ \"key\" : [ [ \"value\" ] ] }"))
                .isEqualTo(SUBSCRIBE + "Match value must be String, number, true, false, or null"
                        + at("{\"key\":[[\"value\"]]}", 10));
        assertThat(subscribeError("{\"a\": [1e2, {\"numeric\": [\"=\", 5, 6]}]}"))
                .isEqualTo(SUBSCRIBE + "Too many elements in numeric expression"
                        + at("{\"a\":[100.0,{\"numeric\":[\"=\",5,6]}]}", 32));
    }

    @Test
    void errorsQuoteNoMoreThanFiveHundredCharactersOfThePolicy() {
        String value = "v".repeat(600);
        String policy = "{\"key\":[\"" + value + "\",[]]}";
        assertThat(subscribeError(policy))
                .isEqualTo(
                        SUBSCRIBE + "Match value must be String, number, true, false, or null\n at [Source: (String)\""
                                + policy.substring(0, 500) + "\"[truncated 115 chars]; line: 1, column: 613]");
    }

    @Test
    void unknownMatchTypesAreRefused() {
        assertRefused("{\"key\":[{\"wrong-operator\":true}]}", "Unrecognized match type wrong-operator", 31);
    }

    @Test
    void operatorsThatSnsDoesNotDocumentAreUnknownMatchTypes() {
        assertRefused("{\"a\":[{\"wildcard\":\"x*\"}]}", "Unrecognized match type wildcard", 20);
        assertRefused("{\"a\":[{\"exactly\":\"x\"}]}", "Unrecognized match type exactly", 19);
    }

    @Test
    void aMatchExpressionHasOneKey() {
        assertRefused(
                "{\"key\":[{\"suffix\":\"value\",\"prefix\":\"value2\"}]}",
                "Only one key allowed in match expression",
                37);
        assertRefused("{\"a\":[{\"exists\":true,\"x\":1}]}", "Only one key allowed in match expression", 27);
        assertRefused("{\"a\":[{}]}", "Match expression name not found", 9);
    }

    @Test
    void emptyArraysAreRefused() {
        assertRefused("{\"key\":[]}", "Empty arrays are not allowed", 10);
    }

    @Test
    void suffixMustBeAString() {
        assertRefused("{\"key\":[{\"suffix\":100}]}", "suffix match pattern must be a string", 22);
        assertRefused("{\"key\":[{\"suffix\":null}]}", "suffix match pattern must be a string", 23);
        assertRefused("{\"key\":[{\"suffix\":[]}]}", "suffix match pattern must be a string", 20);
        assertRefused("{\"key\":[{\"suffix\":[\"test\",\"test2\"]}]}", "suffix match pattern must be a string", 20);
    }

    @Test
    void prefixAndEqualsIgnoreCaseMustBeStrings() {
        assertRefused("{\"a\":[{\"prefix\":1}]}", "prefix match pattern must be a string", 18);
        assertRefused("{\"a\":[{\"equals-ignore-case\":5}]}", "equals-ignore-case match pattern must be a string", 30);
    }

    @Test
    void propertiesMustBeObjectsOrArrays() {
        assertRefused("{\"key\":{\"suffix\":\"value\"}}", "\"suffix\" must be an object or an array", 19);
        assertRefused(
                "{\"key\":{\"suffix\":\"value\",\"prefix\":\"value\"}}",
                "\"suffix\" must be an object or an array",
                19);
        assertRefused(
                "{\"key\":{\"not-an-operator\":\"value\"}}", "\"not-an-operator\" must be an object or an array", 28);
        assertThat(error("{\"key_a\": \"value_one\"}", Scope.MessageBody, Operation.SetSubscriptionAttributes))
                .isEqualTo(SET + "\"key_a\" must be an object or an array" + at("{\"key_a\":\"value_one\"}", 11));
    }

    @Test
    void cidrMustBeAString() {
        assertRefused("{\"key\":[{\"cidr\":[\"bad-filter\"]}]}", "prefix match pattern must be a string", 18);
    }

    @Test
    void malformedCidrsAreRefusedWithoutAPosition() {
        assertThat(subscribeError("{\"key\":[{\"cidr\":\"bad-filter\"}]}"))
                .isEqualTo(SUBSCRIBE + "Malformed CIDR, one '/' required");
        assertThat(subscribeError("{\"key\":[{\"cidr\":\"bad-filter/64\"}]}"))
                .isEqualTo(SUBSCRIBE + "Nonstandard IP address: bad-filter");
        assertThat(subscribeError("{\"key\":[{\"cidr\":\"bad-/64filter\"}]}"))
                .isEqualTo(SUBSCRIBE + "Malformed CIDR, mask bits must be an integer");
        assertThat(subscribeError("{\"key\":[{\"cidr\":\"xx.11.xx/8\"}]}"))
                .isEqualTo(SUBSCRIBE + "Nonstandard IP address: xx.11.xx");
        assertThat(subscribeError("{\"key\":[{\"cidr\":\"xxxx:db8:1234:1a00::/64\"}]}"))
                .isEqualTo(SUBSCRIBE + "Nonstandard IP address: xxxx:db8:1234:1a00::");
    }

    @Test
    void cidrMaskBitsAndAddressesAreChecked() {
        assertThat(subscribeError("{\"a\":[{\"cidr\":\"10.0.0.0/-1\"}]}"))
                .isEqualTo(SUBSCRIBE + "Malformed CIDR, mask bits must not be negative");
        assertThat(subscribeError("{\"a\":[{\"cidr\":\"10.0.0.256/8\"}]}"))
                .isEqualTo(SUBSCRIBE + "Invalid IP address: 10.0.0.256");
        assertThat(subscribeError("{\"a\":[{\"cidr\":\"1::2::3/64\"}]}"))
                .isEqualTo(SUBSCRIBE + "Invalid IP address: 1::2::3");
        assertThat(subscribeError("{\"a\":[{\"cidr\":\"10.0.0.0/32\"}]}"))
                .isEqualTo(SUBSCRIBE + "IPv4 mask bits must be < 32");
        assertThat(subscribeError("{\"a\":[{\"cidr\":\"::/128\"}]}"))
                .isEqualTo(SUBSCRIBE + "IPv6 mask bits must be < 128");
        assertThat(subscribeError("{\"a\":[{\"cidr\":\"10.0.0.0//8\"}]}"))
                .isEqualTo(SUBSCRIBE + "Malformed CIDR, one '/' required");
        assertRefused("{\"a\":[{\"cidr\":\"10.0.0.0/8\",\"x\":1}]}", "Only one key allowed in match expression", 33);
    }

    @Test
    void aCidrSplitsOnSlashesAsJavaDoes() {
        // String.split drops trailing empty parts, so AWS's matcher takes this for 10.0.0.0/24.
        FilterPolicy policy = FilterPolicy.parse("{\"a\":[{\"cidr\":\"10.0.0.0/24/\"}]}", Scope.MessageAttributes);
        assertThat(policy.branchCount()).isEqualTo(1);
    }

    @Test
    void numericExpressionsAreReadOperatorByOperator() {
        assertRefused("{\"key\":[{\"numeric\":[]}]}", "Invalid member in numeric match: ]", 22);
        assertRefused("{\"key\":[{\"numeric\":[\"operator\"]}]}", "Unrecognized numeric range operator: operator", 32);
        assertRefused("{\"key\":[{\"numeric\":[1,\"<=\"]}]}", "Invalid member in numeric match: 1", 22);
        assertRefused("{\"key\":[{\"numeric\":[\"=\",\"000\"]}]}", "Value of equals must be numeric", 26);
        assertRefused("{\"key\":[{\"numeric\":[\">=\"]}]}", "Value of >= must be numeric", 26);
        assertRefused("{\"a\":[{\"numeric\":\">\"}]}", "Value of numeric must be an array.", 19);
    }

    @Test
    void numericRangesGoFromALowerToAnUpperBound() {
        assertRefused("{\"key\":[{\"numeric\":[\"<\",100,\">\",10]}]}", "Too many elements in numeric expression", 30);
        assertRefused("{\"key\":[{\"numeric\":[\">=\",1,\">\",2]}]}", "Bad numeric range operator: >", 31);
        assertRefused("{\"key\":[{\"numeric\":[\">\",3,\"<\",1]}]}", "Bottom must be less than top", 33);
        assertRefused("{\"key\":[{\"numeric\":[\">\",20,\"<=\"]}]}", "Value of <= must be numeric", 33);
        assertRefused("{\"key\":[{\"numeric\":[\">\",20,30]}]}", "Bad value in numeric range: 30", 30);
        assertRefused("{\"key\":[{\"numeric\":[\">\",20,\"test\"]}]}", "Bad numeric range operator: test", 34);
        assertRefused("{\"key\":[{\"numeric\":[\">\",\"20\",\"<\",\"30\"]}]}", "Value of > must be numeric", 26);
        assertRefused("{\"key\":[{\"numeric\":[\">\",20,\"<\",\"30\"]}]}", "Value of < must be numeric", 33);
        assertRefused(
                "{\"key\":[{\"numeric\":[\">\",20,\"<\",30,\"<\",50]}]}",
                "Too many terms in numeric range expression",
                36);
        assertRefused("{\"a\":[{\"numeric\":[\"=\",1,2]}]}", "Too many elements in numeric expression", 26);
        assertRefused("{\"a\":[{\"numeric\":[\"<\",1],\"x\":1}]}", "Too many elements in numeric expression", 31);
    }

    @Test
    void existsTakesTrueOrFalse() {
        assertRefused("{\"key\":[{\"exists\":null}]}", "exists match pattern must be either true or false.", 23);
        assertRefused("{\"key\":[{\"exists\":\"no\"}]}", "exists match pattern must be either true or false.", 20);
    }

    @Test
    void anythingButTakesOnlyAPrefixAsAnObject() {
        assertRefused(
                "{\"key\":[{\"anything-but\":{\"wrong-operator\":null}}]}",
                "Unsupported anything-but pattern: wrong-operator",
                47);
        assertRefused(
                "{\"key\":[{\"anything-but\":{\"suffix\":\"test\"}}]}", "Unsupported anything-but pattern: suffix", 36);
        assertRefused(
                "{\"key\":[{\"anything-but\":{\"exists\":false}}]}", "Unsupported anything-but pattern: exists", 40);
        assertRefused("{\"key\":[{\"anything-but\":{\"prefix\":false}}]}", "prefix match pattern must be a string", 40);
        assertRefused("{\"a\":[{\"anything-but\":{}}]}", "Anything-But expression name not found", 25);
        assertRefused("{\"a\":[{\"anything-but\":{\"prefix\":\"\"}}]}", "Null prefix not allowed", 35);
        assertRefused(
                "{\"a\":[{\"anything-but\":{\"prefix\":\"x\",\"y\":1}}]}",
                "Only one key allowed in match expression",
                42);
    }

    @Test
    void anythingButTakesStringsOrNumbersButNotBoth() {
        assertRefused(
                "{\"a\":[{\"anything-but\":true}]}",
                "Value of anything-but must be an array or single string/number value.",
                27);
        assertRefused(
                "{\"a\":[{\"anything-but\":[true]}]}",
                "Inside anything but list, start|null|boolean is not supported.",
                28);
        String mixed = "Inside anything but list, either all values are number or string, mixed type is not supported";
        assertRefused("{\"a\":[{\"anything-but\":[\"a\",1]}]}", mixed, 30);
        assertRefused("{\"a\":[{\"anything-but\":[]}]}", mixed, 25);
        assertRefused("{\"a\":[{\"anything-but\":\"x\",\"y\":1}]}", "Too many elements in numeric expression", 32);
    }

    @Test
    void thePolicyMustBeANonEmptyObject() {
        assertRefused("[1]", "Filter is not an object", 2);
        assertThat(subscribeError("")).isEqualTo(SUBSCRIBE + "Filter is not an object" + at("", 1));
        assertThat(subscribeError("  ")).isEqualTo(SUBSCRIBE + "Filter is not an object" + at("", 1));
        assertRefused("{}", "Empty objects are not allowed", 3);
        assertThat(error("{\"a\":{}}", Scope.MessageBody, Operation.Subscribe))
                .isEqualTo(SUBSCRIBE + "Empty objects are not allowed" + at("{\"a\":{}}", 8));
    }

    @Test
    void orTakesAnArrayOfAtLeastTwoObjects() {
        assertRefused("{\"$or\":{\"a\":[\"b\"]}}", "It must be an Array followed with $or.", 9);
        assertRefused(
                "{\"$or\":[{\"a\":[\"b\"]},\"x\"]}", "Only JSON object is allowed in array of $or relationship.", 22);
        assertRefused("{\"$or\":[{\"a\":[\"b\"]}]}", "There must have at least 2 Objects in $or relationship.", 21);
    }

    @Test
    void operatorNamesCannotBePropertyNamesInsideOr() {
        assertRefused(
                "{\"$or\":[{\"prefix\":[\"b\"]},{\"c\":[\"d\"]}]}",
                "prefix is Ruler reserved fieldName which cannot be used inside $or.",
                20);
        // Outside an $or they are ordinary names.
        assertThat(FilterPolicy.parse("{\"prefix\":[\"b\"]}", Scope.MessageAttributes)
                        .branchCount())
                .isEqualTo(1);
    }

    @Test
    void malformedJsonIsRefusedWithJacksonsDescription() {
        assertThat(subscribeError("{\"a\":[\"b\"]"))
                .isEqualTo(SUBSCRIBE + "Unexpected end-of-input: expected close marker for Object (start marker at "
                        + "[Source: (String)\"{\"a\":[\"b\"]\"; line: 1, column: 1])" + at("{\"a\":[\"b\"]", 11));
        assertThat(subscribeError("{\"a\":[\"b\"]} x"))
                .isEqualTo(SUBSCRIBE + "Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or "
                        + "token 'null', 'true' or 'false')" + at("{\"a\":[\"b\"]} x", 14));
    }

    @Test
    void contentAfterThePolicyIsRefused() {
        assertRefused("{\"a\":[\"b\"]} {\"c\":1}", "Trailing content after the filter object is not allowed", 14);
    }

    @Test
    void aRepeatedKeyKeepsItsLastValueAsAwsReadsIt() {
        assertThat(FilterPolicy.parse("{\"a\":[[]],\"a\":[\"b\"]}", Scope.MessageAttributes)
                        .branchCount())
                .isEqualTo(1);
        assertThat(subscribeError("{\"a\":[\"b\"],\"a\":[[]]}"))
                .isEqualTo(
                        SUBSCRIBE + "Match value must be String, number, true, false, or null" + at("{\"a\":[[]]}", 8));
    }

    @Test
    void numbersBeyondAWSsDocumentedRangeAreRefused() {
        String range = "Value must be between -1.0E9 and 1.0E9, inclusive";
        assertRefused("{\"a\":[1000000001]}", range, 17);
        assertRefused("{\"a\":[{\"numeric\":[\">\",0,\"<\",2.0E9]}]}", range, 35);
        assertRefused("{\"a\":[{\"numeric\":[\"=\",-1.5E9]}]}", range, 30);
        assertRefused("{\"a\":[{\"anything-but\":[1,2.0E9]}]}", range, 31);
        assertRefused("{\"a\":[{\"anything-but\":2.0E9}]}", range, 28);
        assertThat(FilterPolicy.parse("{\"a\":[1000000000,-1000000000]}", Scope.MessageAttributes)
                        .branchCount())
                .isEqualTo(1);
    }

    @Test
    void numbersTooLargeForADoubleComeBackFromAwssRewritingAsStrings() {
        assertThat(subscribeError("{\"a\":[{\"numeric\":[\"=\",1e400]}]}"))
                .isEqualTo(SUBSCRIBE + "Value of equals must be numeric"
                        + at("{\"a\":[{\"numeric\":[\"=\",\"Infinity\"]}]}", 24));
    }

    @Test
    void setSubscriptionAttributesWordsErrorsWithoutTheAttributesReason() {
        assertThat(error("{\"key\":[]}", Scope.MessageAttributes, Operation.SetSubscriptionAttributes))
                .isEqualTo(SET + "Empty arrays are not allowed" + at("{\"key\":[]}", 10));
        assertThatThrownBy(() -> FilterPolicy.parse("{\"key\":[]}", Scope.MessageAttributes))
                .hasMessage(SET + "Empty arrays are not allowed" + at("{\"key\":[]}", 10));
    }

    @Test
    void theScopeAttributeTakesOnlyItsTwoValues() {
        assertThat(Scope.of("MessageBody")).isEqualTo(Scope.MessageBody);
        assertThat(Scope.of("MessageAttributes")).isEqualTo(Scope.MessageAttributes);
        assertThatThrownBy(() -> Scope.of("RandomValue"))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(SnsError.InvalidParameter))
                .hasMessage("Invalid parameter: FilterPolicyScope: Invalid value [RandomValue]. Please use either "
                        + "MessageBody or MessageAttributes");
        assertThatThrownBy(() -> Scope.of("messagebody")).isInstanceOf(AwsException.class);
    }
}
