package dev.wharf.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.LocationTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.RequiredTrait;
import software.amazon.awssdk.core.traits.Trait;

/** {@link SdkModelReader} on hand-made SDK metadata: each trait it reads, and what it refuses. */
class SdkModelReaderTest {

    private static final SdkModelReader.Service FAKE = new SdkModelReader.Service("com.example#Fake", "fake", false);

    private static SdkField<Object> field(MarshallingType<?> type, String name, String location, Trait... traits) {
        return field(type, name, location, MarshallLocation.PAYLOAD, traits);
    }

    @SuppressWarnings("unchecked")
    private static SdkField<Object> field(
            MarshallingType<?> type, String name, String location, MarshallLocation where, Trait... traits) {
        Trait[] all = new Trait[traits.length + 1];
        all[0] = LocationTrait.builder()
                .location(where)
                .locationName(location)
                .unmarshallLocationName(location)
                .build();
        System.arraycopy(traits, 0, all, 1, traits.length);
        return SdkField.builder((MarshallingType<Object>) type)
                .memberName(name)
                .traits(all)
                .build();
    }

    /** A model class's builder: the SDK's own builders are SdkPojos that list their class's fields. */
    private record Fields(List<SdkField<?>> sdkFields) implements SdkPojo {}

    /** A structure whose builder is nested in it, as the SDK generates them; it holds itself. */
    static final class Node {
        static final class BuilderImpl implements SdkPojo {
            @Override
            public List<SdkField<?>> sdkFields() {
                return List.of(
                        field(MarshallingType.STRING, "Name", "Name"),
                        SdkField.<SdkPojo>builder(MarshallingType.SDK_POJO)
                                .memberName("Next")
                                .constructor(BuilderImpl::new)
                                .traits(LocationTrait.builder()
                                        .location(MarshallLocation.PAYLOAD)
                                        .locationName("Next")
                                        .build())
                                .build());
            }
        }
    }

    abstract static class EveryTypeRequest extends SdkRequest {
        public static SdkPojo builder() {
            ListTrait items = ListTrait.builder()
                    .memberLocationName("Entry")
                    .memberFieldInfo(field(MarshallingType.STRING, "member", "Entry"))
                    .isFlattened(true)
                    .build();
            MapTrait attributes = MapTrait.builder()
                    .keyLocationName("Name")
                    .valueLocationName("Value")
                    .valueFieldInfo(field(MarshallingType.INTEGER, "value", "Value"))
                    .isFlattened(false)
                    .build();
            return new Fields(List.of(
                    field(MarshallingType.STRING, "Text", "Text", RequiredTrait.create()),
                    field(MarshallingType.INTEGER, "Count", "Count"),
                    field(MarshallingType.SHORT, "Small", "Small"),
                    field(MarshallingType.BYTE, "Tiny", "Tiny"),
                    field(MarshallingType.LONG, "Big", "Big"),
                    field(MarshallingType.FLOAT, "Ratio", "Ratio"),
                    field(MarshallingType.DOUBLE, "Precise", "Precise"),
                    field(MarshallingType.BIG_DECIMAL, "Exact", "Exact"),
                    field(MarshallingType.BOOLEAN, "Flag", "Flag"),
                    field(MarshallingType.INSTANT, "When", "When"),
                    field(MarshallingType.SDK_BYTES, "Data", "Data"),
                    field(MarshallingType.DOCUMENT, "Doc", "Doc"),
                    field(MarshallingType.LIST, "Items", "Item", items),
                    field(MarshallingType.MAP, "Attributes", "Attribute", attributes),
                    SdkField.<SdkPojo>builder(MarshallingType.SDK_POJO)
                            .memberName("Root")
                            .constructor(Node.BuilderImpl::new)
                            .traits(LocationTrait.builder()
                                    .location(MarshallLocation.PAYLOAD)
                                    .locationName("Root")
                                    .build())
                            .build()));
        }
    }

    abstract static class EmptyResponse extends SdkResponse {
        EmptyResponse() {
            super(null);
        }

        public static SdkPojo builder() {
            return new Fields(List.of());
        }
    }

    abstract static class HeaderRequest extends SdkRequest {
        public static SdkPojo builder() {
            return new Fields(List.of(field(MarshallingType.STRING, "Token", "x-token", MarshallLocation.HEADER)));
        }
    }

    abstract static class NotAPojoRequest extends SdkRequest {
        public static Object builder() {
            return "not a pojo";
        }
    }

    /** A client interface as the SDK generates them: operations, their consumer overloads, and other methods. */
    interface FakeClient {
        EmptyResponse putEveryType(EveryTypeRequest request);

