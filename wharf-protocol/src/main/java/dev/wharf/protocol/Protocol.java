package dev.wharf.protocol;

/** The wire protocols that Wharf speaks; others join with the services that need them. */
public enum Protocol {
    AWS_QUERY("text/xml"),
    AWS_JSON_1_0("application/x-amz-json-1.0"),
    AWS_JSON_1_1("application/x-amz-json-1.1"),
    /** The JSON 1.1 RPC with CBOR bodies, which the Java SDKs use for Kinesis by default. */
    AWS_CBOR_1_1("application/x-amz-cbor-1.1"),
    /**
     * Smithy's RPC v2 with CBOR bodies, which current SDKs speak to CloudWatch: the operation in the path ({@code
     * /service/{Service}/operation/{Operation}}) and a {@code smithy-protocol: rpc-v2-cbor} header.
     */
    SMITHY_RPC_V2_CBOR("application/cbor"),
    /**
     * S3's REST-XML: the operation in the method, path, query and headers, members bound to each, and XML payloads
     * ({@link dev.wharf.protocol.restxml.RestXmlCodec}).
     */
    REST_XML("application/xml"),
    /**
     * Amazon MQ's REST-JSON: the operation in the method and path, members bound to the URI, query and headers, and
     * JSON bodies under each member's JSON name ({@link dev.wharf.protocol.restjson.RestJsonCodec}).
     */
    REST_JSON("application/json");

    private final String responseContentType;

    Protocol(String responseContentType) {
        this.responseContentType = responseContentType;
    }

    public String responseContentType() {
        return responseContentType;
    }
}
