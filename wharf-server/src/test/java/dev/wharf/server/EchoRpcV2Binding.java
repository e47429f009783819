package dev.wharf.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.CommonError;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.ServiceBinding;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.ServiceModel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A service of two operations that speaks Smithy RPC v2 CBOR only, from a small Smithy model: Echo answers its input
 * (or, for the text {@code fail}, a query-compatible error), Ping has neither input nor output.
 */
final class EchoRpcV2Binding implements ServiceBinding {

    static final String SERVICE = "EchoService";
    static final String FAIL = "fail";

    private static final ServiceModel MODEL =
            ServiceModel.load(EchoRpcV2Binding.class.getClassLoader(), "dev/wharf/server/rpcv2-echo.json");

    /** The contexts of the operations that ran, in order. */
    final List<RequestContext> contexts = new CopyOnWriteArrayList<>();

    @Override
    public ServiceModel model() {
        return MODEL;
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.SMITHY_RPC_V2_CBOR);
    }

    @Override
    public String queryXmlNamespace() {
        return "";
    }

    @Override
    public JsonNode invoke(Operation operation, ObjectNode input, RequestContext context) {
        contexts.add(context);
        if (input.path("Text").asText().equals(FAIL)) {
            throw CommonError.INVALID_PARAMETER_VALUE.with("The text " + FAIL + " is not echoed.");
        }
        return input;
    }
}
