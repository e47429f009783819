package dev.wharf.firehose.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.CommonError;
import dev.wharf.firehose.api.CreateDeliveryStreamRequest;
import dev.wharf.firehose.api.DeleteDeliveryStreamRequest;
import dev.wharf.firehose.api.DescribeDeliveryStreamRequest;
import dev.wharf.firehose.api.FirehoseContext;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.ListDeliveryStreamsRequest;
import dev.wharf.firehose.api.ListTagsForDeliveryStreamRequest;
import dev.wharf.firehose.api.PutRecordBatchRequest;
import dev.wharf.firehose.api.PutRecordRequest;
import dev.wharf.firehose.api.StartDeliveryStreamEncryptionRequest;
import dev.wharf.firehose.api.StopDeliveryStreamEncryptionRequest;
import dev.wharf.firehose.api.TagDeliveryStreamRequest;
import dev.wharf.firehose.api.UntagDeliveryStreamRequest;
import dev.wharf.firehose.api.UpdateDestinationRequest;
import dev.wharf.firehose.engine.FirehoseEngine;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.ServiceBinding;
import dev.wharf.protocol.model.ModelRecords;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.SdkModelReader;
import dev.wharf.protocol.model.ServiceModel;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * Binds Amazon Data Firehose's operations: model-shaped documents become api records, the engine runs, and results
 * become documents again, both by {@link ModelRecords}. No operation is serialized by hand.
 *
 * <p>Firehose speaks AWS JSON 1.1 ({@code X-Amz-Target: Firehose_20150804.<Operation>}), signed for {@code firehose};
 * blobs are base64 text and timestamps epoch seconds, which the records hold as {@code byte[]} and {@link
 * java.time.Instant}. The model is read from the SDK v2's classes on the first Firehose request, and the engine is
 * made then too, unless the server made it at start because its store holds delivery streams.
 */
public final class FirehoseBinding implements ServiceBinding {

    static final String SERVICE_ID = "com.amazonaws.firehose#Firehose_20150804";

    /** The binding of one operation: its input record and the engine's method. */
    record Handler<I extends Record>(Class<I> type, BiFunction<FirehoseContext, I, Object> run) {}

    private final ServiceModel model;
    private final ModelRecords records;
    private final String region;
    private final Supplier<FirehoseEngine> engines;
    /** The engine, made on the first Firehose request; guarded by this binding's monitor until it is set. */
    private volatile @Nullable FirehoseEngine engine;
    /** The operations' handlers, made on the first request, as the model is. */
    private volatile @Nullable Map<String, Handler<?>> handlers;

    /** A binding whose engine is made on the first Firehose request: {@code engines} is called once. */
    public FirehoseBinding(Supplier<FirehoseEngine> engines, String region) {
        this.model = ServiceModel.lazy(
                SERVICE_ID,
                "firehose",
                false,
                () -> SdkModelReader.read(
                        new SdkModelReader.Service(SERVICE_ID, "firehose", false), FirehoseClient.class));
        this.records = new ModelRecords(model, true);
        this.region = region;
        this.engines = engines;
    }

    private FirehoseEngine engine() {
        FirehoseEngine made = engine;
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
                    table = Map.copyOf(table(engine()));
                    handlers = table;
                }
            }
        }
        return table;
    }

    private static Map<String, Handler<?>> table(FirehoseEngine engine) {
        Map<String, Handler<?>> table = new HashMap<>();
        bind(table, "CreateDeliveryStream", CreateDeliveryStreamRequest.class, engine::createDeliveryStream);
        bind(table, "DescribeDeliveryStream", DescribeDeliveryStreamRequest.class, engine::describeDeliveryStream);
        bind(table, "ListDeliveryStreams", ListDeliveryStreamsRequest.class, engine::listDeliveryStreams);
        bind(table, "DeleteDeliveryStream", DeleteDeliveryStreamRequest.class, engine::deleteDeliveryStream);
        bind(table, "UpdateDestination", UpdateDestinationRequest.class, engine::updateDestination);
        bind(table, "PutRecord", PutRecordRequest.class, engine::putRecord);
        bind(table, "PutRecordBatch", PutRecordBatchRequest.class, engine::putRecordBatch);
        bind(table, "TagDeliveryStream", TagDeliveryStreamRequest.class, engine::tagDeliveryStream);
        bind(table, "UntagDeliveryStream", UntagDeliveryStreamRequest.class, engine::untagDeliveryStream);
        bind(
                table,
                "ListTagsForDeliveryStream",
                ListTagsForDeliveryStreamRequest.class,
                engine::listTagsForDeliveryStream);
        bind(
                table,
                "StartDeliveryStreamEncryption",
                StartDeliveryStreamEncryptionRequest.class,
                engine::startDeliveryStreamEncryption);
        bind(
                table,
                "StopDeliveryStreamEncryption",
                StopDeliveryStreamEncryptionRequest.class,
                engine::stopDeliveryStreamEncryption);
        return table;
    }

    private static <I extends Record> void bind(
            Map<String, Handler<?>> table,
            String operation,
            Class<I> type,
            BiFunction<FirehoseContext, I, Object> run) {
        table.put(operation, new Handler<>(type, run));
    }

    /** Makes the engine now, as a server does when its store holds delivery streams whose records must be delivered. */
    public void start() {
        engine();
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
        return Set.of(Protocol.AWS_JSON_1_1);
    }

    @Override
    public String queryXmlNamespace() {
        return "";
    }

    @Override
    public JsonNode invoke(Operation operation, ObjectNode input, RequestContext context) {
        Handler<?> handler = handlers().get(operation.name());
        if (handler == null) {
            throw FirehoseError.InvalidArgument.with("Wharf does not implement " + operation.name() + " yet.");
        }
        Object result = run(handler, new FirehoseContext(context.caller().accountId(), region), input, operation);
        String outputShape = operation.output();
        if (outputShape == null || !(result instanceof Record record)) {
            return JsonNodeFactory.instance.objectNode();
        }
        return records.toDocument(record, outputShape);
    }

    private <I extends Record> Object run(
            Handler<I> handler, FirehoseContext context, ObjectNode input, Operation operation) {
        I request;
        try {
            request = records.toRecord(input, handler.type(), operation.input());
        } catch (ModelRecords.UnpairedSurrogateException e) {
            throw CommonError.SERIALIZATION.with(
                    "The request body holds a string that is not valid Unicode: it has an unpaired surrogate.");
        } catch (ModelRecords.MismatchException e) {
            // The codec has typed every value by the model, so only a shape the records cannot hold is left.
            throw FirehoseError.InvalidArgument.with("The request is malformed.");
        }
        return handler.run().apply(context, request);
    }
}
