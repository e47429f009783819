package dev.wharf.protocol;

/** The wire protocols that Wharf speaks; REST-JSON and CBOR join with the services that need them. */
public enum Protocol {
    AWS_QUERY("text/xml"),
    AWS_JSON_1_0("application/x-amz-json-1.0"),
    AWS_JSON_1_1("application/x-amz-json-1.1");

    private final String responseContentType;

    Protocol(String responseContentType) {
        this.responseContentType = responseContentType;
    }

    public String responseContentType() {
        return responseContentType;
    }
}
