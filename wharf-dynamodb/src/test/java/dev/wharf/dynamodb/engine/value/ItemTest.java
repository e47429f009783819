package dev.wharf.dynamodb.engine.value;

import static dev.wharf.dynamodb.engine.value.ValueAssertions.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Items: their attributes, their order, and their size as AWS documents it. */
class ItemTest {

    @Test
    void anItemsSizeIsItsNamesAndValuesAsAwsDocumentsThem() {
        LinkedHashMap<String, Value> attributes = new LinkedHashMap<>();
        attributes.put("s", new Value.S("héllo")); // 1 + 6
        attributes.put("n", Value.N.of("123")); // 1 + 3
        attributes.put("b", Value.B.of(new byte[] {1, 2, 3})); // 1 + 3
        attributes.put("t", Value.Bool.TRUE); // 1 + 1
        attributes.put("z", Value.Null.INSTANCE); // 1 + 1
        attributes.put("l", new Value.L(List.of(new Value.S("ab"), Value.Null.INSTANCE))); // 1 + 3 + (1+2) + (1+1)
        attributes.put("m", Value.M.of(Map.of("key", new Value.S("v")))); // 1 + 3 + (1 + 3 + 1)
        attributes.put("ss", Value.SS.of("a", "bc")); // 2 + 3
        attributes.put("ns", Value.NS.of("1", "-1")); // 2 + 2 + 3
        attributes.put("€", new Value.S("")); // 3 + 0
        Item item = Item.of(attributes);
        assertThat(item.sizeBytes()).isEqualTo(7 + 4 + 4 + 2 + 2 + 9 + 9 + 5 + 7 + 3);
        assertThat(Item.EMPTY.sizeBytes()).isZero();
        assertThat(Value.L.EMPTY.sizeBytes()).isEqualTo(3);
        assertThat(Value.M.EMPTY.sizeBytes()).isEqualTo(3);
        assertThat(new Value.S("\uD83D\uDE00").sizeBytes()).isEqualTo(4);
        assertThat(new Value.S("\uD83D").sizeBytes()).isEqualTo(1);
        assertThat(new Value.S("\u07FF\u0800").sizeBytes()).isEqualTo(5);
    }

    @Test
    void anItemOverFourHundredKilobytesIsRefused() {
        String name = "data";
        Item fits = Item.of(Map.of(name, new Value.S("x".repeat(409_600 - name.length()))));
        fits.checkSize();
        Item over = Item.of(Map.of(name, new Value.S("x".repeat(409_601 - name.length()))));
        assertValidation(over::checkSize, "Item size has exceeded the maximum allowed size");
    }

    @Test
    void changesMakeNewItemsAndKeepTheOrder() {
        Item item = Item.of(Map.of("a", Value.N.of(1))).with("b", Value.N.of(2)).with("a", Value.N.of(3));
        assertThat(item.attributes().keySet()).containsExactly("a", "b");
        assertThat(item.get("a")).isEqualTo(Value.N.of(3));
        assertThat(item.has("b")).isTrue();
        assertThat(item.without("zz")).isSameAs(item);
        assertThat(item.without("a").without("b")).isSameAs(Item.EMPTY);
        assertThat(item.without("a").get("a")).isNull();
        assertThat(item.isEmpty()).isFalse();
        assertThat(Item.of(Map.of())).isSameAs(Item.EMPTY);
    }

    @Test
    void itemsAreEqualWhateverTheOrderOfTheirAttributes() {
        Item ab = Item.EMPTY.with("a", Value.N.of(1)).with("b", new Value.S("x"));
        Item ba = Item.EMPTY.with("b", new Value.S("x")).with("a", Value.N.of("1.0"));
        assertThat(ab).isEqualTo(ba).hasSameHashCodeAs(ba);
        assertThat(ab.toString()).contains("a=");
        assertThat(ab).isNotEqualTo(ab.with("c", Value.Null.INSTANCE));
    }
}
