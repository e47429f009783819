package dev.wharf.mq.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.mq.api.CreateBrokerRequest;
import dev.wharf.mq.api.CreateConfigurationRequest;
import dev.wharf.mq.api.CreateTagsRequest;
import dev.wharf.mq.api.CreateUserRequest;
import dev.wharf.mq.api.DeleteBrokerRequest;
import dev.wharf.mq.api.DeleteConfigurationRequest;
import dev.wharf.mq.api.DeleteTagsRequest;
import dev.wharf.mq.api.DeleteUserRequest;
import dev.wharf.mq.api.DescribeBrokerEngineTypesRequest;
import dev.wharf.mq.api.DescribeBrokerInstanceOptionsRequest;
import dev.wharf.mq.api.DescribeBrokerRequest;
import dev.wharf.mq.api.DescribeConfigurationRequest;
import dev.wharf.mq.api.DescribeConfigurationRevisionRequest;
import dev.wharf.mq.api.DescribeUserRequest;
import dev.wharf.mq.api.ListBrokersRequest;
import dev.wharf.mq.api.ListConfigurationRevisionsRequest;
import dev.wharf.mq.api.ListConfigurationsRequest;
import dev.wharf.mq.api.ListTagsRequest;
import dev.wharf.mq.api.ListUsersRequest;
import dev.wharf.mq.api.MqContext;
import dev.wharf.mq.api.MqError;
import dev.wharf.mq.api.PromoteRequest;
import dev.wharf.mq.api.RebootBrokerRequest;
import dev.wharf.mq.api.UpdateBrokerRequest;
import dev.wharf.mq.api.UpdateConfigurationRequest;
import dev.wharf.mq.api.UpdateUserRequest;
import dev.wharf.mq.engine.MqEngine;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.ServiceBinding;
import dev.wharf.protocol.model.BotocoreModelReader;
import dev.wharf.protocol.model.ModelRecords;
import dev.wharf.protocol.model.ModelRecords.MismatchException;
import dev.wharf.protocol.model.ModelRecords.UnpairedSurrogateException;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.protocol.restjson.RestJsonCodec;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Amazon MQ over REST-JSON: the model read from botocore's service-2.json (no SDK v2 jar of it is served here), each
 * operation bound to the engine, and errors with their {@code errorAttribute}. The engine is made on the first request
 * or at start when the store holds brokers. Thread-safe.
 */
public final class MqBinding implements ServiceBinding {
    static final String SERVICE_ID = "com.amazonaws.mq#mq";
    static final String MODEL = "dev/wharf/mq/http/mq-2017-11-27.json";
    private final ServiceModel model = ServiceModel.lazy(
            "com.amazonaws.mq#mq",
            "mq",
            false,
            () -> BotocoreModelReader.load(MqBinding.class.getClassLoader(), "dev/wharf/mq/http/mq-2017-11-27.json"));
    private final ModelRecords records = new ModelRecords(this.model, true);
    private final String region;
    private final Supplier<MqEngine> engines;
    private volatile @Nullable MqEngine engine;
    private volatile @Nullable Map<String, MqBinding.Handler<?>> handlers;
    private volatile @Nullable RestJsonCodec codec;

    public MqBinding(Supplier<MqEngine> engines, String region) {
        this.region = region;
        this.engines = engines;
    }

    private MqEngine engine() {
        MqEngine made = this.engine;
        if (made == null) {
            synchronized (this) {
                made = this.engine;
                if (made == null) {
                    made = this.engines.get();
                    this.engine = made;
                }
            }
        }

        return made;
    }

    public void start() {
        this.engine();
    }

    private Map<String, MqBinding.Handler<?>> handlers() {
        Map<String, MqBinding.Handler<?>> table = this.handlers;
        if (table == null) {
            synchronized (this) {
                table = this.handlers;
                if (table == null) {
                    table = Map.copyOf(table(this.engine()));
                    this.handlers = table;
                }
            }
        }

        return table;
    }

