package dev.wharf.bench.fuzz;

/** The rules a correct server keeps for every request, however hostile; each broken rule is one violation. */
enum Violation {
    SERVER_ERROR("5xx-for-client-error", "a 5xx (other than a documented 503) answered a request"),
    UNDOCUMENTED_503("undocumented-503", "a 503 that is not one of the documented overload or limit answers"),
    ERROR_SHAPE("malformed-error-shape", "an error body that is not the error shape of the request's protocol"),
    SUCCESS_SHAPE("malformed-success-body", "a 2xx body that does not parse in the request's protocol"),
    MISSING_REQUEST_ID("missing-request-id", "an answer without x-amzn-RequestId"),
    REQUEST_ID_MISMATCH("request-id-mismatch", "a Query RequestId that differs from the x-amzn-RequestId header"),
    LEAKED_INTERNALS("leaked-internals", "a stack trace or a Java class name in an answer"),
    MALFORMED_RESPONSE("malformed-http-response", "bytes that are not an HTTP/1.1 response"),
    NO_RESPONSE("no-response", "the connection closed without an answer to a complete request"),
    TIMEOUT("timeout", "no answer, and no close, in time"),
    OUT_OF_ORDER("pipeline-out-of-order", "pipelined answers in another order than their requests"),
    PIPELINE_DROPPED("pipeline-dropped", "a pipeline cut short without a Connection: close answer"),
    KEPT_ALIVE("kept-alive-after-ambiguous-framing", "both Content-Length and chunked, and the connection stayed"),
    STREAM_DESYNC("stream-out-of-step", "the connection did not answer a health check correctly after the case"),
    LOG_FORGING("log-forging", "a line the request forged appeared on its own in the server's log"),
    SERVER_DOWN("server-down", "the server died or its health check failed");

    final String label;
    final String meaning;

    Violation(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    /** One violation seen, with what showed it. */
    record Finding(Violation violation, String detail) {}
}