        EmptyResponse putEveryType(Consumer<Object> request);

        EmptyResponse putEveryType();

        String describe(EveryTypeRequest request);

        static FakeClient create() {
            throw new UnsupportedOperationException();
        }
    }

    interface HeaderClient {
        EmptyResponse sendHeader(HeaderRequest request);
    }

    interface BrokenClient {
        EmptyResponse sendNothing(NotAPojoRequest request);
    }

    private static Member member(ServiceModel model, String shape, String name) {
        return Objects.requireNonNull(model.shape(shape).members().get(name), name);
    }

    private static ShapeType type(ServiceModel model, String shape, String name) {
        return model.shape(member(model, shape, name).target()).type();
    }

    @Test
    void operationsAreTheMethodsFromOneRequestToOneResponse() {
        ServiceModel model = SdkModelReader.read(FAKE, FakeClient.class);
        assertThat(model.operations()).containsOnlyKeys("PutEveryType");
        Operation operation = Objects.requireNonNull(model.operation("PutEveryType"));
        assertThat(operation.input()).isEqualTo("com.example#EveryTypeRequest");
        assertThat(operation.output()).isEqualTo("com.example#EmptyResponse");
        assertThat(model.shape("com.example#EmptyResponse").members()).isEmpty();
        assertThat(model.serviceId()).isEqualTo("com.example#Fake");
    }

    @Test
    void marshallingTypesBecomeShapeTypes() {
        ServiceModel model = SdkModelReader.read(FAKE, FakeClient.class);
        String input = "com.example#EveryTypeRequest";
        assertThat(Map.of(
                        "Text", type(model, input, "Text"),
                        "Count", type(model, input, "Count"),
                        "Small", type(model, input, "Small"),
                        "Tiny", type(model, input, "Tiny"),
                        "Big", type(model, input, "Big"),
                        "Ratio", type(model, input, "Ratio"),
                        "Precise", type(model, input, "Precise"),
                        "Exact", type(model, input, "Exact"),
                        "Flag", type(model, input, "Flag"),
                        "When", type(model, input, "When")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "Text", ShapeType.STRING,
                        "Count", ShapeType.INTEGER,
                        "Small", ShapeType.INTEGER,
                        "Tiny", ShapeType.INTEGER,
                        "Big", ShapeType.LONG,
                        "Ratio", ShapeType.DOUBLE,
                        "Precise", ShapeType.DOUBLE,
                        "Exact", ShapeType.DOUBLE,
                        "Flag", ShapeType.BOOLEAN,
                        "When", ShapeType.TIMESTAMP));
        assertThat(type(model, input, "Data")).isEqualTo(ShapeType.BLOB);
        assertThat(type(model, input, "Doc")).isEqualTo(ShapeType.OTHER);
        assertThat(member(model, input, "Count").target()).isEqualTo("smithy.api#Integer");
    }

    @Test
    void locationNamesAndCollectionTraitsGiveTheQueryNames() {
        ServiceModel model = SdkModelReader.read(FAKE, FakeClient.class);
        String input = "com.example#EveryTypeRequest";
        Member items = member(model, input, "Items");
        assertThat(items.name()).isEqualTo("Items");
        assertThat(items.queryName()).isEqualTo("Item");
        assertThat(items.flattened()).isTrue();
        Shape list = model.shape(items.target());
        assertThat(list.id()).isEqualTo("com.example#EveryTypeRequest$Items");
        assertThat(Objects.requireNonNull(list.member()).xmlName()).isEqualTo("Entry");
        Member attributes = member(model, input, "Attributes");
        assertThat(attributes.queryName()).isEqualTo("Attribute");
        assertThat(attributes.flattened()).isFalse();
        Shape map = model.shape(attributes.target());
        assertThat(Objects.requireNonNull(map.key()).queryName()).isEqualTo("Name");
        assertThat(Objects.requireNonNull(map.value()).queryName()).isEqualTo("Value");
        assertThat(model.shape(Objects.requireNonNull(map.value()).target()).type())
                .isEqualTo(ShapeType.INTEGER);
        assertThat(member(model, input, "Text").xmlName()).isNull();
    }

