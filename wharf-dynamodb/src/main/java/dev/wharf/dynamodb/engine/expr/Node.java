package dev.wharf.dynamodb.engine.expr;

import java.util.List;

/**
 * What the condition parser makes of a stretch of tokens before it knows the stretch's role: a predicate, an operand,
 * or a function call that is one or the other by its name.
 */
sealed interface Node permits Predicate, Operand, Node.Call {

    /**
     * A function call, as written, with the token after each argument (for a syntax error at an argument that is a
     * condition); {@link ConditionParser} decides whether the call is a predicate or an operand.
     */
    record Call(Token name, List<Node> arguments, List<Token> afterArguments) implements Node {}
}
