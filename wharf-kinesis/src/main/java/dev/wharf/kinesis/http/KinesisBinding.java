package dev.wharf.kinesis.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.CommonError;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.SubscribeToShardEvent;
import dev.wharf.kinesis.api.SubscribeToShardRequest;
import dev.wharf.kinesis.api.SubscribeToShardStream;
import dev.wharf.kinesis.engine.KinesisEngine;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.ServiceBinding;
import dev.wharf.protocol.eventstream.EventStreamCall;
import dev.wharf.protocol.model.ModelRecords;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.SdkModelReader;
import dev.wharf.protocol.model.ServiceModel;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Binds Kinesis Data Streams' operations: model-shaped documents become api records, the engine runs, and results
 * become documents again, both by {@link ModelRecords}. No operation is serialized by hand.
 *
 * <p>Kinesis speaks AWS JSON 1.1 and AWS CBOR 1.1 ({@code X-Amz-Target: Kinesis_20131202.<Operation>}), signed for
 * {@code kinesis}; both codecs hand over the same documents, with blobs as base64 text and timestamps as epoch seconds,
 * which the records hold as {@code byte[]} and {@link Instant}. The model is read from the SDK v2's classes on the
 * first Kinesis request.
 */
public final class KinesisBinding implements ServiceBinding {

    /**
     * Kinesis as its Smithy model names it, with SubscribeToShard, whose event stream the SDK's sync client does not
     * declare; the SDK's classes do not record the rest.
     */
    static SdkModelReader.Service service() {
        return new SdkModelReader.Service("com.amazonaws.kinesis#Kinesis_20131202", "kinesis", false)
                .withEventOperation(new SdkModelReader.EventOperation(
                        "SubscribeToShard",
                        software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest.class,
                        software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponse.class,
                        Map.of(
                                "SubscribeToShardEvent",
                                software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent.class)));
    }

    /** The binding of one operation: its input record and the engine's method. */
    record Handler<I extends Record>(Class<I> type, BiFunction<KinesisContext, I, Object> run) {}

    /** SubscribeToShard's one event type. */
    private static final String EVENT = "SubscribeToShardEvent";

    private final ServiceModel model;
    private final ModelRecords records;
    private final String region;
    private final Supplier<KinesisEngine> engines;
    /** The engine, made on the first Kinesis request; guarded by this binding's monitor until it is set. */
    private volatile @Nullable KinesisEngine engine;
    /** The operations' handlers, made on the first request, as the model is: a server that is never asked pays nothing. */
    private volatile @Nullable Map<String, Handler<?>> handlers;

    public KinesisBinding(KinesisEngine engine, String region) {
        this(() -> engine, region);
    }

    /**
     * A binding whose engine is made on the first Kinesis request, so that a server that is never asked for Kinesis
     * loads none of it: {@code engines} is called once.
     */
    public KinesisBinding(Supplier<KinesisEngine> engines, String region) {
        this.model = ServiceModel.lazy(
                "com.amazonaws.kinesis#Kinesis_20131202",
                "kinesis",
                false,
                () -> SdkModelReader.read(service(), KinesisClient.class));
        // Kinesis answers empty lists as AWS does ("Shards": [] while a stream is CREATING, "ShardLevelMetrics": []).
        this.records = new ModelRecords(model, true);
        this.region = region;
        this.engines = engines;
    }

    private KinesisEngine engine() {
        KinesisEngine made = engine;
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

    /** Binds one operation; only {@link KinesisOperations#bind} calls it, while the table is being made. */
    <I extends Record> void bind(
            Map<String, Handler<?>> table, String operation, Class<I> type, BiFunction<KinesisContext, I, Object> run) {
        table.put(operation, new Handler<>(type, run));
    }

    private Map<String, Handler<?>> handlers() {
        Map<String, Handler<?>> table = handlers;
        if (table == null) {
            synchronized (this) {
                table = handlers;
                if (table == null) {
                    Map<String, Handler<?>> made = new HashMap<>();
                    KinesisOperations.bind(engine(), this, made);
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
        return Set.of(Protocol.AWS_JSON_1_1, Protocol.AWS_CBOR_1_1);
    }

    @Override
    public String queryXmlNamespace() {
        return "";
    }

    /**
     * Reads a request's document into its record, refusing a string that is not valid Unicode.
     *
     * @throws dev.wharf.common.AwsException {@code SerializationException} for an unpaired surrogate, {@code
     *     InvalidArgumentException} for a document the record cannot hold
     */
    private <I extends Record> I request(JsonNode input, Class<I> type, @Nullable String inputShape) {
        try {
            return records.toRecord(input, type, inputShape);
        } catch (ModelRecords.UnpairedSurrogateException e) {
            throw CommonError.SERIALIZATION.with(
                    "The request body holds a string that is not valid Unicode: it has an unpaired surrogate.");
        } catch (ModelRecords.MismatchException e) {
            // The codec has typed every value by the model, so only a shape the records cannot hold is left.
            throw KinesisError.InvalidArgument.with("The request is malformed.");
        }
    }

    /** SubscribeToShard, the one operation that answers an event stream. */
    @Override
    public EventStreamCall openEventStream(Operation operation, ObjectNode input, RequestContext context) {
        SubscribeToShardRequest request = request(input, SubscribeToShardRequest.class, operation.input());
        SubscribeToShardStream subscription =
                engine().subscribeToShard(new KinesisContext(context.caller().accountId(), region), request);
        String eventShape = java.util.Objects.requireNonNull(operation.events().get(EVENT));
        return new EventStreamCall() {
            @Override
            public JsonNode initialResponse() {
                return JsonNodeFactory.instance.objectNode();
            }

            @Override
            public void run(EventStreamCall.Sink sink) throws InterruptedException {
                subscription.run(new SubscribeToShardStream.Sink() {
                    @Override
                    public boolean onEvent(SubscribeToShardEvent event) throws InterruptedException {
                        return sink.event(EVENT, records.toDocument(event, eventShape));
                    }

                    @Override
                    public void onError(dev.wharf.common.AwsException error) throws InterruptedException {
                        sink.exception(error.code(), String.valueOf(error.getMessage()));
                    }
                });
            }
        };
    }

    @Override
    public JsonNode invoke(Operation operation, ObjectNode input, RequestContext context) {
        Handler<?> handler = handlers().get(operation.name());
        if (handler == null) {
            throw KinesisError.InvalidArgument.with("Wharf does not implement " + operation.name() + " yet.");
        }
        Object result = run(handler, new KinesisContext(context.caller().accountId(), region), input, operation);
        String outputShape = operation.output();
        if (outputShape == null || !(result instanceof Record record)) {
            return JsonNodeFactory.instance.objectNode();
        }
        return records.toDocument(record, outputShape);
    }

    private <I extends Record> Object run(
            Handler<I> handler, KinesisContext context, ObjectNode input, Operation operation) {
        return handler.run().apply(context, request(input, handler.type(), operation.input()));
    }
}
