package dev.wharf.sqs.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.ServiceBinding;
import dev.wharf.protocol.model.Member;
import dev.wharf.protocol.model.ModelDocuments;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.protocol.model.ShapeType;
import dev.wharf.sqs.api.AddPermissionRequest;
import dev.wharf.sqs.api.CancelMessageMoveTaskRequest;
import dev.wharf.sqs.api.ChangeMessageVisibilityBatchRequest;
import dev.wharf.sqs.api.ChangeMessageVisibilityRequest;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.DeleteMessageBatchRequest;
import dev.wharf.sqs.api.DeleteMessageRequest;
import dev.wharf.sqs.api.DeleteQueueRequest;
import dev.wharf.sqs.api.GetQueueAttributesRequest;
import dev.wharf.sqs.api.GetQueueUrlRequest;
import dev.wharf.sqs.api.ListDeadLetterSourceQueuesRequest;
import dev.wharf.sqs.api.ListMessageMoveTasksRequest;
import dev.wharf.sqs.api.ListQueueTagsRequest;
import dev.wharf.sqs.api.ListQueuesRequest;
import dev.wharf.sqs.api.PurgeQueueRequest;
import dev.wharf.sqs.api.ReceiveMessageRequest;
import dev.wharf.sqs.api.RemovePermissionRequest;
import dev.wharf.sqs.api.SendMessageBatchRequest;
import dev.wharf.sqs.api.SendMessageRequest;
import dev.wharf.sqs.api.SetQueueAttributesRequest;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.api.SqsError;
import dev.wharf.sqs.api.StartMessageMoveTaskRequest;
import dev.wharf.sqs.api.TagQueueRequest;
import dev.wharf.sqs.api.UntagQueueRequest;
import dev.wharf.sqs.engine.SqsEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Binds Amazon SQS's operations: model-shaped documents become api records, the engine runs, and results become
 * documents again. No operation is serialized by hand.
 */
public final class SqsBinding implements ServiceBinding {

    /** Where the official SQS model sits in its jar. */
    public static final String MODEL_RESOURCE = "META-INF/smithy/2012-11-05/sqs-2012-11-05.json";
    /** The namespace of SQS's Query XML. */
    public static final String XML_NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";

    private static final ObjectMapper RECORDS = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private record Handler<I>(Class<I> type, BiFunction<SqsContext, I, Object> run) {
        Object invoke(SqsContext context, JsonNode input) {
            I request;
            try {
                request = RECORDS.treeToValue(input, type);
            } catch (MismatchedInputException e) {
                String parameter = parameterOf(e, input);
                throw SqsError.InvalidParameterValueException.with(
                        parameter.isEmpty()
                                ? "The request is malformed."
                                : "Value for parameter " + parameter + " is invalid. Reason: type mismatch.");
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw SqsError.InvalidParameterValueException.with("The request is malformed.");
            }
            return run.apply(context, request);
        }
    }

    /**
     * Names the member that a value failed to bind to, as the request named it ({@code MessageAttributes.a.DataType}):
     * the path's field names are matched against the request's own, because records match them without case, and
     * list positions and empty names are left out. Never throws, whatever the request holds.
     */
    static String parameterOf(MismatchedInputException e, JsonNode input) {
        List<String> names = new ArrayList<>();
        @Nullable JsonNode node = input;
        for (JsonMappingException.Reference reference : e.getPath()) {
            String name = reference.getFieldName();
            if (name == null) {
                node = node == null ? null : node.get(reference.getIndex());
                continue;
            }
            String asSent = node == null ? name : nameAsSent(node, name);
            node = node == null ? null : node.get(asSent);
            if (!asSent.isEmpty()) {
                names.add(asSent);
            }
        }
        return String.join(".", names);
    }

