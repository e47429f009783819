package dev.wharf.dynamodb.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stored form of items: a round trip for every type, a fixed layout, and corrupt bytes refused. */
class ItemBytesTest {

    @Test
    void randomItemsComeBackEqualWithTheirOrder() {
        RandomValues random = new RandomValues(42);
        for (int i = 0; i < 2_000; i++) {
            Item item = random.item();
            Item back = ItemBytes.decode(ItemBytes.encode(item));
            assertThat(back).isEqualTo(item);
            assertThat(List.copyOf(back.attributes().keySet()))
                    .isEqualTo(List.copyOf(item.attributes().keySet()));
            assertThat(back.sizeBytes()).isEqualTo(item.sizeBytes());
        }
    }

    @Test
    void theLayoutIsStable() {
        LinkedHashMap<String, Value> attributes = new LinkedHashMap<>();
        attributes.put("k", new Value.S("v"));
        attributes.put("n", new Value.N(new BigDecimal("-1.5")));
        attributes.put("t", Value.Bool.TRUE);
        attributes.put("z", Value.Null.INSTANCE);
        attributes.put("l", new Value.L(List.of(Value.B.of(new byte[] {(byte) 0xFF}))));
        attributes.put("m", Value.M.of(Map.of("x", Value.SS.of("s"))));
        attributes.put("ns", Value.NS.of("300"));
        // format 1, 7 attributes; "k" S "v"; "n" N scale 1 (zig-zag 2) unscaled -15 (0xF1); "t" BOOL 1; "z" NULL;
        // "l" L [B ff]; "m" M {x: SS [s]}; "ns" NS [scale -2 (zig-zag 3), unscaled 3].
        assertThat(HexFormat.of().formatHex(ItemBytes.encode(Item.of(attributes))))
                .isEqualTo("0107" + "016b" + "00" + "0176" + "016e" + "01" + "02" + "01f1" + "0174" + "03" + "01"
                        + "017a" + "04" + "016c" + "05" + "01" + "02" + "01ff" + "016d" + "06" + "01" + "0178" + "07"
                        + "01" + "0173" + "026e73" + "08" + "01" + "03" + "0103");
    }

    @Test
    void bytesThatAreNoItemAreRefused() {
        byte[] good = ItemBytes.encode(Item.EMPTY.with("a", new Value.S("text")));
        assertThatThrownBy(() -> ItemBytes.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ItemBytes.decode(new byte[] {2, 0})).hasMessageContaining("format");
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> ItemBytes.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> ItemBytes.decode(trailing)).hasMessageContaining("trailing");
        assertThatThrownBy(() -> ItemBytes.decode(new byte[] {1, 1, 1, 'a', 99}))
                .hasMessageContaining("tag");
        assertThatThrownBy(() -> ItemBytes.decode(new byte[] {1, 1, 1, 'a', 7, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ItemBytes.decode(new byte[] {1, 1, 1, 'a', 1, 0, 0}))
                .hasMessageContaining("without digits");
        assertThatThrownBy(() -> ItemBytes.decode(new byte[] {
                    1,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF
                }))
                .hasMessageContaining("varint");
        assertThatThrownBy(() -> ItemBytes.decode(new byte[] {1, 1, 1, 'a', 7, 2, 1, 'x', 1, 'x'}))
                .hasMessageContaining("twice");
        byte[] deep = new byte[5 + 2 * 70];
        deep[0] = 1;
        deep[1] = 1;
        deep[2] = 1;
        deep[3] = 'a';
        for (int i = 0; i < 70; i++) {
            deep[4 + 2 * i] = 5;
            deep[5 + 2 * i] = 1;
        }
        assertThatThrownBy(() -> ItemBytes.decode(deep)).isInstanceOf(IllegalArgumentException.class);
    }
}