    @Test
    void classesOfAJsonProtocolAreNamedByTheirLocationNames() {
        // The SDK renames DynamoDB's AttributeValue.NULL to NUL, and keeps NULL as the location name, which the wire
        // carries; so do the Items here, whose location name is Item.
        ServiceModel model = SdkModelReader.read(FAKE.withJsonLocationNames(), FakeClient.class);
        String input = "com.example#EveryTypeRequest";
        Member items = member(model, input, "Item");
        assertThat(items.xmlName()).isNull();
        assertThat(items.target()).isEqualTo("com.example#EveryTypeRequest$Item");
        assertThat(model.shape(input).members()).doesNotContainKey("Items");
        assertThat(member(model, input, "Text").name()).isEqualTo("Text");
    }

    @Test
    void requiredTraitMarksTheMemberRequired() {
        ServiceModel model = SdkModelReader.read(FAKE, FakeClient.class);
        assertThat(member(model, "com.example#EveryTypeRequest", "Text").required())
                .isTrue();
        assertThat(member(model, "com.example#EveryTypeRequest", "Count").required())
                .isFalse();
    }

    @Test
    void structuresAreNamedAfterTheirClassAndReadOnceWhenRecursive() {
        ServiceModel model = SdkModelReader.read(FAKE, FakeClient.class);
        Member root = member(model, "com.example#EveryTypeRequest", "Root");
        assertThat(root.target()).isEqualTo("com.example#Node");
        assertThat(member(model, "com.example#Node", "Next").target()).isEqualTo("com.example#Node");
        assertThat(model.shape("com.example#Node").members().keySet()).containsExactly("Name", "Next");
    }

    @Test
    void readsOnlyTheNamedOperationsAndRefusesUnknownOnes() {
        assertThat(SdkModelReader.read(FAKE, FakeClient.class, List.of("PutEveryType"))
                        .operations())
                .containsOnlyKeys("PutEveryType");
        assertThatThrownBy(() -> SdkModelReader.read(FAKE, FakeClient.class, List.of("Describe")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no operation Describe");
    }

    @Test
    void membersOutsideThePayloadAreRefused() {
        assertThatThrownBy(() -> SdkModelReader.read(FAKE, HeaderClient.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("com.example#HeaderRequest.Token is bound to the HTTP HEADER;"
                        + " the model has no HTTP bindings yet");
    }

    @Test
    void aModelClassWithoutAnSdkPojoBuilderIsRefused() {
        assertThatThrownBy(() -> SdkModelReader.read(FAKE, BrokenClient.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NotAPojoRequest.builder() is not an SdkPojo");
    }

    @Test
    void theServiceIdMustBeAnAbsoluteShapeId() {
        assertThatThrownBy(() -> new SdkModelReader.Service("Fake", "fake", false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLazyModelKnowsItsServiceAtOnceAndReadsItsShapesOnFirstUseOnly() {
        AtomicInteger reads = new AtomicInteger();
        ServiceModel model = ServiceModel.lazy("com.example#Fake", "fake", true, () -> {
            reads.incrementAndGet();
            return SdkModelReader.read(FAKE, FakeClient.class);
        });
        assertThat(model.serviceId()).isEqualTo("com.example#Fake");
        assertThat(model.namespace()).isEqualTo("com.example");
        assertThat(model.signingName()).isEqualTo("fake");
        assertThat(model.queryCompatible()).isTrue();
        assertThat(reads).hasValue(0);
        assertThat(model.operation("PutEveryType")).isNotNull();
        assertThat(model.operations()).containsOnlyKeys("PutEveryType");
        assertThat(model.shape("com.example#Node").type()).isEqualTo(ShapeType.STRUCTURE);
        assertThat(reads).hasValue(1);
    }

    @Test
    void aLazyModelRefusesAModelOfAnotherServiceAndTriesAFailedReadAgain() {
        ServiceModel other = ServiceModel.lazy(
                "com.example#Other", "other", false, () -> SdkModelReader.read(FAKE, FakeClient.class));
        assertThatThrownBy(() -> other.operation("PutEveryType"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the model read for com.example#Other (other) is of com.example#Fake (fake)");
        AtomicInteger attempts = new AtomicInteger();
        ServiceModel flaky = ServiceModel.lazy("com.example#Fake", "fake", false, () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalArgumentException("first read fails");
            }
            return SdkModelReader.read(FAKE, FakeClient.class);
        });
        assertThatThrownBy(flaky::operations).hasMessage("first read fails");
        assertThat(flaky.operations()).containsOnlyKeys("PutEveryType");
    }

    @Test
    void sdkModelReaderLazyReadsTheClientOnFirstUse() {
        ServiceModel model = SdkModelReader.lazy(FAKE, FakeClient.class);
        assertThat(model.signingName()).isEqualTo("fake");
        assertThat(model.operations()).containsOnlyKeys("PutEveryType");
    }
}
