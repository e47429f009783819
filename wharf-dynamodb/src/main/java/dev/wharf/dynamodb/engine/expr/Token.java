package dev.wharf.dynamodb.engine.expr;

/** One lexical token of an expression: its kind, its text, and where it stands in the expression. */
record Token(Kind kind, String text, int start, int end) {

    /** The closed set of tokens. */
    enum Kind {
        /** A word: an attribute name, a function's name or a keyword such as AND or SET. */
        WORD,
        /** {@code #name}, a placeholder from ExpressionAttributeNames. */
        NAME,
        /** {@code :value}, a placeholder from ExpressionAttributeValues. */
        VALUE,
        /** Digits, which only a list index may hold. */
        NUMBER,
        EQUAL,
        NOT_EQUAL,
        LESS,
        LESS_OR_EQUAL,
        GREATER,
        GREATER_OR_EQUAL,
        LEFT_PAREN,
        RIGHT_PAREN,
        LEFT_BRACKET,
        RIGHT_BRACKET,
        COMMA,
        DOT,
        PLUS,
        MINUS,
        /** Any other character, which no expression may hold; the parser reports it as the token of a syntax error. */
        OTHER,
        END
    }

    /** True when this is the word, in any case, as DynamoDB reads its keywords. */
    boolean isKeyword(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    /** The token as DynamoDB names it in a syntax error. */
    String shown() {
        return kind == Kind.END ? "<EOF>" : text;
    }
}
