package dev.wharf.iam.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Caller;
import dev.wharf.common.CommonError;
import dev.wharf.iam.api.GetCallerIdentityRequest;
import dev.wharf.iam.engine.StsEngine;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.ServiceBinding;
import dev.wharf.protocol.model.ModelDocuments;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.SdkModelReader;
import dev.wharf.protocol.model.ServiceModel;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Binds AWS STS's operations: model-shaped documents become api records, the engine runs, and results become documents
 * again. No operation is serialized by hand.
 *
 * <p>STS speaks only the Query protocol: the SDK v2, boto3 and the AWS CLI all send it {@code Action=...&Version=
 * 2011-06-15} signed for {@code sts}. Its model is read from the SDK v2's classes on the first STS request, so that a
 * server that is never asked pays nothing for it.
 */
public final class StsBinding implements ServiceBinding {

    /** STS as its Smithy model names it; the SDK's classes do not record this. */
    public static final SdkModelReader.Service SERVICE =
            new SdkModelReader.Service("com.amazonaws.sts#AWSSecurityTokenServiceV20110615", "sts", false);
    /** The namespace of STS's Query XML. */
    public static final String XML_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private static final ObjectMapper RECORDS = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private record Handler<I>(Class<I> type, BiFunction<Caller, I, Object> run) {
        Object invoke(Caller caller, JsonNode input) {
            I request;
            try {
                request = RECORDS.treeToValue(input, type);
            } catch (JacksonException e) {
                // GetCallerIdentity has no members to mistype; STS's ValidationError comes with the first that has.
                throw new IllegalArgumentException("cannot bind " + type.getSimpleName(), e);
            }
            return run.apply(caller, request);
        }
    }

    private final ServiceModel model;
    private final ModelDocuments documents;
    private final Map<String, Handler<?>> handlers;

    public StsBinding(StsEngine engine) {
        this.model = SdkModelReader.lazy(SERVICE, StsClient.class);
        this.documents = new ModelDocuments(model);
        this.handlers =
                Map.of("GetCallerIdentity", new Handler<>(GetCallerIdentityRequest.class, engine::getCallerIdentity));
    }

    /** The operations that this binding runs; the model has STS's others too, which answer that they are missing. */
    Set<String> boundOperations() {
        return handlers.keySet();
    }

    @Override
    public ServiceModel model() {
        return model;
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.AWS_QUERY);
    }

    @Override
    public String queryXmlNamespace() {
        return XML_NAMESPACE;
    }

    @Override
    public JsonNode invoke(Operation operation, ObjectNode input, RequestContext context) {
        Handler<?> handler = handlers.get(operation.name());
        if (handler == null) {
            throw CommonError.INVALID_ACTION.with("Wharf does not implement " + operation.name() + " yet.");
        }
        Object result = handler.invoke(context.caller(), input);
        String outputShape = operation.output();
        return outputShape == null
                ? RECORDS.createObjectNode()
                : documents.shape(RECORDS.valueToTree(result), outputShape);
    }
}
