package dev.wharf.cloudwatch.engine.math;

/** One lexical token of an expression, with its text and its 1-based position in the expression. */
record Token(Kind kind, String text, int position) {

    /** The closed set of tokens. */
    enum Kind {
        NUMBER,
        STRING,
        /** A word that starts with a lower-case letter: a query's Id. */
        ID,
        /** A word that starts with an upper-case letter: a function's name or a keyword such as REPEAT. */
        WORD,
        PLUS,
        MINUS,
        STAR,
        SLASH,
        CARET,
        LESS,
        LESS_OR_EQUAL,
        GREATER,
        GREATER_OR_EQUAL,
        EQUAL,
        NOT_EQUAL,
        AND,
        OR,
        NOT,
        LEFT_PAREN,
        RIGHT_PAREN,
        LEFT_BRACKET,
        RIGHT_BRACKET,
        COMMA,
        END
    }

    /** How the token reads in an error: its text, quoted, and a string as such. */
    String quoted() {
        return (kind == Kind.STRING ? "string \"" : "\"") + text + "\"";
    }
}
