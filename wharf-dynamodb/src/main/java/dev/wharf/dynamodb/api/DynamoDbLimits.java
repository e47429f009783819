package dev.wharf.dynamodb.api;

/** DynamoDB's size limits on items, values and expressions, as AWS documents them. */
public final class DynamoDbLimits {

    /** An item's size, its attribute names included: 400 KB. */
    public static final int ITEM_SIZE_BYTES_MAX = 409_600;

    /** A number's significant digits, leading and trailing zeros not counted. */
    public static final int NUMBER_PRECISION_MAX = 38;

    /** The largest power of ten a number may reach: magnitudes up to 9.9999999999999999999999999999999999999E+125. */
    public static final int NUMBER_EXPONENT_MAX = 125;

    /** The smallest power of ten a nonzero number may reach: magnitudes from 1E-130. */
    public static final int NUMBER_EXPONENT_MIN = -130;

    /**
     * How deeply lists and maps may nest: AWS documents 32 levels, the attribute itself being the first, so an item
     * takes 31 maps or lists inside each other and refuses a 32nd.
     */
    public static final int NESTING_DEPTH_MAX = 31;

    /** A partition key value's size. */
    public static final int PARTITION_KEY_BYTES_MAX = 2048;

    /** A sort key value's size. */
    public static final int SORT_KEY_BYTES_MAX = 1024;

    /** Any expression's length, in characters: 4 KB. */
    public static final int EXPRESSION_LENGTH_MAX = 4096;

    /** The operands on the right of one {@code IN}. */
    public static final int IN_OPERANDS_MAX = 100;

    /** ExpressionAttributeNames and ExpressionAttributeValues, together, in bytes of names and values: 80 KB. */
    public static final int EXPRESSION_ATTRIBUTES_BYTES_MAX = 81_920;

    /** An attribute name's length in UTF-8 bytes, outside the key (key attributes have at most 255). */
    public static final int ATTRIBUTE_NAME_BYTES_MAX = 65_535;

    private DynamoDbLimits() {}
}
