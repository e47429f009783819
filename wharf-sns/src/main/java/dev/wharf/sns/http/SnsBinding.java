package dev.wharf.sns.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.protocol.InternalRequest;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.ServiceBinding;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.model.ModelDocuments;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.SdkModelReader;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.engine.SnsEngine;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Binds Amazon SNS's operations: model-shaped documents become api records, the engine runs, and results become
 * documents again. No operation is serialized by hand.
 *
 * <p>SNS speaks only the Query protocol (version {@code 2010-03-31}), signed for {@code sns}. Its model is read from
 * the SDK v2's classes on the first SNS request, so that a server that is never asked pays nothing for it.
 */
public final class SnsBinding implements ServiceBinding {

    /** SNS as its Smithy model names it; the SDK's classes do not record this. */
    public static final SdkModelReader.Service SERVICE = new SdkModelReader.Service(
                    "com.amazonaws.sns#AmazonSimpleNotificationService", "sns", false)
            .withoutOutput(Set.of(
                    "AddPermission",
                    "DeleteEndpoint",
                    "DeletePlatformApplication",
                    "DeleteTopic",
                    "PutDataProtectionPolicy",
                    "RemovePermission",
                    "SetEndpointAttributes",
                    "SetPlatformApplicationAttributes",
                    "SetSubscriptionAttributes",
                    "SetTopicAttributes",
                    "Unsubscribe"));
    /** The namespace of SNS's Query XML. */
    public static final String XML_NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

    /** What a SubscribeURL or an UnsubscribeURL runs: AWS lets anyone who holds the link follow it unsigned. */
    private static final Set<String> ANONYMOUS = Set.of("ConfirmSubscription", "Unsubscribe");

    private static final ObjectMapper RECORDS = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private record Handler<I>(Class<I> type, BiFunction<SnsContext, I, Object> run) {
        Object invoke(SnsContext context, JsonNode input) {
            I request;
            try {
                request = RECORDS.treeToValue(input, type);
            } catch (JacksonException e) {
                // The Query codec has typed every scalar by the model, so only a shape the records cannot hold is left.
                throw SnsError.InvalidParameter.with("Invalid parameter: the request is malformed.");
            }
            return run.apply(context, request);
        }
    }

    private final ServiceModel model;
    private final ModelDocuments documents;
    private final Map<String, Handler<?>> handlers = new HashMap<>();
    private final SnsInternalResources internal;

    public SnsBinding(SnsEngine engine) {
        this.model = SdkModelReader.lazy(SERVICE, SnsClient.class);
        this.documents = new ModelDocuments(model);
        this.internal = new SnsInternalResources(engine);
        SnsOperations.bind(engine, this);
    }

    <I> void bind(String operation, Class<I> type, BiFunction<SnsContext, I, Object> run) {
        handlers.put(operation, new Handler<>(type, run));
    }

    /** The operations that this binding runs. */
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
    public boolean allowsAnonymous(String operation) {
        return ANONYMOUS.contains(operation);
    }

    /** The SMS and push notifications that SNS sent, and phone numbers' opt-outs, at LocalStack's paths. */
    @Override
    public @Nullable WireResponse serveInternal(InternalRequest request) {
        return internal.serve(request);
    }

    @Override
    public JsonNode invoke(Operation operation, ObjectNode input, RequestContext context) {
        Handler<?> handler = handlers.get(operation.name());
        if (handler == null) {
            throw SnsError.InvalidParameter.with("Wharf does not implement " + operation.name() + " yet.");
        }
        SnsContext snsContext = new SnsContext(context.caller().accountId(), context.endpoint());
        Object result = handler.invoke(snsContext, input);
        String outputShape = operation.output();
        if (outputShape == null) {
            return RECORDS.createObjectNode();
        }
        JsonNode tree = RECORDS.valueToTree(result);
        return withEmptyLists(tree, documents.shape(tree, outputShape), outputShape);
    }

    /**
     * Puts back the result's empty lists, which shaping drops: SNS answers an empty list element ({@code <Endpoints/>}),
     * which boto3 reads as {@code []}, as AWS's recorded answers show.
     */
    private ObjectNode withEmptyLists(JsonNode tree, ObjectNode shaped, String outputShape) {
        for (dev.wharf.protocol.model.Member member :
                model.shape(outputShape).members().values()) {
            if (shaped.has(member.name())
                    || model.shape(member.target()).type() != dev.wharf.protocol.model.ShapeType.LIST) {
                continue;
            }
            for (Map.Entry<String, JsonNode> field : tree.properties()) {
                if (field.getKey().equalsIgnoreCase(member.name())
                        && field.getValue().isArray()
                        && field.getValue().isEmpty()) {
                    shaped.putArray(member.name());
                }
            }
        }
        return shaped;
    }
}
