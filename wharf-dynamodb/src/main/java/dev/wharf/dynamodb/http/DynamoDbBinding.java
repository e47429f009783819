package dev.wharf.dynamodb.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.CancellationReason;
import dev.wharf.dynamodb.api.DynamoDbContext;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.ErrorDetails;
import dev.wharf.dynamodb.engine.DynamoDbEngine;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.ServiceBinding;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.model.ModelRecords;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.SdkModelReader;
import dev.wharf.protocol.model.ServiceModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Binds DynamoDB's operations: model-shaped documents become api records, the engine runs, and results become
 * documents again, both by {@link ModelRecords}. No operation is serialized by hand.
 *
 * <p>DynamoDB speaks AWS JSON 1.0 ({@code X-Amz-Target: DynamoDB_20120810.<Operation>}), signed for {@code dynamodb}.
 * Every answer carries {@code x-amz-crc32}, the CRC-32 of its body, which the SDKs check, as DynamoDB sends it. The
 * errors with members beside their message are written here: TransactionCanceledException's CancellationReasons (with
 * its message as {@code Message}, as DynamoDB writes it for that error), and a ConditionalCheckFailedException's Item.
 * The model is read from the SDK v2's classes, for the operations that Wharf serves, and the engine made, on the first
 * DynamoDB request.
 */
public final class DynamoDbBinding implements ServiceBinding {

    static final String SERVICE_ID = "com.amazonaws.dynamodb#DynamoDB_20120810";
    private static final String ATTRIBUTE_VALUE = "com.amazonaws.dynamodb#AttributeValue";

    /** The operations that Wharf serves; the rest of DynamoDB (backups, exports, global tables, PartiQL) is not. */
    static final List<String> OPERATIONS = List.of(
            "CreateTable",
            "DescribeTable",
            "UpdateTable",
            "DeleteTable",
            "ListTables",
            "TagResource",
            "UntagResource",
            "ListTagsOfResource",
            "DescribeTimeToLive",
            "UpdateTimeToLive",
            "DescribeContinuousBackups",
            "UpdateContinuousBackups",
            "DescribeLimits",
            "DescribeEndpoints",
            "GetItem",
            "PutItem",
            "UpdateItem",
            "DeleteItem",
            "Query",
            "Scan",
            "BatchGetItem",
            "BatchWriteItem",
            "TransactWriteItems",
            "TransactGetItems");

    /** The binding of one operation: its input record and the engine's method. */
    record Handler<I extends Record>(Class<I> type, BiFunction<DynamoDbContext, I, @Nullable Object> run) {}

    private final ServiceModel model;
    private final ModelRecords records;
    private final String region;
    private final Supplier<DynamoDbEngine> engines;
    private volatile @Nullable DynamoDbEngine engine;
    private volatile @Nullable Map<String, Handler<?>> handlers;

    public DynamoDbBinding(DynamoDbEngine engine, String region) {
        this(() -> engine, region);
    }

    /** A binding whose engine is made on the first DynamoDB request: {@code engines} is called once. */
    public DynamoDbBinding(Supplier<DynamoDbEngine> engines, String region) {
        this.model = ServiceModel.lazy(
                SERVICE_ID,
                "dynamodb",
                false,
                () -> SdkModelReader.read(
                        new SdkModelReader.Service(SERVICE_ID, "dynamodb", false).withJsonLocationNames(),
                        DynamoDbClient.class,
                        OPERATIONS));
        // DynamoDB answers empty lists and maps as it has them: "Items": [] of a Query, "UnprocessedKeys": {}.
        this.records = new ModelRecords(model, true);
        this.region = region;
        this.engines = engines;
    }

    /** The engine, made on first use; null until then. */
    public @Nullable DynamoDbEngine engineIfMade() {
        return engine;
    }

    private DynamoDbEngine engine() {
        DynamoDbEngine made = engine;
        if (made == null) {
            synchronized (this) {
                made = engine;
                if (made == null) {
                    made = engines.get();
                    engine = made;
                }
            }
        }
        return made;
    }

    private Map<String, Handler<?>> handlers() {
        Map<String, Handler<?>> table = handlers;
        if (table == null) {
            synchronized (this) {
                table = handlers;
                if (table == null) {
                    Map<String, Handler<?>> made = new HashMap<>();
                    DynamoDbOperations.bind(engine(), made);
                    table = Map.copyOf(made);
                    handlers = table;
                }
            }
        }
        return table;
    }

