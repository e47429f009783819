package dev.wharf.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.common.TestClock;
import dev.wharf.dynamodb.api.AttributeDefinition;
import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.CreateTableRequest;
import dev.wharf.dynamodb.api.DynamoDbContext;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.GlobalSecondaryIndex;
import dev.wharf.dynamodb.api.KeySchemaElement;
import dev.wharf.dynamodb.api.Projection;
import dev.wharf.dynamodb.api.ProvisionedThroughput;
import dev.wharf.storage.MemoryStorageEngine;
import dev.wharf.storage.StorageEngine;
import dev.wharf.storage.TableStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.ThrowableAssert;
import org.jspecify.annotations.Nullable;

/** What the engine tests share: an engine over a memory store with a fake clock, and short ways to say items. */
final class Fixtures {

    static final DynamoDbContext CONTEXT = new DynamoDbContext("123456789012", "us-east-1");
    static final Duration TRANSITION = Duration.ofMillis(500);

    /** How far the engine's nanosecond clock moves at each reading: a request, read at its start and end, takes this. */
    static final long NANOS_PER_READING = 1_500_000;

    final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    final AtomicLong nanos = new AtomicLong();
    StorageEngine storage = new MemoryStorageEngine();
    DynamoDbEngine engine = open(storage);

    DynamoDbEngine open(StorageEngine store) {
        return open(store.tables());
    }

    DynamoDbEngine open(TableStore store) {
        return new DynamoDbEngine(
                clock,
                DynamoDbConfig.DEFAULT.withTransition(TRANSITION),
                store,
                Runnable::run,
                () -> nanos.addAndGet(NANOS_PER_READING));
    }

    /** A new engine over the same store, as a restart makes. */
    DynamoDbEngine reopen() {
        engine = open(storage);
        return engine;
    }

    /** Lets every transition end. */
    void settle() {
        clock.advance(TRANSITION);
    }

    static AttributeValue s(String value) {
        return new AttributeValue(value, null, null, null, null, null, null, null, null, null);
    }

    static AttributeValue n(String value) {
        return new AttributeValue(null, value, null, null, null, null, null, null, null, null);
    }

    static AttributeValue b(byte[] value) {
        return new AttributeValue(null, null, value, null, null, null, null, null, null, null);
    }

    static AttributeValue bool(boolean value) {
        return new AttributeValue(null, null, null, null, null, null, null, null, value, null);
    }

    static AttributeValue list(AttributeValue... values) {
        return new AttributeValue(null, null, null, null, null, null, null, List.of(values), null, null);
    }

    static AttributeValue map(Map<String, AttributeValue> values) {
        return new AttributeValue(null, null, null, null, null, null, values, null, null, null);
    }

    static AttributeValue ss(String... values) {
        return new AttributeValue(null, null, null, List.of(values), null, null, null, null, null, null);
    }

    /** An item of name-value pairs, in order. */
    static Map<String, AttributeValue> item(Object... pairs) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            item.put((String) pairs[i], (AttributeValue) pairs[i + 1]);
        }
        return item;
    }

    static KeySchemaElement hash(String name) {
        return new KeySchemaElement(name, "HASH");
    }

    static KeySchemaElement range(String name) {
        return new KeySchemaElement(name, "RANGE");
    }

    static AttributeDefinition attribute(String name, String type) {
        return new AttributeDefinition(name, type);
    }

    static GlobalSecondaryIndex gsi(String name, List<KeySchemaElement> keys, String projection) {
        return new GlobalSecondaryIndex(name, keys, new Projection(projection, null), null, null, null);
    }

    /** An on-demand table of these keys, with their definitions. */
    static CreateTableRequest table(
            String name,
            List<AttributeDefinition> attributes,
            List<KeySchemaElement> keys,
            @Nullable List<GlobalSecondaryIndex> indexes) {
        return new CreateTableRequest(
                attributes,
                name,
                keys,
                null,
                indexes,
                "PAY_PER_REQUEST",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** A provisioned table of these keys. */
    static CreateTableRequest provisioned(
            String name, List<AttributeDefinition> attributes, List<KeySchemaElement> keys, long read, long write) {
        return new CreateTableRequest(
                attributes,
                name,
                keys,
                null,
                null,
                null,
                new ProvisionedThroughput(read, write),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Creates an on-demand table with a string partition key {@code pk} and, if asked, a string sort key {@code sk}, and lets it become ACTIVE. */
    void createTable(String name, boolean withSort) {
        List<AttributeDefinition> attributes = new ArrayList<>(List.of(attribute("pk", "S")));
        List<KeySchemaElement> keys = new ArrayList<>(List.of(hash("pk")));
        if (withSort) {
            attributes.add(attribute("sk", "S"));
            keys.add(range("sk"));
        }
        engine.createTable(CONTEXT, table(name, attributes, keys, null));
        settle();
    }

    /** The value, which the test knows is there: NullAway's view of the api records' nullable members. */
    static <T> T nn(@Nullable T value) {
        return java.util.Objects.requireNonNull(value);
    }

    /** Asserts that a call throws DynamoDB's error with exactly this message. */
    static void assertError(ThrowableAssert.ThrowingCallable call, DynamoDbError code, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(AwsException.class)
                .hasMessage(message)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((AwsException) e).code())
                        .isEqualTo(code));
    }
}
