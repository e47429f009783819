package dev.wharf.mq.engine.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

record AttributeType(
        AttributeType.Kind kind,
        String typeName,
        List<String> enumeration,
        @Nullable BigInteger min,
        @Nullable BigInteger max) {
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DOUBLE =
            Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?|-?INF|NaN");
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger SHORT_MIN = BigInteger.valueOf(-32768L);
    private static final BigInteger SHORT_MAX = BigInteger.valueOf(32767L);

    AttributeType {
        enumeration = List.copyOf(enumeration);
    }

    static AttributeType parse(String spec, String attribute, String element) {
        String body = spec;
        String name = null;
        int colon = spec.indexOf(58);
        if (colon >= 0) {
            body = spec.substring(0, colon);
            name = spec.substring(colon + 1);
        }

        String anonymous = "#AnonType_" + attribute + element;
        if (body.startsWith("enum(") && body.endsWith(")")) {
            List<String> values = List.of(body.substring(5, body.length() - 1).split("\\|"));
            return new AttributeType(AttributeType.Kind.STRING, name != null ? name : anonymous, values, null, null);
        }

        int bracket = body.indexOf(91);
        if (bracket >= 0 && body.endsWith("]")) {
            String[] bounds = body.substring(bracket + 1, body.length() - 1).split("\\.\\.");
            if (bounds.length != 2) {
                throw new IllegalArgumentException("a range needs min..max: " + spec);
            } else {
                return new AttributeType(
                        kind(body.substring(0, bracket), spec),
                        name != null ? name : anonymous,
                        List.of(),
                        new BigInteger(bounds[0]),
                        new BigInteger(bounds[1]));
            }
        } else {
            AttributeType.Kind kind = kind(body, spec);
            return new AttributeType(kind, name != null ? name : kind.schemaName(), List.of(), null, null);
        }
    }

    private static AttributeType.Kind kind(String name, String spec) {
        for (AttributeType.Kind kind : AttributeType.Kind.values()) {
            if (kind.schemaName().equals(name)) {
                return kind;
            }
        }

        throw new IllegalArgumentException("unknown type " + spec);
    }

    List<String> errors(String value, String attribute, String element) {
        String collapsed = this.kind == AttributeType.Kind.STRING ? value : value.strip();
        String facet = this.facetError(collapsed);
        if (facet == null) {
            return List.of();
        }

        List<String> errors = new ArrayList<>(2);
        errors.add("cvc-attribute.3: The value '"
                + collapsed
                + "' of attribute '"
                + attribute
                + "' on element '"
                + element
                + "' is not valid with respect to its type, '"
                + this.typeName
                + "'.");
        errors.add(facet);
        return errors;
    }

    private @Nullable String facetError(String value) {
        String datatype =
                "cvc-datatype-valid.1.2.1: '" + value + "' is not a valid value for '" + this.kind.schemaName() + "'.";
        switch (this.kind) {
            case STRING:
                return !this.enumeration.isEmpty() && !this.enumeration.contains(value)
                        ? "cvc-enumeration-valid: Value '"
                                + value
                                + "' is not facet-valid with respect to enumeration '"
                                + this.enumeration.toString()
                                + "'. It must be a value from the enumeration."
                        : null;
            case BOOLEAN:
                return !value.equals("true") && !value.equals("false") && !value.equals("1") && !value.equals("0")
                        ? datatype
                        : null;
            case INTEGER:
            case LONG:
            case SHORT:
                if (!INTEGER.matcher(value).matches()) {
                    return datatype;
                }

                return this.rangeError(value, new BigInteger(value));
            case DOUBLE:
                return DOUBLE.matcher(value).matches() ? null : datatype;
            default:
                throw new AssertionError(this.kind);
        }
    }

    private @Nullable String rangeError(String value, BigInteger number) {
        BigInteger low = this.min;
        BigInteger high = this.max;
        if (this.kind == AttributeType.Kind.LONG) {
            low = low != null ? low : LONG_MIN;
            high = high != null ? high : LONG_MAX;
        } else if (this.kind == AttributeType.Kind.SHORT) {
            low = low != null ? low : SHORT_MIN;
            high = high != null ? high : SHORT_MAX;
        }

        if (low != null && number.compareTo(low) < 0) {
            return "cvc-minInclusive-valid: Value '"
                    + value
                    + "' is not facet-valid with respect to minInclusive '"
                    + low
                    + "' for type '"
                    + this.typeName
                    + "'.";
        } else {
            return high != null && number.compareTo(high) > 0
                    ? "cvc-maxInclusive-valid: Value '"
                            + value
                            + "' is not facet-valid with respect to maxInclusive '"
                            + high
                            + "' for type '"
                            + this.typeName
                            + "'."
                    : null;
        }
    }

    enum Kind {
        STRING,
        BOOLEAN,
        INTEGER,
        LONG,
        SHORT,
        DOUBLE;

        String schemaName() {
            return this.name().toLowerCase(Locale.ROOT);
        }
    }
}