    /** The operations that this binding runs. */
    Set<String> boundOperations() {
        return handlers().keySet();
    }

    @Override
    public ServiceModel model() {
        return model;
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.AWS_JSON_1_0);
    }

    @Override
    public String queryXmlNamespace() {
        return "";
    }

    /**
     * {@inheritDoc}
     *
     * <p>A failure after the request reached DynamoDB, reading its input or in the engine, is told to the engine
     * before it is answered, for CloudWatch's UserErrors and SystemErrors.
     */
    @Override
    public JsonNode invoke(Operation operation, ObjectNode input, RequestContext context) {
        DynamoDbContext caller = new DynamoDbContext(context.caller().accountId(), region);
        Object result;
        if (operation.name().equals("DescribeEndpoints")) {
            result = engine().describeEndpoints(caller, address(context.endpoint()));
        } else {
            Handler<?> handler = handlers().get(operation.name());
            if (handler == null) {
                AwsException unknown =
                        DynamoDbError.Validation.with("Wharf does not implement " + operation.name() + " yet.");
                engine().onFailure(caller, operation.name(), null, unknown);
                throw unknown;
            }
            result = run(handler, caller, input, operation);
        }
        String outputShape = operation.output();
        if (outputShape == null || !(result instanceof Record record)) {
            return JsonNodeFactory.instance.objectNode();
        }
        return records.toDocument(record, outputShape);
    }

    /** The host and port of an endpoint such as {@code http://localhost:4566}, as DescribeEndpoints names one. */
    static String address(String endpoint) {
        int scheme = endpoint.indexOf("://");
        return scheme < 0 ? endpoint : endpoint.substring(scheme + 3);
    }

    private <I extends Record> @Nullable Object run(
            Handler<I> handler, DynamoDbContext context, ObjectNode input, Operation operation) {
        I request;
        try {
            request = request(input, handler.type(), operation.input());
        } catch (RuntimeException e) {
            engine().onFailure(context, operation.name(), null, e);
            throw e;
        }
        try {
            return handler.run().apply(context, request);
        } catch (RuntimeException e) {
            engine().onFailure(context, operation.name(), request, e);
            throw e;
        }
    }

    private <I extends Record> I request(JsonNode input, Class<I> type, @Nullable String inputShape) {
        try {
            return records.toRecord(input, type, inputShape);
        } catch (ModelRecords.UnpairedSurrogateException e) {
            throw CommonError.SERIALIZATION.with(
                    "The request body holds a string that is not valid Unicode: it has an unpaired surrogate.");
        } catch (ModelRecords.MismatchException e) {
            throw DynamoDbError.Serialization.with("The request is malformed.");
        }
    }

    @Override
    public @Nullable ObjectNode errorDocument(AwsException error) {
        ObjectNode members = JsonNodeFactory.instance.objectNode();
        String message = String.valueOf(error.getMessage());
        switch (error.detail()) {
            case ErrorDetails.TransactionCanceled canceled -> {
                ArrayNode reasons = members.putArray("CancellationReasons");
                for (CancellationReason reason : canceled.cancellationReasons()) {
                    ObjectNode written = reasons.addObject();
                    if (reason.item() != null) {
                        written.set("Item", item(reason.item()));
                    }
                    written.put("Code", reason.code());
                    if (reason.message() != null) {
                        written.put("Message", reason.message());
                    }
                }
                members.put("Message", message);
            }
            case ErrorDetails.ConditionalCheckFailed failed -> {
                members.put("message", message);
                members.set("Item", item(failed.item()));
            }
            case null, default -> {
                return null;
            }
        }
        return members;
    }

    private ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode written = JsonNodeFactory.instance.objectNode();
        item.forEach((name, value) -> written.set(name, records.toDocument(value, ATTRIBUTE_VALUE)));
        return written;
    }

    @Override
    public WireResponse finish(WireResponse response) {
        CRC32 crc = new CRC32();
        crc.update(response.body());
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put("x-amz-crc32", Long.toString(crc.getValue()));
        return new WireResponse(response.status(), response.contentType(), headers, response.body(), response.stream());
    }
}