    private static Map<String, MqBinding.Handler<?>> table(MqEngine engine) {
        Map<String, MqBinding.Handler<?>> table = new HashMap<>();
        bind(table, "CreateBroker", CreateBrokerRequest.class, engine::createBroker);
        bind(table, "DescribeBroker", DescribeBrokerRequest.class, engine::describeBroker);
        bind(table, "ListBrokers", ListBrokersRequest.class, engine::listBrokers);
        bind(table, "UpdateBroker", UpdateBrokerRequest.class, engine::updateBroker);
        bind(table, "DeleteBroker", DeleteBrokerRequest.class, engine::deleteBroker);
        bind(table, "RebootBroker", RebootBrokerRequest.class, engine::rebootBroker);
        bind(table, "Promote", PromoteRequest.class, engine::promote);
        bind(table, "CreateUser", CreateUserRequest.class, engine::createUser);
        bind(table, "DescribeUser", DescribeUserRequest.class, engine::describeUser);
        bind(table, "ListUsers", ListUsersRequest.class, engine::listUsers);
        bind(table, "UpdateUser", UpdateUserRequest.class, engine::updateUser);
        bind(table, "DeleteUser", DeleteUserRequest.class, engine::deleteUser);
        bind(
                table,
                "CreateConfiguration",
                CreateConfigurationRequest.class,
                engine.configurations()::createConfiguration);
        bind(
                table,
                "DescribeConfiguration",
                DescribeConfigurationRequest.class,
                engine.configurations()::describeConfiguration);
        bind(table, "ListConfigurations", ListConfigurationsRequest.class, engine.configurations()::listConfigurations);
        bind(
                table,
                "UpdateConfiguration",
                UpdateConfigurationRequest.class,
                engine.configurations()::updateConfiguration);
        bind(table, "DeleteConfiguration", DeleteConfigurationRequest.class, engine::deleteConfiguration);
        bind(
                table,
                "DescribeConfigurationRevision",
                DescribeConfigurationRevisionRequest.class,
                engine.configurations()::describeConfigurationRevision);
        bind(
                table,
                "ListConfigurationRevisions",
                ListConfigurationRevisionsRequest.class,
                engine.configurations()::listConfigurationRevisions);
        bind(
                table,
                "DescribeBrokerEngineTypes",
                DescribeBrokerEngineTypesRequest.class,
                engine::describeBrokerEngineTypes);
        bind(
                table,
                "DescribeBrokerInstanceOptions",
                DescribeBrokerInstanceOptionsRequest.class,
                engine::describeBrokerInstanceOptions);
        bind(table, "CreateTags", CreateTagsRequest.class, engine::createTags);
        bind(table, "DeleteTags", DeleteTagsRequest.class, engine::deleteTags);
        bind(table, "ListTags", ListTagsRequest.class, engine::listTags);
        return table;
    }

    private static <I extends Record> void bind(
            Map<String, MqBinding.Handler<?>> table,
            String operation,
            Class<I> type,
            BiFunction<MqContext, I, Object> run) {
        table.put(operation, new MqBinding.Handler<>(type, run));
    }

    Set<String> boundOperations() {
        return this.handlers().keySet();
    }

    @Override
    public ServiceModel model() {
        return this.model;
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.REST_JSON);
    }

    @Override
    public String queryXmlNamespace() {
        return "";
    }

    @Override
    public RestJsonCodec restJsonCodec() {
        RestJsonCodec made = this.codec;
        if (made == null) {
            made = new RestJsonCodec(
                    this.model,
                    (name, text, expected) ->
                            MqError.BadRequest.with(name, "The value of " + name + " is not " + expected + "."),
                    message -> MqError.BadRequest.with("body", "The request body is invalid: " + message));
            this.codec = made;
        }

        return made;
    }

    @Override
    public @Nullable ObjectNode errorDocument(AwsException error) {
        return error.detail() instanceof MqError.Attribute attribute
                ? JsonNodeFactory.instance.objectNode().put("errorAttribute", attribute.errorAttribute())
                : null;
    }

    @Override
    public JsonNode invoke(Operation operation, ObjectNode input, RequestContext context) {
        MqBinding.Handler<?> handler = this.handlers().get(operation.name());
        if (handler == null) {
            throw MqError.BadRequest.with("operation", "Wharf does not implement " + operation.name() + " yet.");
        }

        Object result = this.run(handler, new MqContext(context.caller().accountId(), this.region), input, operation);
        String outputShape = operation.output();
        return outputShape != null && result instanceof Record record
                ? this.records.toDocument(record, outputShape)
                : JsonNodeFactory.instance.objectNode();
    }

    private <I extends Record> Object run(
            MqBinding.Handler<I> handler, MqContext context, ObjectNode input, Operation operation) {
        I request;
        try {
            request = (I) this.records.toRecord(input, handler.type(), operation.input());
        } catch (UnpairedSurrogateException e) {
            throw MqError.BadRequest.with("body", "The request holds a string that is not valid Unicode.");
        } catch (MismatchException e) {
            throw MqError.BadRequest.with("body", "The request is malformed.");
        }

        return handler.run().apply(context, request);
    }

    record Handler<I extends Record>(Class<I> type, BiFunction<MqContext, I, Object> run) {}
}
