package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.wharf.storage.BrokerStore;
import dev.wharf.storage.DeliveryStore;
import dev.wharf.storage.DeliveryStreamStore;
import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.MessageArchiveStore;
import dev.wharf.storage.MetricStore;
import dev.wharf.storage.ObjectStore;
import dev.wharf.storage.PendingCommit;
import dev.wharf.storage.QueueBatch;
import dev.wharf.storage.QueueStore;
import dev.wharf.storage.StorageEngine;
import dev.wharf.storage.StoreObserver;
import dev.wharf.storage.StreamStore;
import dev.wharf.storage.TableStore;
import dev.wharf.storage.TopicStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionOptionsUniversal;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every record of every store in one RocksDB database under the data directory, for the {@link
 * DurabilityMode#SYNC} and {@link DurabilityMode#RELAXED} modes. It is the {@link QueueStore} itself; {@link #topics()}
 * and {@link #deliveries()} are views over the same database.
 *
 * <p>Column families hold the records (keys in {@link RecordKeys}):
 *
 * <ul>
 *   <li>{@code queues}, keyed by the queue id, and {@code payloads} and {@code indexes}, keyed by queue id and
 *       sequence. Queue ids and sequences must be non-negative, so that the keys sort like the numbers; {@link #commit}
 *       rejects a batch with a negative one.
 *   <li>{@code sns-resources}: SNS's resources, keyed by their UTF-8 keys.
 *   <li>{@code sns-messages}, keyed by the outbox sequence, and {@code sns-deliveries}, keyed by sequence and target.
 *   <li>{@code sns-archive}: SNS's message archives, keyed by archive name, time and sequence.
 *   <li>{@code kinesis-streams}, {@code kinesis-records} and {@code kinesis-times}: Kinesis streams' metadata, their
 *       shards' records and the records' time index (see {@link RocksDbStreamStore}).
 *   <li>{@code cloudwatch-resources} and {@code cloudwatch-points}: CloudWatch's resources, keyed by their UTF-8 keys,
 *       and its points, keyed by series id, period and time (see {@link RocksDbMetricStore}).
 *   <li>{@code dynamodb-tables} and {@code dynamodb-items}: DynamoDB's table records, keyed by table id and name, and
 *       the items of its tables and secondary indexes, keyed by table, index, partition hash, partition and sort key
 *       (see {@link RocksDbTableStore} and {@link ItemKeys}).
 *   <li>{@code s3-objects} and {@code s3-blobs}: S3's records, keyed by their UTF-8 keys, and the length of each
 *       committed blob, keyed by its id; the blobs themselves are files under the data directory's {@code s3} folder
 *       (see {@link RocksDbObjectStore}).
 *   <li>{@code firehose-resources} and {@code firehose-records}: Firehose's resources, keyed by their UTF-8 keys, and
 *       the records buffered for delivery, keyed by stream id and sequence (see {@link RocksDbDeliveryStreamStore}).
 * </ul>
 *
 * <p>A data directory written before a family existed opens as it is: RocksDB creates the missing families at open.
 *
 * <p>Commits of all stores go through one {@link GroupCommitWriter}, which merges concurrent batches into one atomic
 * write, in the order they were submitted: SYNC fsyncs the write-ahead log before any of them returns, RELAXED hands it
 * to the operating system, which keeps it through a crash of the process but not of the machine. So SQS and SNS
 * commits share fsync groups, and a crash keeps a prefix of every store's submits together. Reads go to RocksDB
 * directly from the calling thread.
 *
 * <p>All methods are thread-safe; after {@link #close()} every method but {@code close}, {@code mode} and {@code
 * describe} throws {@link IllegalStateException}.
 */
public final class RocksDbStorageEngine implements StorageEngine, QueueStore {

    /** The folder of the data directory that RocksDB owns; the directory itself also holds the lock file. */
    static final String ROCKSDB_FOLDER = "rocksdb";

    // Memory is bounded so that an idle server stays under 100 MB of resident memory, heap included. Blocks of every
    // column family share one cache, index and filter blocks included, and the memtables of all column families are
    // charged to that same cache through the write buffer manager, so the cache bounds most of RocksDB's memory. Every
    // family is opened over that one cache and manager (FAMILIES below), so a family added later is charged to both as
    // well. An
    // idle family costs little: opening the three SNS families added under 1 MB to an idle process's RSS.
    private static final long BLOCK_CACHE_BYTES = 32L * 1024 * 1024;
    private static final long ALL_MEMTABLES_BYTES = 24L * 1024 * 1024;
    private static final long WRITE_BUFFER_BYTES = 16L * 1024 * 1024;
    private static final int MAX_WRITE_BUFFERS = 2;
    /** The sorted runs that the append-only logs may have before universal compaction merges some. */
    private static final int LOG_SORTED_RUNS = 12;
    /** How large the logs' newer runs may grow against the oldest before all are merged into one. */
    private static final int LOG_SIZE_AMPLIFICATION_PERCENT = 400;
    // Two cores is the smallest target machine: one flush and one compaction at a time.
    private static final int MAX_BACKGROUND_JOBS = 2;
    // The write-ahead log outgrows no more than this before RocksDB flushes the memtables it holds, which also bounds
    // the replay at the next start.
    private static final long MAX_TOTAL_WAL_BYTES = 64L * 1024 * 1024;
    // RocksDB's own info log: a few small files.
    private static final long INFO_LOG_FILE_BYTES = 4L * 1024 * 1024;
    private static final long INFO_LOG_FILES_KEPT = 3;
    private static final int BLOOM_BITS_PER_KEY = 10;

    private static final Duration WRITER_STOP_TIMEOUT = Duration.ofSeconds(60);

    private static final byte[] QUEUES = "queues".getBytes(US_ASCII);
    private static final byte[] PAYLOADS = "payloads".getBytes(US_ASCII);
    private static final byte[] INDEXES = "indexes".getBytes(US_ASCII);
    private static final byte[] SNS_RESOURCES = "sns-resources".getBytes(US_ASCII);
    private static final byte[] SNS_MESSAGES = "sns-messages".getBytes(US_ASCII);
    private static final byte[] SNS_DELIVERIES = "sns-deliveries".getBytes(US_ASCII);
    private static final byte[] SNS_ARCHIVE = "sns-archive".getBytes(US_ASCII);
    private static final byte[] KINESIS_STREAMS = "kinesis-streams".getBytes(US_ASCII);
    private static final byte[] KINESIS_RECORDS = "kinesis-records".getBytes(US_ASCII);
    private static final byte[] KINESIS_TIMES = "kinesis-times".getBytes(US_ASCII);
    private static final byte[] CLOUDWATCH_RESOURCES = "cloudwatch-resources".getBytes(US_ASCII);
    private static final byte[] CLOUDWATCH_POINTS = "cloudwatch-points".getBytes(US_ASCII);
    private static final byte[] DYNAMODB_TABLES = "dynamodb-tables".getBytes(US_ASCII);
    private static final byte[] DYNAMODB_ITEMS = "dynamodb-items".getBytes(US_ASCII);
    private static final byte[] S3_OBJECTS = "s3-objects".getBytes(US_ASCII);
    private static final byte[] S3_BLOBS = "s3-blobs".getBytes(US_ASCII);
    private static final byte[] FIREHOSE_RESOURCES = "firehose-resources".getBytes(US_ASCII);
    private static final byte[] FIREHOSE_RECORDS = "firehose-records".getBytes(US_ASCII);
    private static final byte[] MQ_RESOURCES = "mq-resources".getBytes(US_ASCII);

    /**
     * Every column family; the SNS, then the Kinesis, then the CloudWatch families came later. Those read at start are
     * created at open when missing, the others ({@link #ON_DEMAND_FAMILIES}) by their store's first write.
     */
    static final List<byte[]> FAMILIES = List.of(
            RocksDB.DEFAULT_COLUMN_FAMILY,
            QUEUES,
            PAYLOADS,
            INDEXES,
            SNS_RESOURCES,
            SNS_MESSAGES,
            SNS_DELIVERIES,
            SNS_ARCHIVE,
            KINESIS_STREAMS,
            KINESIS_RECORDS,
            KINESIS_TIMES,
            CLOUDWATCH_RESOURCES,
            CLOUDWATCH_POINTS,
            DYNAMODB_TABLES,
            DYNAMODB_ITEMS,
            S3_OBJECTS,
            S3_BLOBS,
            FIREHOSE_RESOURCES,
            FIREHOSE_RECORDS,
            MQ_RESOURCES);

    /**
     * The families that are only ever read by seeks and range scans, never by a point lookup of a key that may be
     * missing: a whole-key Bloom filter would never be consulted for them, so they go without one and save its memory.
     * The Kinesis records and time index are such (every read is a seek within a shard); a prefix Bloom filter on the
     * shard would only help a seek into a shard that a table file does not hold, and an append-only log's table files
     * mostly hold every active shard's recent records, so it is left out too.
     */
    private static final Set<String> SEEK_ONLY_FAMILIES = Set.of("kinesis-records", "kinesis-times");

    /**
     * The families made by their store's first write rather than at open, and opened afterwards only where they
     * exist ({@link OnDemandFamilies}): SNS's archive, Kinesis's three and DynamoDB's two, services that most servers
     * never use, or not from the start; S3's two, Firehose's two and Amazon MQ's one likewise. Each open family costs resident memory (its memtable, its table readers): the
     * two DynamoDB ones added about 0.6 MB to an idle server. The queues' and SNS's other families are read at start;
     * CloudWatch's receive the server's own metrics within a minute.
     */
    static final Set<String> ON_DEMAND_FAMILIES = Set.of(
            "sns-archive",
            "kinesis-streams",
            "kinesis-records",
            "kinesis-times",
            "dynamodb-tables",
            "dynamodb-items",
            "s3-objects",
            "s3-blobs",
            "firehose-resources",
            "firehose-records",
            "mq-resources");

    private static final Logger log = LoggerFactory.getLogger(RocksDbStorageEngine.class);

    static {
        RocksDB.loadLibrary();
    }

    private final DataDirectoryLock lock;
    private final DurabilityMode mode;
    private final RocksDB db;
    private final ColumnFamilyHandle queues;
    private final ColumnFamilyHandle payloads;
    private final ColumnFamilyHandle indexes;
    private final RocksDbTopicStore topics;
    private final RocksDbDeliveryStore deliveries;
    private final RocksDbMessageArchiveStore archive;
    private final RocksDbStreamStore streams;
    private final RocksDbMetricStore metrics;
    private final RocksDbTableStore tables;
    private final RocksDbObjectStore objects;
    private final RocksDbDeliveryStreamStore deliveryStreams;
    private final RocksDbBrokerStore brokers;

    /** Closed before the database; on-demand families are added when they are made. Guarded by {@link #made}. */
    private final List<ColumnFamilyHandle> handles;

    /** Every open family's handle, by name. Guarded by {@link #made}. */
    private final Map<String, ColumnFamilyHandle> byName = new HashMap<>();

    /** The options that an on-demand family is made with: the seek-only families' own, the others'. */
    private final ColumnFamilyOptions familyOptions;

    private final ColumnFamilyOptions seekOnlyOptions;

    /** Serializes the making of on-demand families, and guards {@link #handles} and {@link #byName}. */
    private final Object made = new Object();

    /** Native option objects, closed after the database in reverse order of creation. */
    private final List<AutoCloseable> options;

    private final WriteOptions writeOptions;
    private final GroupCommitWriter writer;

    /**
     * Readers hold the read lock while they call into RocksDB; {@link #close()} takes the write lock to mark the store
     * closed, so that no read touches a native handle after it is freed.
     */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();

    /** Guarded by {@link #lifecycle}. */
    private boolean closed;

    /** Serializes {@link #close()}, so that a second caller returns only once the first has finished. */
    private final ReentrantLock closing = new ReentrantLock();

    private boolean released;

    private RocksDbStorageEngine(
            DataDirectoryLock lock,
            DurabilityMode mode,
            RocksDB db,
            List<ColumnFamilyDescriptor> families,
            List<ColumnFamilyHandle> handles,
            ColumnFamilyOptions familyOptions,
            ColumnFamilyOptions seekOnlyOptions,
            List<AutoCloseable> options) {
        this.lock = lock;
        this.mode = mode;
        this.db = db;
        this.handles = new ArrayList<>(handles);
        this.familyOptions = familyOptions;
        this.seekOnlyOptions = seekOnlyOptions;
        for (int i = 0; i < families.size(); i++) {
            byName.put(new String(families.get(i).getName(), US_ASCII), handles.get(i));
        }
        this.queues = family("queues");
        this.payloads = family("payloads");
        this.indexes = family("indexes");
        this.topics = new RocksDbTopicStore(this, family("sns-resources"));
        this.deliveries = new RocksDbDeliveryStore(this, db, family("sns-messages"), family("sns-deliveries"));
        this.archive = new RocksDbMessageArchiveStore(this, "sns-archive");
        this.streams = new RocksDbStreamStore(this, "kinesis-streams", "kinesis-records", "kinesis-times");
        this.metrics = new RocksDbMetricStore(this, family("cloudwatch-resources"), family("cloudwatch-points"));
        this.tables = new RocksDbTableStore(this, "dynamodb-tables", "dynamodb-items");
        this.objects = new RocksDbObjectStore(this, lock.directory(), mode, "s3-objects", "s3-blobs");
        this.deliveryStreams = new RocksDbDeliveryStreamStore(this, "firehose-resources", "firehose-records");
        this.brokers = new RocksDbBrokerStore(this, "mq-resources");
        // Never synced by the write itself: in the sync mode the writer syncs the write-ahead log after each group's
        // write, so that the fsync is timed apart from the write (see writeGroup).
        this.writeOptions = track(options, new WriteOptions().setSync(false));
        this.options = options;
        this.writer = GroupCommitWriter.start("wharf-rocksdb-writer", this::writeGroup);
    }

    /**
     * Opens, or creates, the store in a data directory, recovering what the write-ahead log holds after a crash.
     *
     * @param dataDir the data directory; created if missing
     * @param mode {@link DurabilityMode#SYNC} or {@link DurabilityMode#RELAXED}
     * @throws IllegalArgumentException for {@link DurabilityMode#MEMORY}, which {@code MemoryStorageEngine} serves
     * @throws IllegalStateException if the directory is not a writable directory, another Wharf process or store holds
     *     it, or RocksDB cannot open it
     */
    public static RocksDbStorageEngine open(Path dataDir, DurabilityMode mode) {
        if (mode == DurabilityMode.MEMORY) {
            throw new IllegalArgumentException("RocksDB serves the sync and relaxed modes; memory has its own engine");
        }
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        try {
            Path rocksDir = lock.directory().resolve(ROCKSDB_FOLDER);
            Files.createDirectories(rocksDir);
            RocksDbStorageEngine engine = openDatabase(lock, rocksDir, mode);
            log.debug("opened {}", engine.describe());
            return engine;
        } catch (IOException e) {
            lock.close();
            throw new IllegalStateException("cannot create " + lock.directory().resolve(ROCKSDB_FOLDER) + ": " + e, e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static RocksDbStorageEngine openDatabase(DataDirectoryLock lock, Path rocksDir, DurabilityMode mode) {
        List<AutoCloseable> options = new ArrayList<>();
        try {
            Cache cache = track(options, new LRUCache(BLOCK_CACHE_BYTES));
            WriteBufferManager memtables = track(options, new WriteBufferManager(ALL_MEMTABLES_BYTES, cache));
            DBOptions dbOptions = track(options, dbOptions(memtables));
            ColumnFamilyOptions familyOptions = track(options, familyOptions(cache, track(options, bloomFilter())));
            ColumnFamilyOptions seekOnlyOptions = track(
                    options, logOptions(familyOptions(cache, null), track(options, new CompactionOptionsUniversal())));
            Set<String> existing = existingFamilies(rocksDir);
            List<ColumnFamilyDescriptor> families = new ArrayList<>();
            for (byte[] name : FAMILIES) {
                String text = new String(name, US_ASCII);
                if (!ON_DEMAND_FAMILIES.contains(text) || existing.contains(text)) {
                    families.add(new ColumnFamilyDescriptor(
                            name, SEEK_ONLY_FAMILIES.contains(text) ? seekOnlyOptions : familyOptions));
                }
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(dbOptions, rocksDir.toString(), families, handles);
            try {
                return new RocksDbStorageEngine(
                        lock, mode, db, families, handles, familyOptions, seekOnlyOptions, options);
            } catch (RuntimeException | Error e) {
                handles.forEach(ColumnFamilyHandle::close);
                db.close();
                throw e;
            }
        } catch (RocksDBException | RuntimeException e) {
            closeAll(options);
            throw new IllegalStateException("cannot open the RocksDB store in " + rocksDir + ": " + e.getMessage(), e);
        }
    }

    /** The families a data directory holds; none for a new one. */
    private static Set<String> existingFamilies(Path rocksDir) {
        Set<String> names = new java.util.HashSet<>();
        if (!Files.exists(rocksDir.resolve("CURRENT"))) {
            return names;
        }
        try (org.rocksdb.Options options = new org.rocksdb.Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(options, rocksDir.toString())) {
                names.add(new String(name, US_ASCII));
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException(
                    "cannot list the column families in " + rocksDir + ": " + e.getMessage(), e);
        }
        return names;
    }

    /** An open family's handle. */
    private ColumnFamilyHandle family(String name) {
        synchronized (made) {
            return java.util.Objects.requireNonNull(byName.get(name), name);
        }
    }

    /** An on-demand family's handle, or null while it has not been made. */
    @Nullable
    ColumnFamilyHandle familyIfMade(String name) {
        synchronized (made) {
            return byName.get(name);
        }
    }

    /**
     * Makes the on-demand families that are missing, in the order of {@link #FAMILIES}, and answers their handles by
     * name.
     *
     * @throws IllegalStateException if the store is closed or RocksDB fails
     */
    Map<String, ColumnFamilyHandle> makeFamilies(List<String> names) {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            synchronized (made) {
                Map<String, ColumnFamilyHandle> wanted = new HashMap<>();
                for (String name : names) {
                    ColumnFamilyHandle handle = byName.get(name);
                    if (handle == null) {
                        handle = db.createColumnFamily(new ColumnFamilyDescriptor(
                                name.getBytes(US_ASCII),
                                SEEK_ONLY_FAMILIES.contains(name) ? seekOnlyOptions : familyOptions));
                        handles.add(handle);
                        byName.put(name, handle);
                    }
                    wanted.put(name, handle);
                }
                return wanted;
            }
        } catch (RocksDBException e) {
            throw failure("making the column families " + names, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Refuses a read once the store is closed, as reads that touch RocksDB do: a read of a family not made yet
     * answers nothing, but only from an open store.
     */
    void checkReadable() {
        lifecycle.readLock().lock();
        try {
            checkOpen();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private static DBOptions dbOptions(WriteBufferManager memtables) {
        return new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                // After a kill -9 or a power loss the log may end in a torn record: recover every write before it
                // rather than refuse to open. This is RocksDB's default, set here because Wharf relies on it.
                .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
                .setWriteBufferManager(memtables)
                .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES)
                .setMaxBackgroundJobs(MAX_BACKGROUND_JOBS)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setMaxLogFileSize(INFO_LOG_FILE_BYTES)
                .setKeepLogFileNum(INFO_LOG_FILES_KEPT)
                .setStatsDumpPeriodSec(0);
    }

    private static ColumnFamilyOptions familyOptions(Cache cache, @Nullable BloomFilter filter) {
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                // Index and filter blocks live in the bounded cache rather than beside it, one per open table file.
                .setCacheIndexAndFilterBlocks(true)
                .setPinL0FilterAndIndexBlocksInCache(true);
        if (filter != null) {
            // readPayload is a point lookup, which a Bloom filter answers without a disk read when it misses.
            table.setFilterPolicy(filter);
        }
        return new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setMaxWriteBufferNumber(MAX_WRITE_BUFFERS);
    }

    /**
     * The options of the append-only logs (Kinesis's records and their time index): records are written once, in key
     * order within each shard, and leave by range deletes, so universal compaction, which merges whole sorted runs,
     * rewrites each record a few times where leveled compaction rewrites it once per level; and their data is the
     * client's (often compressed already), so blocks are not compressed. Together these were most of a PutRecords's
     * server CPU per record under load.
     *
     * <p>Universal compaction's defaults still merged each record three or four times: a log of appends has no
     * overwrites, so merging runs buys only fewer runs for a seek to visit, and the size amplification it bounds is only
     * what retention has trimmed. So up to {@value #LOG_SORTED_RUNS} sorted runs are let stand (below the 20 at which
     * RocksDB slows writes), and a full merge waits until the newer runs hold {@value #LOG_SIZE_AMPLIFICATION_PERCENT}%
     * of the oldest: trimmed records then take at most five times the space of the kept ones before it is reclaimed.
     * Under PutRecords of 500 records, this took the server CPU per record from about 7.1 µs to about 6.0 µs, background
     * compaction included (bench/RESULTS.md).
     */
    private static ColumnFamilyOptions logOptions(ColumnFamilyOptions options, CompactionOptionsUniversal universal) {
        return options.setCompressionType(CompressionType.NO_COMPRESSION)
                .setCompactionStyle(CompactionStyle.UNIVERSAL)
                .setLevel0FileNumCompactionTrigger(LOG_SORTED_RUNS)
                .setCompactionOptionsUniversal(
                        universal.setMaxSizeAmplificationPercent(LOG_SIZE_AMPLIFICATION_PERCENT));
    }

    private static BloomFilter bloomFilter() {
        return new BloomFilter(BLOOM_BITS_PER_KEY);
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> resources, T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public QueueStore queues() {
        return this;
    }

    @Override
    public TopicStore topics() {
        return topics;
    }

    @Override
    public DeliveryStore deliveries() {
        return deliveries;
    }

    @Override
    public MessageArchiveStore archive() {
        return archive;
    }

    @Override
    public StreamStore streams() {
        return streams;
    }

    @Override
    public MetricStore metrics() {
        return metrics;
    }

    @Override
    public boolean reportsCommits() {
        return true;
    }

    @Override
    public void observe(StoreObserver observer) {
        writer.observe(observer);
    }

    @Override
    public TableStore tables() {
        return tables;
    }

    @Override
    public ObjectStore objects() {
        return objects;
    }

    @Override
    public DeliveryStreamStore deliveryStreams() {
        return deliveryStreams;
    }

    @Override
    public BrokerStore brokers() {
        return brokers;
    }

    /** The object store with its package's own {@link RocksDbObjectStore#submit}, for tests. */
    RocksDbObjectStore objectStore() {
        return objects;
    }

    @Override
    public DurabilityMode mode() {
        return mode;
    }

    @Override
    public String describe() {
        return "rocksdb at " + lock.directory() + " (" + mode.configName() + ")";
    }

    /**
     * {@inheritDoc}
     *
     * <p>The batch is written by the writer thread, in submission order, together with the batches of other threads
     * that submit meanwhile; {@link PendingCommit#await} waits, without holding a carrier thread if it is virtual,
     * until that write is durable. The write-ahead log keeps that order, so a crash keeps a prefix of it.
     *
     * @throws IllegalArgumentException if a queue id or sequence is negative
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public PendingCommit submit(QueueBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        // Checked here, not on the writer thread, so that a bad batch fails alone and not the group it would join.
        for (QueueBatch.Op op : batch.ops()) {
            checkKeys(op);
        }
        return enqueue(new StoreBatch.Queues(batch));
    }

    @Override
    public void loadQueues(RecordVisitor visitor) {
        scan(
                queues,
                null,
                null,
                "loading the queues",
                (key, value) -> visitor.onRecord(RecordKeys.queueIdOf(key), value));
    }

    @Override
    public void scanIndex(long queueId, RecordVisitor visitor) {
        scan(
                indexes,
                RecordKeys.messagesStart(queueId),
                RecordKeys.messagesEnd(queueId),
                "scanning the index of queue " + queueId,
                (key, value) -> visitor.onRecord(RecordKeys.sequenceOf(key), value));
    }

    @Override
    public byte @Nullable [] readPayload(long queueId, long sequence) {
        return get(
                payloads,
                RecordKeys.messageKey(queueId, sequence),
                "reading the payload of " + queueId + "/" + sequence);
    }

    /** Receives the raw records of a {@link #scan}, in key order. */
    @FunctionalInterface
    interface RawVisitor {
        void onRecord(byte[] key, byte[] value);
    }

    /**
     * Visits a family's records from {@code start}, inclusive, up to {@code end}, exclusive, in key order; a null bound
     * is the family's first or last key. Each array is the visitor's own.
     *
     * @throws IllegalStateException if the store is closed or RocksDB fails
     */
    void scan(
            ColumnFamilyHandle family,
            byte @Nullable [] start,
            byte @Nullable [] end,
            String action,
            RawVisitor visitor) {
        scanWhile(family, start, end, action, (key, value) -> {
            visitor.onRecord(key, value);
            return true;
        });
    }

    /** Receives the raw records of a {@link #scanWhile}, in key order, and says whether to go on. */
    @FunctionalInterface
    interface RawStepper {
        boolean onRecord(byte[] key, byte[] value);
    }

    /** Receives the keys of a {@link #scanKeysWhile}, in order, and says whether to go on. */
    @FunctionalInterface
    interface KeyStepper {
        boolean onKey(byte[] key);
    }

    /**
     * As {@link #scan}, until the visitor answers false: the record it answered false for is the last one read.
     *
     * @throws IllegalStateException if the store is closed or RocksDB fails
     */
    void scanWhile(
            ColumnFamilyHandle family,
            byte @Nullable [] start,
            byte @Nullable [] end,
            String action,
            RawStepper visitor) {
        scanWhile(family, start, end, false, action, visitor);
    }

    /**
     * As {@link #scanWhile(ColumnFamilyHandle, byte[], byte[], String, RawStepper)}, from the range's last key down to
     * its first when {@code descending} is set.
     *
     * @throws IllegalStateException if the store is closed or RocksDB fails
     */
    void scanWhile(
            ColumnFamilyHandle family,
            byte @Nullable [] start,
            byte @Nullable [] end,
            boolean descending,
            String action,
            RawStepper visitor) {
        iterate(family, start, end, descending, action, iterator -> visitor.onRecord(iterator.key(), iterator.value()));
    }

    /**
     * As {@link #scanWhile}, reading keys only, without their values.
     *
     * @throws IllegalStateException if the store is closed or RocksDB fails
     */
    void scanKeysWhile(ColumnFamilyHandle family, byte[] start, byte[] end, String action, KeyStepper visitor) {
        iterate(family, start, end, false, action, iterator -> visitor.onKey(iterator.key()));
    }

    @FunctionalInterface
    private interface Step {
        boolean at(RocksIterator iterator);
    }

    private void iterate(
            ColumnFamilyHandle family,
            byte @Nullable [] start,
            byte @Nullable [] end,
            boolean descending,
            String action,
            Step step) {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            // The bounds stay alive until the iterator is closed: RocksDB reads them through the read options.
            try (Slice lower = start == null ? null : new Slice(start);
                    Slice upper = end == null ? null : new Slice(end);
                    ReadOptions bounds = bounds(lower, upper);
                    RocksIterator iterator = db.newIterator(family, bounds)) {
                if (descending) {
                    // The upper bound keeps the iterator within the range, so the last key is the range's last.
                    iterator.seekToLast();
                } else if (start == null) {
                    iterator.seekToFirst();
                } else {
                    iterator.seek(start);
                }
                while (iterator.isValid() && step.at(iterator)) {
                    if (descending) {
                        iterator.prev();
                    } else {
                        iterator.next();
                    }
                }
                iterator.status();
            }
        } catch (RocksDBException e) {
            throw failure(action, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    static ReadOptions bounds(@Nullable Slice lower, @Nullable Slice upper) {
        ReadOptions bounds = new ReadOptions();
        if (lower != null) {
            bounds.setIterateLowerBound(lower);
        }
        if (upper != null) {
            bounds.setIterateUpperBound(upper);
        }
        return bounds;
    }

    /**
     * Reads one record of a family, or null.
     *
     * @throws IllegalStateException if the store is closed or RocksDB fails
     */
    byte @Nullable [] get(ColumnFamilyHandle family, byte[] key, String action) {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            return db.get(family, key);
        } catch (RocksDBException e) {
            throw failure(action, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * The highest key of a family, or null when it is empty. The iterator steps back over the tombstones of deleted
     * keys above it, which compaction removes in time.
     *
     * @throws IllegalStateException if the store is closed or RocksDB fails
     */
    byte @Nullable [] lastKey(ColumnFamilyHandle family, String action) {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            try (RocksIterator iterator = db.newIterator(family)) {
                iterator.seekToLast();
                byte[] key = iterator.isValid() ? iterator.key() : null;
                iterator.status();
                return key;
            }
        } catch (RocksDBException e) {
            throw failure(action, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * The highest key of a family from {@code start}, inclusive, up to {@code end}, exclusive, or null when the range
     * is empty; it steps back over tombstones as {@link #lastKey(ColumnFamilyHandle, String)} does.
     *
     * @throws IllegalStateException if the store is closed or RocksDB fails
     */
    byte @Nullable [] lastKey(ColumnFamilyHandle family, byte[] start, byte[] end, String action) {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            try (Slice lower = new Slice(start);
                    Slice upper = new Slice(end);
                    ReadOptions bounds = bounds(lower, upper);
                    RocksIterator iterator = db.newIterator(family, bounds)) {
                iterator.seekToLast();
                byte[] key = iterator.isValid() ? iterator.key() : null;
                iterator.status();
                return key;
            }
        } catch (RocksDBException e) {
            throw failure(action, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * A numeric RocksDB property of one column family, by its index in {@link #FAMILIES}, such as {@code
     * rocksdb.block-cache-usage}: what tests of the memory bounds read.
     *
     * @throws IllegalStateException if the store is closed or RocksDB fails
     */
    long familyProperty(int family, String property) {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            ColumnFamilyHandle handle = familyIfMade(new String(FAMILIES.get(family), US_ASCII));
            if (handle == null) {
                throw new IllegalStateException(
                        "the family " + new String(FAMILIES.get(family), US_ASCII) + " has not been made");
            }
            return db.getLongProperty(handle, property);
        } catch (RocksDBException e) {
            throw failure("reading " + property, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Queues a non-empty batch of any store behind every batch submitted before it, to any store.
     *
     * @throws IllegalStateException if the store is closed
     */
    PendingCommit enqueue(StoreBatch batch) {
        return writer.submit(batch);
    }

    /**
     * Stops accepting commits, writes those already queued, syncs the write-ahead log, frees RocksDB's native objects
     * and releases the data directory. Idempotent.
     */
    @Override
    public void close() {
        closing.lock();
        try {
            if (released) {
                return;
            }
            released = true;
            if (!writer.close(WRITER_STOP_TIMEOUT)) {
                // Freeing the database under a running write would crash the process; leaking it is the lesser harm.
                log.error(
                        "the RocksDB writer did not stop within {}; leaving {} open", WRITER_STOP_TIMEOUT, describe());
                return;
            }
            lifecycle.writeLock().lock();
            try {
                closed = true;
            } finally {
                lifecycle.writeLock().unlock();
            }
            // Before the write-ahead log's last sync: the relaxed mode's blobs are as durable as their records.
            objects.syncAtClose();
            closeDatabase();
        } finally {
            closing.unlock();
        }
    }

    private void closeDatabase() {
        try {
            // In relaxed mode the last writes may sit in the operating system's cache: make them durable too.
            db.flushWal(true);
        } catch (RocksDBException e) {
            log.warn("cannot sync the write-ahead log of {} at close: {}", describe(), e.getMessage());
        }
        try {
            // The handles first, then the database, then the options it was opened with.
            synchronized (made) {
                handles.forEach(ColumnFamilyHandle::close);
            }
            db.closeE();
        } catch (RocksDBException e) {
            log.warn("closing {} failed: {}", describe(), e.getMessage());
        } finally {
            closeAll(options);
            lock.close();
        }
    }

    /**
     * Writer thread only. Writes the group in one write batch, then in the sync mode fsyncs the write-ahead log, and
     * returns how long that took when {@code timed}.
     *
     * <p>A write followed by {@code syncWal()} costs what a write that syncs itself does (docs/ARCHITECTURE.md), and
     * only it tells the fsync's time apart. Readers may then see the group before its fsync ends, which the stores'
     * contract allows: no caller is answered before its commit's {@code await} returns. A trim that splits a chunk
     * has what comes before it in the group written first, unsynced, so a group is synced once.
     */
    private long writeGroup(List<StoreBatch> group, boolean timed) throws RocksDBException {
        try (WriteBatch write = new WriteBatch()) {
            // The delivery records that this group puts, by sequence: a DeleteMessage later in the group deletes them
            // too, since it finds in the database only what earlier groups wrote.
            Map<Long, Set<Integer>> deliveriesPut = new HashMap<>();
            for (StoreBatch batch : group) {
                switch (batch) {
                    case StoreBatch.Queues queueBatch -> {
                        for (QueueBatch.Op op : queueBatch.batch().ops()) {
                            apply(write, op);
                        }
                    }
                    case StoreBatch.Topics topicBatch -> topics.apply(write, topicBatch.batch());
                    case StoreBatch.Deliveries deliveryBatch ->
                        deliveries.apply(write, deliveryBatch.batch(), deliveriesPut);
                    case StoreBatch.Archive archiveBatch -> archive.apply(write, archiveBatch.batch());
                    case StoreBatch.ArchivePurge purge -> archive.apply(write, purge);
                    case StoreBatch.Streams streamBatch -> streams.apply(write, streamBatch.batch());
                    case StoreBatch.Metrics metricBatch -> metrics.apply(write, metricBatch.batch());
                    case StoreBatch.Tables tableBatch -> tables.apply(write, tableBatch.batch());
                    case StoreBatch.Objects objectBatch -> objects.apply(write, objectBatch);
                    case StoreBatch.DeliveryStreams deliveryStreamBatch ->
                        deliveryStreams.apply(write, deliveryStreamBatch.batch());
                    case StoreBatch.Brokers brokerBatch -> brokers.apply(write, brokerBatch.batch());
                    case StoreBatch.StreamTrim trim -> {
                        if (trim.splitBelow() != null && write.count() > 0) {
                            // The trim reads the chunk it splits from the database: what the group holds so far goes
                            // in first. Each batch stays atomic, and a crash still keeps a prefix of them.
                            db.write(writeOptions, write);
                            write.clear();
                        }
                        streams.apply(write, trim);
                    }
                }
            }
            db.write(writeOptions, write);
        }
        if (mode != DurabilityMode.SYNC) {
            return 0;
        }
        long start = timed ? System.nanoTime() : 0;
        db.syncWal();
        return timed ? System.nanoTime() - start : 0;
    }

    private void apply(WriteBatch write, QueueBatch.Op op) throws RocksDBException {
        switch (op) {
            case QueueBatch.PutQueue put -> write.put(queues, RecordKeys.queueKey(put.queueId()), put.metadata());
            case QueueBatch.DeleteQueue delete -> {
                write.delete(queues, RecordKeys.queueKey(delete.queueId()));
                deleteMessages(write, delete.queueId());
            }
            case QueueBatch.PutPayload put ->
                write.put(payloads, RecordKeys.messageKey(put.queueId(), put.sequence()), put.payload());
            case QueueBatch.PutIndex put ->
                write.put(indexes, RecordKeys.messageKey(put.queueId(), put.sequence()), put.index());
            case QueueBatch.DeleteMessage delete -> {
                byte[] key = RecordKeys.messageKey(delete.queueId(), delete.sequence());
                write.delete(payloads, key);
                write.delete(indexes, key);
            }
            case QueueBatch.DeleteAllMessages delete -> deleteMessages(write, delete.queueId());
        }
    }

    private void deleteMessages(WriteBatch write, long queueId) throws RocksDBException {
        byte[] start = RecordKeys.messagesStart(queueId);
        byte[] end = RecordKeys.messagesEnd(queueId);
        write.deleteRange(payloads, start, end);
        write.deleteRange(indexes, start, end);
    }

    private static void checkKeys(QueueBatch.Op op) {
        long queueId =
                switch (op) {
                    case QueueBatch.PutQueue put -> put.queueId();
                    case QueueBatch.DeleteQueue delete -> delete.queueId();
                    case QueueBatch.DeleteAllMessages delete -> delete.queueId();
                    case QueueBatch.PutPayload put -> checkSequence(put.queueId(), put.sequence());
                    case QueueBatch.PutIndex put -> checkSequence(put.queueId(), put.sequence());
                    case QueueBatch.DeleteMessage delete -> checkSequence(delete.queueId(), delete.sequence());
                };
        if (queueId < 0) {
            throw new IllegalArgumentException("queue ids must be non-negative: " + queueId);
        }
    }

    private static long checkSequence(long queueId, long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequences must be non-negative: " + queueId + "/" + sequence);
        }
        return queueId;
    }

    /** Lifecycle read lock must be held. */
    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed: " + describe());
        }
    }

    private IllegalStateException failure(String action, RocksDBException e) {
        return new IllegalStateException(action + " in " + describe() + " failed: " + e.getMessage(), e);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("cannot free a RocksDB object: {}", e.toString());
            }
        }
    }
}
