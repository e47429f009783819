package dev.wharf.firehose.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.firehose.api.CreateDeliveryStreamRequest;
import dev.wharf.firehose.api.CreateDeliveryStreamResponse;
import dev.wharf.firehose.api.DeleteDeliveryStreamRequest;
import dev.wharf.firehose.api.DeleteDeliveryStreamResponse;
import dev.wharf.firehose.api.DeliveryStreamDescription;
import dev.wharf.firehose.api.DeliveryStreamEncryptionConfiguration;
import dev.wharf.firehose.api.DeliveryStreamEncryptionConfigurationInput;
import dev.wharf.firehose.api.DeliveryStreamMetrics;
import dev.wharf.firehose.api.DescribeDeliveryStreamRequest;
import dev.wharf.firehose.api.DescribeDeliveryStreamResponse;
import dev.wharf.firehose.api.DestinationDescription;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.FirehoseContext;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.FirehoseLimits;
import dev.wharf.firehose.api.KinesisStreamSourceConfiguration;
import dev.wharf.firehose.api.KinesisStreamSourceDescription;
import dev.wharf.firehose.api.ListDeliveryStreamsRequest;
import dev.wharf.firehose.api.ListDeliveryStreamsResponse;
import dev.wharf.firehose.api.ListTagsForDeliveryStreamRequest;
import dev.wharf.firehose.api.ListTagsForDeliveryStreamResponse;
import dev.wharf.firehose.api.PutRecordBatchRequest;
import dev.wharf.firehose.api.PutRecordBatchResponse;
import dev.wharf.firehose.api.PutRecordBatchResponseEntry;
import dev.wharf.firehose.api.PutRecordRequest;
import dev.wharf.firehose.api.PutRecordResponse;
import dev.wharf.firehose.api.RecordPutPort;
import dev.wharf.firehose.api.SourceDescription;
import dev.wharf.firehose.api.StartDeliveryStreamEncryptionRequest;
import dev.wharf.firehose.api.StartDeliveryStreamEncryptionResponse;
import dev.wharf.firehose.api.StopDeliveryStreamEncryptionRequest;
import dev.wharf.firehose.api.StopDeliveryStreamEncryptionResponse;
import dev.wharf.firehose.api.StreamRecord;
import dev.wharf.firehose.api.Tag;
import dev.wharf.firehose.api.TagDeliveryStreamRequest;
import dev.wharf.firehose.api.TagDeliveryStreamResponse;
import dev.wharf.firehose.api.UntagDeliveryStreamRequest;
import dev.wharf.firehose.api.UntagDeliveryStreamResponse;
import dev.wharf.firehose.api.UpdateDestinationRequest;
import dev.wharf.firehose.api.UpdateDestinationResponse;
import dev.wharf.kinesis.api.ShardReadPort;
import dev.wharf.s3.api.ObjectWritePort;
import dev.wharf.storage.DeliveryStreamBatch;
import dev.wharf.storage.DeliveryStreamStore;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Amazon Data Firehose: delivery streams, the records put to them, and their delivery into S3.
 *
 * <p>The control plane keeps every stream's description in memory, read from the store at start, and writes each
 * change through. Records are durable in the store before PutRecord answers and are delivered by {@link Deliveries}.
 * Streams are CREATING for {@link FirehoseConfig#transition()} after they are created, and DELETING for as long after
 * they are deleted; encryption is ENABLING or DISABLING for as long. Thread-safe: control operations take one lock,
 * puts only their stream's.
 */
public final class FirehoseEngine implements AutoCloseable, RecordPutPort {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final Pattern TAG_KEY = Pattern.compile("^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$");
    private static final Pattern TAG_VALUE = Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$");
    private static final Pattern VERSION = Pattern.compile("[0-9]+");
    private static final Pattern DESTINATION_ID = Pattern.compile("[a-zA-Z0-9-]+");
    private static final Pattern ARN = Pattern.compile("arn:.*");
    private static final List<String> TYPES =
            List.of("DirectPut", "KinesisStreamAsSource", "MSKAsSource", "DatabaseAsSource");
    private static final List<String> KEY_TYPES = List.of("AWS_OWNED_CMK", "CUSTOMER_MANAGED_CMK");
    /** Firehose's one destination per stream has this id. */
    static final String DESTINATION = "destinationId-000000000001";

    private final DeliveryStreamStore store;
    private final Clock clock;
    private final FirehoseConfig config;
    /** The tables that format conversion may name, for checking that a converting destination's is declared. */
    private final GlueTables tables;

    private final String region;
    private final Deliveries deliveries;
    private final Executor executor;
    private final ReentrantLock control = new ReentrantLock();
    /** Every stream by its key ({@link FirehoseRecords#streamKey}); changed under {@link #control}. */
    private final Map<String, FirehoseRecords.StoredStream> streams = new ConcurrentHashMap<>();

    private final @Nullable DeliveryThread thread;
    private final LambdaInvoker invoker;
    private final EndpointPort endpoints;
    /** The Kinesis streams this server can read as sources, or null when it reads none. */
    private final @Nullable ShardReadPort kinesis;

    private final KinesisSources sources;
    private final @Nullable Thread sourceReader;
    private volatile boolean closed;
    private long nextId;
    /** The Direct PUT throughput quota of each stream that has been put to, by stream id; none when the config is off. */
    private final Map<Long, PutQuota> quotas = new ConcurrentHashMap<>();

    /** An engine whose deliveries run in the background, each on a virtual thread, and that reaches nothing outside. */
    public FirehoseEngine(
            DeliveryStreamStore store, ObjectWritePort objects, Clock clock, FirehoseConfig config, String region) {
        this(store, objects, clock, config, region, FirehosePorts.NONE);
    }

    /** An engine whose deliveries run in the background and that reaches functions and sources through {@code ports}. */
    public FirehoseEngine(
            DeliveryStreamStore store,
            ObjectWritePort objects,
            Clock clock,
            FirehoseConfig config,
            String region,
            FirehosePorts ports) {
        this(
                store,
                objects,
                clock,
                config,
                region,
                Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("wharf-firehose-delivery-", 0).factory()),
                RandomGenerator.getDefault(),
                true,
                ports);
    }

    /**
     * An engine whose deliveries run on {@code executor}; without {@code background} nothing starts them but {@link
     * #runDeliveries()}, and no source is read but by {@link #runSources()}, so that tests drive them with a fake clock.
     */
    FirehoseEngine(
            DeliveryStreamStore store,
            ObjectWritePort objects,
            Clock clock,
            FirehoseConfig config,
            String region,
            Executor executor,
            RandomGenerator random,
            boolean background,
            FirehosePorts ports) {
        this.store = store;
        this.invoker = ports.functions().invoker();
        this.endpoints = ports.endpoints();
        this.clock = clock;
        this.config = config;
        this.tables = new GlueTables(config.tables());
        this.region = region;
        this.executor = executor;
        DeliveryThread made = background ? new DeliveryThread() : null;
        this.deliveries = new Deliveries(
                store,
                objects,
                clock,
                config,
                executor,
                random,
                region,
                ports.functions(),
                ports.endpoints(),
                ports.tables(),
                made == null ? () -> {} : made::wake);
        ShardReadPort kinesis = ports.kinesis();
        this.kinesis = kinesis;
        this.sources = new KinesisSources(
                store,
                kinesis == null ? NO_KINESIS : kinesis,
                deliveries,
                clock,
                config.transition().toMillis());
        restore();
        this.thread = made;
        if (made != null) {
            made.start();
        }
        this.sourceReader = background && kinesis != null
                ? Thread.ofVirtual().name("wharf-firehose-kinesis-reader").start(this::readSources)
                : null;
    }

    /** A port for an engine that reads no Kinesis: no stream exists. */
    private static final ShardReadPort NO_KINESIS = new ShardReadPort() {
        @Override
        public List<ShardDescription> shards(String streamArn) {
            throw FirehoseError.InvalidArgument.with("This server reads no Kinesis streams.");
        }

        @Override
        public Page read(String streamArn, String shardId, Position from, int limit) {
            throw FirehoseError.InvalidArgument.with("This server reads no Kinesis streams.");
        }
    };

    /** The source reader's loop: reads every due source, then sleeps until the next is due, a second at most. */
    private void readSources() {
        while (!closed) {
            try {
                long wait = Math.min(KinesisSources.READ_INTERVAL_MILLIS, sources.runDue() - clock.millis());
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(FirehoseEngine.class)
                        .warn("Firehose's Kinesis source reader failed a round", e);
            }
        }
    }

    /** Whether the store holds any delivery stream, so that a server makes the engine at start only when it must. */
    public static boolean hasStreams(DeliveryStreamStore store) {
        boolean[] any = {false};
        store.scanResources(FirehoseRecords.STREAM_PREFIX, (key, value) -> any[0] = true);
        return any[0];
    }

    private void restore() {
        long[] max = {-1};
        List<FirehoseRecords.StoredStream> deleting = new ArrayList<>();
        store.scanResources(FirehoseRecords.STREAM_PREFIX, (key, value) -> {
            FirehoseRecords.StoredStream stream = FirehoseRecords.decode(value, FirehoseRecords.StoredStream.class);
            max[0] = Math.max(max[0], stream.id());
            if (stream.deleting()) {
                deleting.add(stream);
            } else {
                streams.put(key, stream);
            }
        });
        for (FirehoseRecords.StoredStream stream : deleting) {
            purge(stream);
        }
        nextId = max[0] + 1;
        for (FirehoseRecords.StoredStream stream : streams.values()) {
            deliveries.open(stream);
            if (stream.kinesisSource() != null) {
                sources.open(stream);
            }
        }
    }

    public CreateDeliveryStreamResponse createDeliveryStream(
            FirehoseContext context, CreateDeliveryStreamRequest request) {
        MemberConstraints.check()
                .notNull("deliveryStreamName", request.deliveryStreamName())
                .length("deliveryStreamName", request.deliveryStreamName(), 1, 64, false)
                .pattern("deliveryStreamName", request.deliveryStreamName(), NAME, false)
                .oneOf("deliveryStreamType", request.deliveryStreamType(), TYPES)
                .size("tags", request.tags(), 1, FirehoseLimits.TAGS_MAX, String.valueOf(request.tags()))
                .validate(FirehoseError.Validation);
        String name = String.valueOf(request.deliveryStreamName());
        LinkedHashMap<String, String> tags = checkedTags(request.tags());
        String type = request.deliveryStreamType() == null ? "DirectPut" : request.deliveryStreamType();
        KinesisStreamSourceConfiguration kinesisSource = kinesisSource(type, request);
        ExtendedS3DestinationConfiguration s3 = destination(request);
        OtherDestinations.Made made = s3 == null ? OtherDestinations.created(request) : null;
        ExtendedS3DestinationConfiguration destination =
                made == null ? java.util.Objects.requireNonNull(s3) : made.backup();
        tables.check(destination);
        boolean s3Only = request.s3DestinationConfiguration() != null;
        FirehoseRecords.Encryption encryption = FirehoseRecords.Encryption.NONE;
        long now = clock.millis();
        DeliveryStreamEncryptionConfigurationInput wanted = request.deliveryStreamEncryptionConfigurationInput();
        if (wanted != null) {
            encryption = encryption(wanted, "deliveryStreamEncryptionConfigurationInput", now);
        }
        control.lock();
        try {
            String key = FirehoseRecords.streamKey(context.accountId(), name);
            FirehoseRecords.StoredStream held = current(key);
            if (held != null) {
                throw FirehoseError.ResourceInUse.with(
                        "Firehose " + name + " under accountId " + context.accountId() + " already exists");
            }
            // A deleted stream counts until its DELETING time is over, however long it waits to be purged.
            long owned = 0;
            for (Map.Entry<String, FirehoseRecords.StoredStream> entry : List.copyOf(streams.entrySet())) {
                if (entry.getValue().accountId().equals(context.accountId()) && current(entry.getKey()) != null) {
                    owned++;
                }
            }
            if (owned >= config.streamsPerAccount()) {
                throw FirehoseError.LimitExceeded.with(
                        "You have already consumed your firehose quota of " + config.streamsPerAccount() + " hoses.");
            }
            FirehoseRecords.StoredStream stream = new FirehoseRecords.StoredStream(
                    nextId++,
                    context.accountId(),
                    name,
                    type,
                    now,
                    now,
                    1,
                    false,
                    kinesisSource,
                    destination,
                    s3Only,
                    tags,
                    encryption,
                    made == null ? null : made.other());
            store.commit(new DeliveryStreamBatch().putResource(key, FirehoseRecords.encode(stream)));
            streams.put(key, stream);
            deliveries.open(stream);
            if (kinesisSource != null) {
                sources.open(stream);
            }
        } finally {
            control.unlock();
        }
        return new CreateDeliveryStreamResponse(arn(context, name));
    }

    public DescribeDeliveryStreamResponse describeDeliveryStream(
            FirehoseContext context, DescribeDeliveryStreamRequest request) {
        MemberConstraints.check()
                .notNull("deliveryStreamName", request.deliveryStreamName())
                .length("deliveryStreamName", request.deliveryStreamName(), 1, 64, false)
                .pattern("deliveryStreamName", request.deliveryStreamName(), NAME, false)
                .range("limit", request.limit(), 1, 10_000)
                .length("exclusiveStartDestinationId", request.exclusiveStartDestinationId(), 1, 100, false)
                .pattern("exclusiveStartDestinationId", request.exclusiveStartDestinationId(), DESTINATION_ID, false)
                .validate(FirehoseError.Validation);
        FirehoseRecords.StoredStream stream = required(context, request.deliveryStreamName());
        long now = clock.millis();
        List<DestinationDescription> destinations = new ArrayList<>();
        String start = request.exclusiveStartDestinationId();
        if (start == null || start.compareTo(DESTINATION) < 0) {
            destinations.add(
                    stream.other() != null
                            ? OtherDestinations.describe(DESTINATION, stream)
                            : new DestinationDescription(
                                    DESTINATION,
                                    S3Destinations.describeS3(stream.destination()),
                                    S3Destinations.describeExtended(stream.destination()),
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null));
        }
        return new DescribeDeliveryStreamResponse(new DeliveryStreamDescription(
                stream.name(),
                arn(context, stream.name()),
                status(stream, now),
                null,
                describeEncryption(stream.encryption(), now),
                stream.type(),
                String.valueOf(stream.version()),
                Instant.ofEpochMilli(stream.createdMillis()),
                stream.version() > 1 ? Instant.ofEpochMilli(stream.updatedMillis()) : null,
                describeSource(stream),
                destinations,
                false));
    }

    public ListDeliveryStreamsResponse listDeliveryStreams(
            FirehoseContext context, ListDeliveryStreamsRequest request) {
        MemberConstraints.check()
                .range("limit", request.limit(), 1, 10_000)
                .oneOf("deliveryStreamType", request.deliveryStreamType(), TYPES)
                .length("exclusiveStartDeliveryStreamName", request.exclusiveStartDeliveryStreamName(), 1, 64, false)
                .pattern("exclusiveStartDeliveryStreamName", request.exclusiveStartDeliveryStreamName(), NAME, false)
                .validate(FirehoseError.Validation);
        int limit = request.limit() == null ? 10 : request.limit();
        String after = request.exclusiveStartDeliveryStreamName();
        TreeMap<String, FirehoseRecords.StoredStream> owned = new TreeMap<>();
        for (FirehoseRecords.StoredStream stream : streams.values()) {
            if (stream.accountId().equals(context.accountId())
                    && (request.deliveryStreamType() == null
                            || request.deliveryStreamType().equals(stream.type()))
                    && (after == null || stream.name().compareTo(after) > 0)) {
                owned.put(stream.name(), stream);
            }
        }
        List<String> names = new ArrayList<>();
        boolean more = false;
        for (String name : owned.keySet()) {
            // A stream whose DELETING time is over is gone: it neither fills the page nor makes another one.
            if (current(FirehoseRecords.streamKey(context.accountId(), name)) == null) {
                continue;
            }
            if (names.size() == limit) {
                more = true;
                break;
            }
            names.add(name);
        }
        return new ListDeliveryStreamsResponse(names, more);
    }

    public DeleteDeliveryStreamResponse deleteDeliveryStream(
            FirehoseContext context, DeleteDeliveryStreamRequest request) {
        checkName(request.deliveryStreamName());
        control.lock();
        try {
            FirehoseRecords.StoredStream stream = required(context, request.deliveryStreamName());
            if (stream.deleting()) {
                // AWS lists DELETING among the states a stream may be deleted from: a second delete changes nothing.
                return new DeleteDeliveryStreamResponse();
            }
            // AWS refuses to delete a stream while it is CREATING.
            if (status(stream, clock.millis()).equals("CREATING")) {
                throw FirehoseError.ResourceInUse.with(
                        "Firehose " + stream.name() + " is not in the ACTIVE state; it is CREATING.");
            }
            FirehoseRecords.StoredStream deleted = stream.deleted(clock.millis());
            String key = FirehoseRecords.streamKey(stream.accountId(), stream.name());
            // What was not delivered is dropped: AWS makes no promise for a stream being deleted.
            store.commit(new DeliveryStreamBatch()
                    .putResource(key, FirehoseRecords.encode(deleted))
                    .deleteStreamRecords(stream.id())
                    .deleteResource(FirehoseRecords.cursorKey(stream.id()))
                    .deleteResourcePrefix(KinesisSources.prefix(stream.id())));
            sources.remove(stream.id());
            deliveries.remove(stream.id());
            streams.put(key, deleted);
        } finally {
            control.unlock();
        }
        return new DeleteDeliveryStreamResponse();
    }

    public UpdateDestinationResponse updateDestination(FirehoseContext context, UpdateDestinationRequest request) {
        MemberConstraints.check()
                .notNull("deliveryStreamName", request.deliveryStreamName())
                .length("deliveryStreamName", request.deliveryStreamName(), 1, 64, false)
                .pattern("deliveryStreamName", request.deliveryStreamName(), NAME, false)
                .notNull("currentDeliveryStreamVersionId", request.currentDeliveryStreamVersionId())
                .length("currentDeliveryStreamVersionId", request.currentDeliveryStreamVersionId(), 1, 50, false)
                .pattern("currentDeliveryStreamVersionId", request.currentDeliveryStreamVersionId(), VERSION, false)
                .notNull("destinationId", request.destinationId())
                .length("destinationId", request.destinationId(), 1, 100, false)
                .pattern("destinationId", request.destinationId(), DESTINATION_ID, false)
                .validate(FirehoseError.Validation);
        control.lock();
        try {
            FirehoseRecords.StoredStream stream = required(context, request.deliveryStreamName());
            long now = clock.millis();
            String status = status(stream, now);
            if (!status.equals("ACTIVE")) {
                throw FirehoseError.ResourceInUse.with(
                        "Firehose " + stream.name() + " is not in the ACTIVE state; it is " + status + ".");
            }
            if (!String.valueOf(stream.version()).equals(request.currentDeliveryStreamVersionId())) {
                throw FirehoseError.ConcurrentModification.with("Cannot update firehose: " + stream.name()
                        + " since the current version id: " + stream.version() + " and specified version id: "
                        + request.currentDeliveryStreamVersionId() + " do not match");
            }
            if (!DESTINATION.equals(request.destinationId())) {
                throw FirehoseError.InvalidArgument.with("Destination Id " + request.destinationId() + " not found");
            }
            FirehoseRecords.StoredStream updated = stream.other() == null && !OtherDestinations.updates(request)
                    ? stream.with(updatedDestination(stream, request), now)
                    : OtherDestinations.updated(stream, request, now);
            tables.check(updated.destination());
            String key = FirehoseRecords.streamKey(stream.accountId(), stream.name());
            store.commit(new DeliveryStreamBatch().putResource(key, FirehoseRecords.encode(updated)));
            streams.put(key, updated);
            Lane lane = deliveries.lane(stream.id());
            if (lane != null) {
                lane.stream = updated;
            }
        } finally {
            control.unlock();
        }
        deliveries.runDueSoon();
        return new UpdateDestinationResponse();
    }

    public PutRecordResponse putRecord(FirehoseContext context, PutRecordRequest request) {
        long started = clock.millis();
        MemberConstraints.check()
                .notNull("deliveryStreamName", request.deliveryStreamName())
                .length("deliveryStreamName", request.deliveryStreamName(), 1, 64, false)
                .pattern("deliveryStreamName", request.deliveryStreamName(), NAME, false)
                .notNull("record", request.record())
                .validate(FirehoseError.Validation);
        StreamRecord record = java.util.Objects.requireNonNull(request.record());
        MemberConstraints.check()
                .notNull("record.data", record.data())
                .blobLength("record.data", record.data(), FirehoseLimits.RECORD_BYTES_MAX)
                .validate(FirehoseError.Validation);
        Lane lane = writable(context, request.deliveryStreamName());
        byte[] data = java.util.Objects.requireNonNull(record.data());
        if (admitted(context, lane, new int[] {data.length}) < 1) {
            lane.counts.onThrottled(1);
            throw FirehoseError.ServiceUnavailable.with(slowDown(context, lane));
        }
        long sequence = deliveries.put(lane, List.of(data));
        lane.counts.onPut(false, 1, data.length, clock.millis() - started, 0);
        return new PutRecordResponse(recordId(lane.streamId, sequence), encrypted(lane));
    }

    @Override
    public void putRecord(String deliveryStreamArn, byte[] data) {
        String[] parts = deliveryStreamArn.split(":", 6);
        if (parts.length < 6 || !parts[2].equals("firehose") || !parts[5].startsWith("deliverystream/")) {
            throw FirehoseError.InvalidArgument.with(deliveryStreamArn + " is not a delivery stream's ARN.");
        }
        if (!parts[3].equals(region)) {
            throw FirehoseError.ResourceNotFound.with(
                    notFound(new FirehoseContext(parts[4], parts[3]), parts[5].substring("deliverystream/".length())));
        }
        putRecord(
                new FirehoseContext(parts[4], parts[3]),
                new PutRecordRequest(parts[5].substring("deliverystream/".length()), new StreamRecord(data)));
    }

    public PutRecordBatchResponse putRecordBatch(FirehoseContext context, PutRecordBatchRequest request) {
        long started = clock.millis();
        List<StreamRecord> records = request.records();
        MemberConstraints check = MemberConstraints.check()
                .notNull("deliveryStreamName", request.deliveryStreamName())
                .length("deliveryStreamName", request.deliveryStreamName(), 1, 64, false)
                .pattern("deliveryStreamName", request.deliveryStreamName(), NAME, false)
                .notNull("records", records)
                .size("records", records, 1, FirehoseLimits.BATCH_RECORDS_MAX, String.valueOf(records));
        List<byte[]> data = new ArrayList<>();
        long total = 0;
        if (records != null) {
            for (int i = 0; i < records.size(); i++) {
                byte[] bytes = records.get(i) == null ? null : records.get(i).data();
                String member = "records." + (i + 1) + ".member.data";
                check.notNull(member, bytes).blobLength(member, bytes, FirehoseLimits.RECORD_BYTES_MAX);
                if (bytes != null) {
                    data.add(bytes);
                    total += bytes.length;
                }
            }
        }
        check.validate(FirehoseError.Validation);
        if (total > FirehoseLimits.BATCH_BYTES_MAX) {
            throw FirehoseError.InvalidArgument.with("Records size exceeds 4 MB limit");
        }
        Lane lane = writable(context, request.deliveryStreamName());
        int[] sizes = new int[data.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = data.get(i).length;
        }
        int taken = admitted(context, lane, sizes);
        if (taken < 0) {
            lane.counts.onThrottled(data.size());
            throw FirehoseError.ServiceUnavailable.with(slowDown(context, lane));
        }
        long first = taken == 0 ? 0 : deliveries.put(lane, data.subList(0, taken));
        long takenBytes = 0;
        for (int i = 0; i < taken; i++) {
            takenBytes += sizes[i];
        }
        lane.counts.onPut(true, taken, takenBytes, clock.millis() - started, data.size() - taken);
        List<PutRecordBatchResponseEntry> entries = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            entries.add(
                    i < taken
                            ? new PutRecordBatchResponseEntry(recordId(lane.streamId, first + i), null, null)
                            : new PutRecordBatchResponseEntry(
                                    null, FirehoseError.ServiceUnavailable.shapeName(), slowDown(context, lane)));
        }
        return new PutRecordBatchResponse(data.size() - taken, encrypted(lane), entries);
    }

    public TagDeliveryStreamResponse tagDeliveryStream(FirehoseContext context, TagDeliveryStreamRequest request) {
        MemberConstraints.check()
                .notNull("deliveryStreamName", request.deliveryStreamName())
                .length("deliveryStreamName", request.deliveryStreamName(), 1, 64, false)
                .pattern("deliveryStreamName", request.deliveryStreamName(), NAME, false)
                .notNull("tags", request.tags())
                .size("tags", request.tags(), 1, FirehoseLimits.TAGS_MAX, String.valueOf(request.tags()))
                .validate(FirehoseError.Validation);
        LinkedHashMap<String, String> added = checkedTags(request.tags());
        control.lock();
        try {
            FirehoseRecords.StoredStream stream = required(context, request.deliveryStreamName());
            LinkedHashMap<String, String> tags = new LinkedHashMap<>(stream.tags());
            tags.putAll(added);
            if (tags.size() > FirehoseLimits.TAGS_MAX) {
                throw FirehoseError.LimitExceeded.with("A delivery stream cannot have more than "
                        + FirehoseLimits.TAGS_MAX + " tags; this request would give " + stream.name() + " "
                        + tags.size() + ".");
            }
            save(stream.withTags(tags));
        } finally {
            control.unlock();
        }
        return new TagDeliveryStreamResponse();
    }

    public UntagDeliveryStreamResponse untagDeliveryStream(
            FirehoseContext context, UntagDeliveryStreamRequest request) {
        MemberConstraints check = MemberConstraints.check()
                .notNull("deliveryStreamName", request.deliveryStreamName())
                .length("deliveryStreamName", request.deliveryStreamName(), 1, 64, false)
                .pattern("deliveryStreamName", request.deliveryStreamName(), NAME, false)
                .notNull("tagKeys", request.tagKeys())
                .size("tagKeys", request.tagKeys(), 1, FirehoseLimits.TAGS_MAX, String.valueOf(request.tagKeys()));
        if (request.tagKeys() != null) {
            for (int i = 0; i < request.tagKeys().size(); i++) {
                String member = "tagKeys." + (i + 1) + ".member";
                check.length(member, request.tagKeys().get(i), 1, 128, false)
                        .pattern(member, request.tagKeys().get(i), TAG_KEY, false);
            }
        }
        check.validate(FirehoseError.Validation);
        control.lock();
        try {
            FirehoseRecords.StoredStream stream = required(context, request.deliveryStreamName());
            LinkedHashMap<String, String> tags = new LinkedHashMap<>(stream.tags());
            java.util.Objects.requireNonNull(request.tagKeys()).forEach(tags::remove);
            save(stream.withTags(tags));
        } finally {
            control.unlock();
        }
        return new UntagDeliveryStreamResponse();
    }

    public ListTagsForDeliveryStreamResponse listTagsForDeliveryStream(
            FirehoseContext context, ListTagsForDeliveryStreamRequest request) {
        MemberConstraints.check()
                .notNull("deliveryStreamName", request.deliveryStreamName())
                .length("deliveryStreamName", request.deliveryStreamName(), 1, 64, false)
                .pattern("deliveryStreamName", request.deliveryStreamName(), NAME, false)
                .length("exclusiveStartTagKey", request.exclusiveStartTagKey(), 1, 128, false)
                .pattern("exclusiveStartTagKey", request.exclusiveStartTagKey(), TAG_KEY, false)
                .range("limit", request.limit(), 1, FirehoseLimits.TAGS_MAX)
                .validate(FirehoseError.Validation);
        FirehoseRecords.StoredStream stream = required(context, request.deliveryStreamName());
        int limit = request.limit() == null ? FirehoseLimits.TAGS_MAX : request.limit();
        String after = request.exclusiveStartTagKey();
        List<Tag> tags = new ArrayList<>();
        boolean more = false;
        for (Map.Entry<String, String> tag : new TreeMap<>(stream.tags()).entrySet()) {
            if (after != null && tag.getKey().compareTo(after) <= 0) {
                continue;
            }
            if (tags.size() == limit) {
                more = true;
                break;
            }
            tags.add(new Tag(tag.getKey(), tag.getValue()));
        }
        return new ListTagsForDeliveryStreamResponse(tags, more);
    }

    public StartDeliveryStreamEncryptionResponse startDeliveryStreamEncryption(
            FirehoseContext context, StartDeliveryStreamEncryptionRequest request) {
        checkName(request.deliveryStreamName());
        DeliveryStreamEncryptionConfigurationInput wanted = request.deliveryStreamEncryptionConfigurationInput();
        control.lock();
        try {
            FirehoseRecords.StoredStream stream = required(context, request.deliveryStreamName());
            long now = clock.millis();
            encryptable(stream, now);
            FirehoseRecords.Encryption next = encryption(
                    wanted == null ? new DeliveryStreamEncryptionConfigurationInput(null, null) : wanted,
                    "deliveryStreamEncryptionConfigurationInput",
                    now);
            save(stream.withEncryption(next));
        } finally {
            control.unlock();
        }
        return new StartDeliveryStreamEncryptionResponse();
    }

    public StopDeliveryStreamEncryptionResponse stopDeliveryStreamEncryption(
            FirehoseContext context, StopDeliveryStreamEncryptionRequest request) {
        checkName(request.deliveryStreamName());
        control.lock();
        try {
            FirehoseRecords.StoredStream stream = required(context, request.deliveryStreamName());
            long now = clock.millis();
            encryptable(stream, now);
            FirehoseRecords.Encryption held = stream.encryption();
            if (held.enabled()) {
                save(stream.withEncryption(new FirehoseRecords.Encryption(false, now, held.keyType(), held.keyArn())));
            }
        } finally {
            control.unlock();
        }
        return new StopDeliveryStreamEncryptionResponse();
    }

    /**
     * Each live delivery stream's {@code AWS/Firehose} figures since the previous call, for the streams that had any;
     * each call starts them again from none. Called by one thread at a time (the service-metrics thread).
     */
    public List<DeliveryStreamMetrics> metricsSnapshot() {
        List<DeliveryStreamMetrics> out = new ArrayList<>();
        for (Lane lane : deliveries.lanes()) {
            FirehoseRecords.StoredStream stream = lane.stream;
            DeliveryStreamMetrics metrics = lane.counts.take(stream.accountId(), stream.name());
            if (metrics != null) {
                out.add(metrics);
            }
        }
        return out;
    }

    /** Whether an account has a delivery stream of this name, in any status; for /metrics, to drop a deleted one's. */
    public boolean hasStream(String accountId, String deliveryStreamName) {
        for (Lane lane : deliveries.lanes()) {
            FirehoseRecords.StoredStream stream = lane.stream;
            if (stream.accountId().equals(accountId) && stream.name().equals(deliveryStreamName)) {
                return true;
            }
        }
        return false;
    }

    /** Starts every delivery that is due by the clock, and those that fall due meanwhile; for tests. */
    void runDeliveries() {
        for (int round = 0; round < 10_000; round++) {
            Deliveries.Round done = deliveries.runDue();
            if (done.started() == 0 && done.nextMillis() > clock.millis()) {
                return;
            }
        }
    }

    /** Reads every Kinesis source that is due by the clock; for tests. */
    void runSources() {
        sources.runDue();
    }

    /** Stops starting deliveries, and waits a few seconds for those running to finish. */
    @Override
    public void close() {
        closed = true;
        Thread reader = sourceReader;
        if (reader != null) {
            reader.interrupt();
        }
        DeliveryThread running = thread;
        if (running != null) {
            running.stop();
        }
        if (executor instanceof java.util.concurrent.ExecutorService service) {
            service.shutdown();
            try {
                service.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        invoker.close();
        endpoints.close();
    }

    /** The Kinesis source a request names, checked as AWS checks it; null for a DirectPut stream. */
    private @Nullable KinesisStreamSourceConfiguration kinesisSource(String type, CreateDeliveryStreamRequest request) {
        KinesisStreamSourceConfiguration source = request.kinesisStreamSourceConfiguration();
        if (!type.equals("DirectPut") && !type.equals("KinesisStreamAsSource")) {
            throw FirehoseError.InvalidArgument.with("Wharf does not read a " + type + " source yet.");
        }
        if (type.equals("DirectPut")) {
            if (source != null) {
                throw FirehoseError.InvalidArgument.with(
                        "KinesisStreamSourceConfiguration is only allowed with the KinesisStreamAsSource type.");
            }
            return null;
        }
        if (source == null) {
            throw FirehoseError.InvalidArgument.with(
                    "KinesisStreamSourceConfiguration is required with the KinesisStreamAsSource type.");
        }
        MemberConstraints.check()
                .notNull("kinesisStreamSourceConfiguration.kinesisStreamARN", source.kinesisStreamARN())
                .length("kinesisStreamSourceConfiguration.kinesisStreamARN", source.kinesisStreamARN(), 1, 512, false)
                .pattern("kinesisStreamSourceConfiguration.kinesisStreamARN", source.kinesisStreamARN(), ARN, false)
                .notNull("kinesisStreamSourceConfiguration.roleARN", source.roleARN())
                .length("kinesisStreamSourceConfiguration.roleARN", source.roleARN(), 1, 512, false)
                .pattern("kinesisStreamSourceConfiguration.roleARN", source.roleARN(), ARN, false)
                .validate(FirehoseError.Validation);
        if (request.deliveryStreamEncryptionConfigurationInput() != null) {
            // Firehose encrypts what it reads from a Kinesis stream only as the stream itself is encrypted.
            throw FirehoseError.InvalidArgument.with("Server-side encryption cannot be set on a delivery stream whose"
                    + " source is a Kinesis stream; encrypt the Kinesis stream instead.");
        }
        KinesisSources.checkExists(kinesis, String.valueOf(source.kinesisStreamARN()));
        return source;
    }

    private static @Nullable SourceDescription describeSource(FirehoseRecords.StoredStream stream) {
        KinesisStreamSourceConfiguration source = stream.kinesisSource();
        if (source == null) {
            return null;
        }
        return new SourceDescription(
                null,
                new KinesisStreamSourceDescription(
                        source.kinesisStreamARN(), source.roleARN(), Instant.ofEpochMilli(stream.createdMillis())),
                null,
                null);
    }

    /** The S3 destination that a request gives, or null when it gives another that Wharf serves. */
    private @Nullable ExtendedS3DestinationConfiguration destination(CreateDeliveryStreamRequest request) {
        List<String> given = new ArrayList<>();
        if (request.s3DestinationConfiguration() != null) {
            given.add("S3DestinationConfiguration");
        }
        if (request.extendedS3DestinationConfiguration() != null) {
            given.add("ExtendedS3DestinationConfiguration");
        }
        List<String> others = new ArrayList<>();
        if (request.redshiftDestinationConfiguration() != null) {
            others.add("RedshiftDestinationConfiguration");
        }
        if (request.elasticsearchDestinationConfiguration() != null) {
            others.add("ElasticsearchDestinationConfiguration");
        }
        if (request.amazonopensearchserviceDestinationConfiguration() != null) {
            others.add("AmazonopensearchserviceDestinationConfiguration");
        }
        if (request.splunkDestinationConfiguration() != null) {
            others.add("SplunkDestinationConfiguration");
        }
        if (request.httpEndpointDestinationConfiguration() != null) {
            others.add("HttpEndpointDestinationConfiguration");
        }
        if (request.amazonOpenSearchServerlessDestinationConfiguration() != null) {
            others.add("AmazonOpenSearchServerlessDestinationConfiguration");
        }
        if (request.snowflakeDestinationConfiguration() != null) {
            others.add("SnowflakeDestinationConfiguration");
        }
        if (request.icebergDestinationConfiguration() != null) {
            others.add("IcebergDestinationConfiguration");
        }
        if (given.size() + others.size() != 1) {
            throw FirehoseError.InvalidArgument.with(
                    "Exactly one destination configuration must be given; the request has "
                            + (given.size() + others.size()) + ".");
        }
        if (!others.isEmpty() && OtherDestinations.SERVED.contains(others.getFirst())) {
            return null;
        }
        if (!others.isEmpty()) {
            throw FirehoseError.InvalidArgument.with("Wharf does not deliver to a destination given by "
                    + others.getFirst() + " yet; use ExtendedS3DestinationConfiguration.");
        }
        ExtendedS3DestinationConfiguration extended = request.extendedS3DestinationConfiguration();
        return extended != null
                ? S3Destinations.created("extendedS3DestinationConfiguration", extended)
                : S3Destinations.created(
                        "s3DestinationConfiguration",
                        java.util.Objects.requireNonNull(request.s3DestinationConfiguration()));
    }

    private static ExtendedS3DestinationConfiguration updatedDestination(
            FirehoseRecords.StoredStream stream, UpdateDestinationRequest request) {
        int updates = 0;
        for (Object update : new Object[] {
            request.s3DestinationUpdate(),
            request.extendedS3DestinationUpdate(),
            request.redshiftDestinationUpdate(),
            request.elasticsearchDestinationUpdate(),
            request.amazonopensearchserviceDestinationUpdate(),
            request.splunkDestinationUpdate(),
            request.httpEndpointDestinationUpdate(),
            request.amazonOpenSearchServerlessDestinationUpdate(),
            request.snowflakeDestinationUpdate(),
            request.icebergDestinationUpdate()
        }) {
            if (update != null) {
                updates++;
            }
        }
        if (updates != 1) {
            throw FirehoseError.InvalidArgument.with(
                    "Exactly one destination update must be given; the request has " + updates + ".");
        }
        if (request.extendedS3DestinationUpdate() != null) {
            return S3Destinations.updated(stream.destination(), request.extendedS3DestinationUpdate());
        }
        if (request.s3DestinationUpdate() != null) {
            return S3Destinations.updated(stream.destination(), request.s3DestinationUpdate());
        }
        throw FirehoseError.InvalidArgument.with(
                "Changing the destination type to or from S3 is not supported at this time.");
    }

    private Lane writable(FirehoseContext context, @Nullable String name) {
        FirehoseRecords.StoredStream stream = required(context, name);
        if (!stream.type().equals("DirectPut")) {
            throw FirehoseError.InvalidArgument.with(
                    "This operation is not permitted on " + stream.type() + " delivery stream type.");
        }
        if (!status(stream, clock.millis()).equals("ACTIVE")) {
            throw FirehoseError.ResourceNotFound.with(notFound(context, stream.name()));
        }
        Lane lane = deliveries.lane(stream.id());
        if (lane == null) {
            throw FirehoseError.ResourceNotFound.with(notFound(context, stream.name()));
        }
        return lane;
    }

    /**
     * How many of a put's records, from the first, the stream's throughput quota takes; -1 when its request quota is
     * spent. All of them when the config applies no quota.
     */
    private int admitted(FirehoseContext context, Lane lane, int[] sizes) {
        if (!config.throughputQuota()) {
            return sizes.length;
        }
        return quotas.computeIfAbsent(lane.streamId, id -> PutQuota.forRegion(context.region(), clock.millis()))
                .take(clock.millis(), sizes);
    }

    /** The message of a put its stream's throughput quota refuses (AWS documents the error, not its words). */
    private static String slowDown(FirehoseContext context, Lane lane) {
        return "Slow down. The throughput quota of delivery stream " + lane.stream.name() + " under account "
                + context.accountId() + " is exceeded; retry with back-off.";
    }

    private boolean encrypted(Lane lane) {
        FirehoseRecords.Encryption encryption = lane.stream.encryption();
        return encryption.enabled()
                && clock.millis()
                        >= encryption.sinceMillis() + config.transition().toMillis();
    }

    private void encryptable(FirehoseRecords.StoredStream stream, long now) {
        if (!stream.type().equals("DirectPut")) {
            throw FirehoseError.InvalidArgument.with(
                    "This operation is not permitted on " + stream.type() + " delivery stream type.");
        }
        String status = status(stream, now);
        if (!status.equals("ACTIVE")) {
            throw FirehoseError.ResourceInUse.with(
                    "Firehose " + stream.name() + " is not in the ACTIVE state; it is " + status + ".");
        }
    }

    private FirehoseRecords.Encryption encryption(
            DeliveryStreamEncryptionConfigurationInput wanted, String member, long now) {
        MemberConstraints.check()
                .oneOf(member + ".keyType", wanted.keyType(), KEY_TYPES)
                .length(member + ".keyARN", wanted.keyARN(), 1, 512, false)
                .validate(FirehoseError.Validation);
        String keyType = wanted.keyType() == null ? "AWS_OWNED_CMK" : wanted.keyType();
        if (keyType.equals("CUSTOMER_MANAGED_CMK") && wanted.keyARN() == null) {
            throw FirehoseError.InvalidArgument.with("KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.");
        }
        if (keyType.equals("AWS_OWNED_CMK") && wanted.keyARN() != null) {
            throw FirehoseError.InvalidArgument.with("KeyARN must not be given when KeyType is AWS_OWNED_CMK.");
        }
        return new FirehoseRecords.Encryption(true, now, keyType, wanted.keyARN());
    }

    private DeliveryStreamEncryptionConfiguration describeEncryption(FirehoseRecords.Encryption encryption, long now) {
        boolean settled = now >= encryption.sinceMillis() + config.transition().toMillis();
        String status = encryption.enabled()
                ? (settled ? "ENABLED" : "ENABLING")
                : (settled || encryption.keyType() == null ? "DISABLED" : "DISABLING");
        return new DeliveryStreamEncryptionConfiguration(
                encryption.enabled() || !settled ? encryption.keyArn() : null,
                encryption.enabled() || !settled ? encryption.keyType() : null,
                status,
                null);
    }

    private LinkedHashMap<String, String> checkedTags(@Nullable List<Tag> tags) {
        LinkedHashMap<String, String> checked = new LinkedHashMap<>();
        if (tags == null) {
            return checked;
        }
        MemberConstraints check = MemberConstraints.check();
        for (int i = 0; i < tags.size(); i++) {
            Tag tag = tags.get(i);
            String member = "tags." + (i + 1) + ".member";
            check.notNull(member + ".key", tag.key())
                    .length(member + ".key", tag.key(), 1, 128, false)
                    .pattern(member + ".key", tag.key(), TAG_KEY, false)
                    .length(member + ".value", tag.value(), 0, 256, false)
                    .pattern(member + ".value", tag.value(), TAG_VALUE, false);
        }
        check.validate(FirehoseError.Validation);
        for (Tag tag : tags) {
            checked.put(String.valueOf(tag.key()), tag.value() == null ? "" : tag.value());
        }
        return checked;
    }

    private static void checkName(@Nullable String name) {
        MemberConstraints.check()
                .notNull("deliveryStreamName", name)
                .length("deliveryStreamName", name, 1, 64, false)
                .pattern("deliveryStreamName", name, NAME, false)
                .validate(FirehoseError.Validation);
    }

    private void save(FirehoseRecords.StoredStream stream) {
        String key = FirehoseRecords.streamKey(stream.accountId(), stream.name());
        store.commit(new DeliveryStreamBatch().putResource(key, FirehoseRecords.encode(stream)));
        streams.put(key, stream);
        Lane lane = deliveries.lane(stream.id());
        if (lane != null) {
            lane.stream = stream;
        }
    }

    private FirehoseRecords.StoredStream required(FirehoseContext context, @Nullable String name) {
        FirehoseRecords.StoredStream stream =
                current(FirehoseRecords.streamKey(context.accountId(), String.valueOf(name)));
        if (stream == null) {
            throw FirehoseError.ResourceNotFound.with(notFound(context, String.valueOf(name)));
        }
        return stream;
    }

    /** The stream under a key, or null; a deleted stream whose DELETING time is over is purged on the way. */
    private FirehoseRecords.@Nullable StoredStream current(String key) {
        FirehoseRecords.StoredStream stream = streams.get(key);
        if (stream != null
                && stream.deleting()
                && clock.millis()
                        >= stream.updatedMillis() + config.transition().toMillis()) {
            control.lock();
            try {
                if (streams.get(key) == stream) {
                    purge(stream);
                    streams.remove(key);
                }
            } finally {
                control.unlock();
            }
            return null;
        }
        return stream;
    }

    private void purge(FirehoseRecords.StoredStream stream) {
        quotas.remove(stream.id());
        store.commit(new DeliveryStreamBatch()
                .deleteResource(FirehoseRecords.streamKey(stream.accountId(), stream.name()))
                .deleteStreamRecords(stream.id())
                .deleteResource(FirehoseRecords.cursorKey(stream.id()))
                .deleteResourcePrefix(KinesisSources.prefix(stream.id())));
    }

    private String status(FirehoseRecords.StoredStream stream, long now) {
        if (stream.deleting()) {
            return "DELETING";
        }
        return now < stream.createdMillis() + config.transition().toMillis() ? "CREATING" : "ACTIVE";
    }

    private static String notFound(FirehoseContext context, String name) {
        return "Firehose " + name + " under account " + context.accountId() + " not found.";
    }

    private String arn(FirehoseContext context, String name) {
        return "arn:aws:firehose:" + region + ":" + context.accountId() + ":deliverystream/" + name;
    }

    /** A record's id: its stream's id and its sequence, then the time it was accepted, in base64. */
    private String recordId(long streamId, long sequence) {
        byte[] id = ByteBuffer.allocate(24)
                .putLong(streamId)
                .putLong(sequence)
                .putLong(clock.millis())
                .array();
        return Base64.getEncoder().encodeToString(id);
    }

    /**
     * The background thread that starts deliveries when they fall due: it sleeps until the earliest due time, or a
     * second at most, and wakes early when a put or a finished delivery may have made one due sooner.
     */
    private final class DeliveryThread {
        private final Object monitor = new Object();
        private boolean woken;
        private volatile boolean stopped;
        private @Nullable Thread running;

        void start() {
            running = Thread.ofVirtual().name("wharf-firehose-scheduler").start(this::loop);
        }

        void wake() {
            synchronized (monitor) {
                woken = true;
                monitor.notifyAll();
            }
        }

        void stop() {
            stopped = true;
            Thread made = running;
            if (made != null) {
                made.interrupt();
            }
        }

        private void loop() {
            while (!stopped) {
                try {
                    long next = deliveries.runDue().nextMillis();
                    synchronized (monitor) {
                        long wait = Math.min(1_000, next - clock.millis());
                        if (!woken && wait > 0) {
                            monitor.wait(wait);
                        }
                        woken = false;
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(FirehoseEngine.class)
                            .warn("Firehose's delivery scheduler failed a round", e);
                }
            }
        }
    }
}