    private static String nameAsSent(JsonNode node, String name) {
        if (node.has(name)) {
            return name;
        }
        for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (field.equalsIgnoreCase(name)) {
                return field;
            }
        }
        return name;
    }

    private final ServiceModel model;
    private final ModelDocuments documents;
    private final Map<String, Handler<?>> handlers = new HashMap<>();

    public SqsBinding(SqsEngine engine) {
        this.model = ServiceModel.load(SqsBinding.class.getClassLoader(), MODEL_RESOURCE);
        this.documents = new ModelDocuments(model);
        bind("CreateQueue", CreateQueueRequest.class, engine::createQueue);
        bind("GetQueueUrl", GetQueueUrlRequest.class, engine::getQueueUrl);
        bind("ListQueues", ListQueuesRequest.class, engine::listQueues);
        bind("DeleteQueue", DeleteQueueRequest.class, engine::deleteQueue);
        bind("GetQueueAttributes", GetQueueAttributesRequest.class, engine::getQueueAttributes);
        bind("SetQueueAttributes", SetQueueAttributesRequest.class, engine::setQueueAttributes);
        bind("TagQueue", TagQueueRequest.class, engine::tagQueue);
        bind("UntagQueue", UntagQueueRequest.class, engine::untagQueue);
        bind("ListQueueTags", ListQueueTagsRequest.class, engine::listQueueTags);
        bind("SendMessage", SendMessageRequest.class, engine::sendMessage);
        bind("SendMessageBatch", SendMessageBatchRequest.class, engine::sendMessageBatch);
        bind("ReceiveMessage", ReceiveMessageRequest.class, engine::receiveMessage);
        bind("DeleteMessage", DeleteMessageRequest.class, engine::deleteMessage);
        bind("DeleteMessageBatch", DeleteMessageBatchRequest.class, engine::deleteMessageBatch);
        bind("ChangeMessageVisibility", ChangeMessageVisibilityRequest.class, engine::changeMessageVisibility);
        bind(
                "ChangeMessageVisibilityBatch",
                ChangeMessageVisibilityBatchRequest.class,
                engine::changeMessageVisibilityBatch);
        bind("PurgeQueue", PurgeQueueRequest.class, engine::purgeQueue);
        bind("AddPermission", AddPermissionRequest.class, engine::addPermission);
        bind("RemovePermission", RemovePermissionRequest.class, engine::removePermission);
        bind("ListDeadLetterSourceQueues", ListDeadLetterSourceQueuesRequest.class, engine::listDeadLetterSourceQueues);
        bind("StartMessageMoveTask", StartMessageMoveTaskRequest.class, engine::startMessageMoveTask);
        bind("ListMessageMoveTasks", ListMessageMoveTasksRequest.class, engine::listMessageMoveTasks);
        bind("CancelMessageMoveTask", CancelMessageMoveTaskRequest.class, engine::cancelMessageMoveTask);
    }

    private <I> void bind(String operation, Class<I> type, BiFunction<SqsContext, I, Object> run) {
        if (model.operation(operation) == null) {
            throw new IllegalStateException("the SQS model has no operation " + operation);
        }
        handlers.put(operation, new Handler<>(type, run));
    }

    private boolean hasQueueUrl(@Nullable String inputShape) {
        return inputShape != null && model.shape(inputShape).members().containsKey("QueueUrl");
    }

    @Override
    public ServiceModel model() {
        return model;
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.AWS_JSON_1_0, Protocol.AWS_QUERY);
    }

    @Override
    public String queryXmlNamespace() {
        return XML_NAMESPACE;
    }

    @Override
    public JsonNode invoke(Operation operation, ObjectNode input, RequestContext context) {
        try {
            return run(operation, input, context);
        } catch (AwsException e) {
            throw worded(e, context.protocol());
        }
    }

    private JsonNode run(Operation operation, ObjectNode input, RequestContext context) {
        Handler<?> handler = handlers.get(operation.name());
        if (handler == null) {
            throw SqsError.UnsupportedOperation.with("Wharf does not implement " + operation.name() + " yet.");
        }
        String inputShape = operation.input();
        if (!input.has("QueueUrl") && context.path().length() > 1 && hasQueueUrl(inputShape)) {
            // Query clients such as the SDK v1 send the queue URL as the request's path instead of a parameter.
            input.put("QueueUrl", context.endpoint() + context.path());
        }
        if (inputShape != null) {
            if (context.protocol() == Protocol.AWS_QUERY) {
                emptyRequiredLists(input, inputShape);
            }
            String missing = documents.firstMissingRequired(input, inputShape);
            if (missing != null) {
                throw SqsError.MissingRequiredParameterException.with(
                        "The request must contain the parameter " + missing + ".");
            }
        }
        SqsContext sqsContext = new SqsContext(context.caller().accountId(), context.endpoint());
        Object result = handler.invoke(sqsContext, input);
        String outputShape = operation.output();
        return outputShape == null
                ? RECORDS.createObjectNode()
                : documents.shape(RECORDS.valueToTree(result), outputShape);
    }

    /**
     * Gives each absent required list an empty one. A Query request cannot hold an empty list, only no entries, so AWS
     * answers such a request as it answers an empty list over JSON: {@code EmptyBatchRequest} for a batch without
     * entries, not {@code MissingParameter}.
     */
    private void emptyRequiredLists(ObjectNode input, String inputShape) {
        for (Member member : model.shape(inputShape).members().values()) {
            if (member.required()
                    && !input.hasNonNull(member.name())
                    && model.shape(member.target()).type() == ShapeType.LIST) {
                input.putArray(member.name());
            }
        }
    }

    /**
     * The error as the request's protocol words it; the engine words every error as AWS does over JSON. This is the one
     * place that knows where the protocols differ: over Query, AWS says which WSDL version lacks the queue.
     */
    static AwsException worded(AwsException error, Protocol protocol) {
        if (protocol == Protocol.AWS_QUERY && error.code() == SqsError.QueueDoesNotExist) {
            return SqsError.QueueDoesNotExist.with("The specified queue does not exist for this wsdl version.");
        }
        return error;
    }
}
