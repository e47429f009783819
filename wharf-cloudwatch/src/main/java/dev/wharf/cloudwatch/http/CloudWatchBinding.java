package dev.wharf.cloudwatch.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cloudwatch.api.CloudWatchContext;
import dev.wharf.cloudwatch.api.CloudWatchError;
import dev.wharf.cloudwatch.engine.CloudWatchEngine;
import dev.wharf.common.CommonError;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.ServiceBinding;
import dev.wharf.protocol.model.ModelRecords;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.SdkModelReader;
import dev.wharf.protocol.model.ServiceModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Binds CloudWatch's metric and alarm operations: model-shaped documents become api records, the engine runs, and
 * results become documents again, both by {@link ModelRecords}. No operation is serialized by hand.
 *
 * <p>CloudWatch speaks the AWS Query protocol (older SDKs and CLIs), AWS JSON 1.0 ({@code X-Amz-Target:
 * GraniteServiceVersion20100801.<Operation>}) and Smithy RPC v2 CBOR (current SDKs), signed for {@code monitoring},
 * and is query-compatible. Every codec hands over the same documents, timestamps as epoch seconds. The model is read
 * from the SDK v2's classes on the first CloudWatch request, for the operations that Wharf serves.
 */
public final class CloudWatchBinding implements ServiceBinding {

    static final String SERVICE_ID = "com.amazonaws.cloudwatch#GraniteServiceVersion20100801";
    static final String XML_NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    /** The operations that Wharf serves; the rest of CloudWatch (dashboards, insight rules, streams) is not modelled. */
    static final List<String> OPERATIONS = List.of(
            "PutMetricData",
            "ListMetrics",
            "GetMetricStatistics",
            "GetMetricData",
            "PutMetricAlarm",
            "DescribeAlarms",
            "DescribeAlarmsForMetric",
            "DeleteAlarms",
            "SetAlarmState",
            "EnableAlarmActions",
            "DisableAlarmActions",
            "DescribeAlarmHistory",
            "PutCompositeAlarm",
            "TagResource",
            "UntagResource",
            "ListTagsForResource");

    /** The binding of one operation: its input record and the engine's method. */
    record Handler<I extends Record>(Class<I> type, BiFunction<CloudWatchContext, I, @Nullable Object> run) {}

    private final ServiceModel model;
    private final ModelRecords records;
    private final String region;
    private final Supplier<CloudWatchEngine> engines;
    private volatile @Nullable CloudWatchEngine engine;
    private volatile @Nullable Map<String, Handler<?>> handlers;

    public CloudWatchBinding(CloudWatchEngine engine, String region) {
        this(() -> engine, region);
    }

    /** A binding whose engine is made on the first CloudWatch request: {@code engines} is called once. */
    public CloudWatchBinding(Supplier<CloudWatchEngine> engines, String region) {
        this.model = ServiceModel.lazy(
                SERVICE_ID,
                "monitoring",
                true,
                () -> SdkModelReader.read(
                        new SdkModelReader.Service(SERVICE_ID, "monitoring", true),
                        CloudWatchClient.class,
                        OPERATIONS));
        this.records = new ModelRecords(model, true);
        this.region = region;
        this.engines = engines;
    }

    private CloudWatchEngine engine() {
        CloudWatchEngine made = engine;
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
                    table = CloudWatchOperations.table(engine());
                    handlers = table;
                }
            }
        }
        return table;
    }

    @Override
    public ServiceModel model() {
        return model;
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.AWS_QUERY, Protocol.AWS_JSON_1_0, Protocol.SMITHY_RPC_V2_CBOR);
    }

    @Override
    public String queryXmlNamespace() {
        return XML_NAMESPACE;
    }

    @Override
    public JsonNode invoke(Operation operation, ObjectNode input, RequestContext context) {
        Handler<?> handler = handlers().get(operation.name());
        if (handler == null) {
            throw CloudWatchError.InvalidParameterValue.with("Wharf does not implement " + operation.name() + " yet.");
        }
        Object result = run(handler, new CloudWatchContext(context.caller().accountId(), region), input, operation);
        String outputShape = operation.output();
        if (outputShape == null || !(result instanceof Record record)) {
            return JsonNodeFactory.instance.objectNode();
        }
        return records.toDocument(record, outputShape);
    }

    private <I extends Record> @Nullable Object run(
            Handler<I> handler, CloudWatchContext context, ObjectNode input, Operation operation) {
        return handler.run().apply(context, request(input, handler.type(), operation.input()));
    }

    private <I extends Record> I request(JsonNode input, Class<I> type, @Nullable String inputShape) {
        try {
            return records.toRecord(input, type, inputShape);
        } catch (ModelRecords.UnpairedSurrogateException e) {
            throw CommonError.SERIALIZATION.with(
                    "The request body holds a string that is not valid Unicode: it has an unpaired surrogate.");
        } catch (ModelRecords.MismatchException e) {
            throw CloudWatchError.InvalidParameterValue.with("The request is malformed.");
        }
    }
}
