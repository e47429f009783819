package dev.wharf.dynamodb.engine.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

/** Makes random values of every type, for the property tests, from a seed so that a failure repeats. */
final class RandomValues {

    private static final String ALPHABET = "aZ0 _-.é€\uE000\uFFFD\uD83D\uDE00\u0000\u007F";

    private final Random random;

    RandomValues(long seed) {
        random = new Random(seed);
    }

    String string() {
        int length = random.nextInt(6);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(ALPHABET.length());
            char c = ALPHABET.charAt(at);
            if (Character.isHighSurrogate(c)) {
                text.append(c).append(ALPHABET.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                text.append(c);
            }
        }
        return text.toString();
    }

    BigDecimal number() {
        if (random.nextInt(10) == 0) {
            return BigDecimal.ZERO;
        }
        int digits = 1 + random.nextInt(random.nextBoolean() ? 3 : 38);
        BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
        if (unscaled.signum() == 0) {
            unscaled = BigInteger.ONE;
        }
        int scale = random.nextInt(random.nextBoolean() ? 6 : 200) - (random.nextBoolean() ? 3 : 80);
        BigDecimal number = new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), scale);
        long exponent = Numbers.exponent(number.stripTrailingZeros());
        return exponent > 125 || exponent < -130 ? BigDecimal.ONE : number;
    }

    Bytes bytes() {
        byte[] bytes = new byte[random.nextInt(5)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (random.nextBoolean() ? random.nextInt(256) : random.nextInt(3) - 1);
        }
        return Bytes.copyOf(bytes);
    }

    /** A random key value: S, N or B. */
    Value key(Type type) {
        return switch (type) {
            case S -> new Value.S(string());
            case N -> new Value.N(number());
            case B -> new Value.B(bytes());
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    Value value(int depth) {
        int pick = random.nextInt(depth > 3 ? 8 : 10);
        return switch (pick) {
            case 0 -> new Value.S(string());
            case 1 -> new Value.N(number());
            case 2 -> new Value.B(bytes());
            case 3 -> Value.Bool.of(random.nextBoolean());
            case 4 -> Value.Null.INSTANCE;
            case 5 -> {
                LinkedHashSet<String> set = new LinkedHashSet<>();
                set.add(string());
                set.add(string());
                yield new Value.SS(set);
            }
            case 6 -> {
                LinkedHashSet<BigDecimal> set = new LinkedHashSet<>();
                set.add(Numbers.canonical(number()));
                BigDecimal other = Numbers.canonical(number());
                if (!set.contains(other)) {
                    set.add(other);
                }
                yield new Value.NS(set);
            }
            case 7 -> {
                LinkedHashSet<Bytes> set = new LinkedHashSet<>();
                set.add(bytes());
                yield new Value.BS(set);
            }
            case 8 -> {
                List<Value> list = new ArrayList<>();
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    list.add(value(depth + 1));
                }
                yield new Value.L(list);
            }
            default -> {
                LinkedHashMap<String, Value> map = new LinkedHashMap<>();
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    map.put(string(), value(depth + 1));
                }
                yield new Value.M(map);
            }
        };
    }

    Item item() {
        LinkedHashMap<String, Value> attributes = new LinkedHashMap<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            attributes.put("a" + string(), value(0));
        }
        return Item.of(attributes);
    }
}
