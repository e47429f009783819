package dev.wharf.dynamodb.engine.expr;

/**
 * The kinds of mistake that DynamoDB finds in an expression once it has parsed it. When an expression holds several,
 * DynamoDB reports one of them by a fixed precedence of kinds, which differs between condition and update expressions;
 * each parser gives its order to {@link TokenStream#throwProblems}.
 */
enum Problem {
    REDUNDANT_PARENTHESES,
    UNKNOWN_FUNCTION,
    MISUSED_FUNCTION,
    RESERVED_WORD,
    SECTION_REPEATED,
    UNDEFINED_NAME,
    UNDEFINED_VALUE,
    PATH_OVERLAP,
    PATH_CONFLICT,
    ACTION_OPERAND_TYPE,
    OPERAND_COUNT,
    NOT_DISTINCT,
    REQUIRES_PATH,
    OPERAND_TYPE
}
