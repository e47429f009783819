package dev.wharf.kinesis.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
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
import dev.wharf.protocol.model.ModelDocuments;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.SdkModelReader;
import dev.wharf.protocol.model.ServiceModel;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Binds Kinesis Data Streams' operations: model-shaped documents become api records, the engine runs, and results
 * become documents again. No operation is serialized by hand.
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

    /** The mapper between documents and api records, made with the first request, as the model is. */
    private static final class Records {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addModule(new SimpleModule("epoch-seconds")
                        .addSerializer(Instant.class, new EpochSecondsSerializer())
                        .addDeserializer(Instant.class, new EpochSecondsDeserializer())
                        .addDeserializer(byte[].class, new Base64Deserializer()))
                .build();
    }

    /** Writes an instant as the documents hold timestamps: epoch seconds, to the millisecond, never in exponent form. */
    private static final class EpochSecondsSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeNumber(BigDecimal.valueOf(value.toEpochMilli(), 3));
        }
    }

    /**
     * Reads a blob, which the codecs hand over as base64 text they have checked, with the JDK's decoder: Jackson's
     * decodes a character at a time, a visible share of a PutRecords of 500 records.
     */
    private static final class Base64Deserializer extends JsonDeserializer<byte[]> {
        @Override
        public byte[] deserialize(JsonParser in, DeserializationContext context) throws IOException {
            return java.util.Base64.getDecoder().decode(in.getText());
        }
    }

    /**
     * Reads a document's timestamp, epoch seconds with a fraction, to the millisecond; the codecs have bounded it to a
     * long of milliseconds. The scale is moved rather than multiplied out, which a large exponent makes slow.
     */
    private static final class EpochSecondsDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser in, DeserializationContext context) throws IOException {
            BigDecimal seconds = in.getDecimalValue();
            return Instant.ofEpochMilli(seconds.scaleByPowerOfTen(3).longValue());
        }
    }

    record Handler<I>(Class<I> type, BiFunction<KinesisContext, I, Object> run) {
        Object invoke(KinesisContext context, JsonNode input) {
            requireUnicode(input);
            I request;
            try {
                request = Records.MAPPER.treeToValue(input, type);
            } catch (JacksonException e) {
                // The codec has typed every value by the model, so only a shape the records cannot hold is left.
                throw KinesisError.InvalidArgument.with("The request is malformed.");
            }
            return run.apply(context, request);
        }
    }

    /**
     * Refuses a request that holds a string with an unpaired surrogate, which JSON can spell with an escape but
     * which has no UTF-8 form: stored, a partition key would come back as '?', and a key id or a policy could never
     * be written to a CBOR client again. (The CBOR codec refuses text that is not UTF-8 before this.)
     *
     * @throws dev.wharf.common.AwsException {@code SerializationException}
     */
    static void requireUnicode(JsonNode input) {
        ArrayDeque<JsonNode> pending = new ArrayDeque<>();
        pending.push(input);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isTextual()) {
                requireUnicode(node.textValue());
            } else if (node.isObject()) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    requireUnicode(field.getKey());
                    pending.push(field.getValue());
                }
            } else if (node.isArray()) {
                node.forEach(pending::push);
            }
        }
    }

    private static void requireUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw CommonError.SERIALIZATION.with(
                        "The request body holds a string that is not valid Unicode: it has an unpaired surrogate.");
            }
        }
    }

    /** SubscribeToShard's one event type. */
    private static final String EVENT = "SubscribeToShardEvent";

    private final ServiceModel model;
    private final ModelDocuments documents;
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
        this.documents = new ModelDocuments(model, true);
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
    <I> void bind(
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

    /** SubscribeToShard, the one operation that answers an event stream. */
    @Override
    public EventStreamCall openEventStream(Operation operation, ObjectNode input, RequestContext context) {
        requireUnicode(input);
        SubscribeToShardRequest request;
        try {
            request = Records.MAPPER.treeToValue(input, SubscribeToShardRequest.class);
        } catch (JacksonException e) {
            throw KinesisError.InvalidArgument.with("The request is malformed.");
        }
        SubscribeToShardStream subscription =
                engine().subscribeToShard(new KinesisContext(context.caller().accountId(), region), request);
        String eventShape = java.util.Objects.requireNonNull(operation.events().get(EVENT));
        return new EventStreamCall() {
            @Override
            public JsonNode initialResponse() {
                return Records.MAPPER.createObjectNode();
            }

            @Override
            public void run(EventStreamCall.Sink sink) throws InterruptedException {
                subscription.run(new SubscribeToShardStream.Sink() {
                    @Override
                    public boolean onEvent(SubscribeToShardEvent event) throws InterruptedException {
                        return sink.event(EVENT, documents.shape(Records.MAPPER.valueToTree(event), eventShape));
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
        Object result = handler.invoke(new KinesisContext(context.caller().accountId(), region), input);
        String outputShape = operation.output();
        if (outputShape == null) {
            return Records.MAPPER.createObjectNode();
        }
        return documents.shape(Records.MAPPER.valueToTree(result), outputShape);
    }
}
