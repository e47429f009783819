package dev.wharf.bench.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Counts what the server answered, by status class, category and mutation, and collects violations grouped by
 * cause, each group with its first example (seed, index, request and answer, bounded and escaped). Every violation
 * also goes to the failures file, up to a bound.
 *
 * <p>Thread-safe: workers record concurrently.
 */
final class FuzzReport {

    /** What became of one request. */
    enum Outcome {
        S2XX("2xx"),
        S3XX("3xx"),
        S4XX("4xx"),
        S5XX("5xx"),
        /** 503 with a documented body: overload or a limit, allowed. */
        S503("503-documented"),
        /** The server closed the connection without answering. */
        CLOSED("closed"),
        TIMEOUT("timeout"),
        /** Bytes that are not an HTTP response. */
        MALFORMED("malformed"),
        /** The client went away on purpose; nothing to wait for. */
        NOT_AWAITED("not-awaited");

        final String label;

        Outcome(String label) {
            this.label = label;
        }

        static Outcome of(ResponseReader.RawResponse response) {
            int status = response.status();
            if (status == 503 && ResponseCheck.documented503(response)) {
                return S503;
            }
            return switch (status / 100) {
                case 2 -> S2XX;
                case 3 -> S3XX;
                case 4 -> S4XX;
                default -> S5XX;
            };
        }
    }

    /** Groups beyond this bound are counted under one overflow group. */
    private static final int GROUPS_MAX = 2_000;
    /** Groups whose first example is printed as it happens; the rest wait for the end. */
    private static final int LIVE_GROUPS_MAX = 30;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Counts of one category or one mutation. */
    private static final class Counts {
        final LongAdder requests = new LongAdder();
        final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
        final LongAdder violations = new LongAdder();

        Counts() {
            for (Outcome outcome : Outcome.values()) {
                outcomes.put(outcome, new LongAdder());
            }
        }

        LongAdder outcome(Outcome outcome) {
            return present(outcomes.get(outcome));
        }

        ObjectNode json() {
            ObjectNode node = JSON.createObjectNode().put("requests", requests.sum());
            for (Outcome outcome : Outcome.values()) {
                long count = outcome(outcome).sum();
                if (count > 0) {
                    node.put(outcome.label, count);
                }
            }
            return node.put("violations", violations.sum());
        }
    }

    /** The key of a failure group: what was broken, where, and the answer's code. */
    private record GroupKey(Violation violation, String category, String mutation, String detail) {}

    /** A failure group: how many, and the first. */
    private static final class Group {
        final LongAdder count = new LongAdder();
        final String example;
        final long index;

        Group(String example, long index) {
            this.example = example;
            this.index = index;
        }
    }

    private final long seed;
    private final PrintStream log;
    private final boolean verbose;
    private final Counts total = new Counts();
    private final Map<FuzzCase.Category, Counts> byCategory = new EnumMap<>(FuzzCase.Category.class);
    private final Map<String, Counts> byMutation = new ConcurrentHashMap<>();
    private final Map<Violation, LongAdder> byViolation = new EnumMap<>(Violation.class);
    private final Map<GroupKey, Group> groups = new ConcurrentHashMap<>();
    private final LongAdder interim = new LongAdder();
    private final LongAdder cases = new LongAdder();
    private final AtomicLong failuresWritten = new AtomicLong();
    private final long failuresMax;
    private final @Nullable BufferedWriter failures;

    FuzzReport(long seed, PrintStream log, boolean verbose, @Nullable Path failuresFile, long failuresMax) {
        this.seed = seed;
        this.log = log;
        this.verbose = verbose;
        this.failuresMax = failuresMax;
        for (FuzzCase.Category category : FuzzCase.Category.values()) {
            byCategory.put(category, new Counts());
        }
        for (Violation violation : Violation.values()) {
            byViolation.put(violation, new LongAdder());
        }
        try {
            this.failures = failuresFile == null ? null : Files.newBufferedWriter(failuresFile, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + failuresFile, e);
        }
    }

    void caseDone() {
        cases.increment();
    }

    /** Records what became of one request of {@code fuzzCase}. */
    void outcome(FuzzCase fuzzCase, Outcome outcome, ResponseReader.@Nullable RawResponse response) {
        for (Counts counts : List.of(total, category(fuzzCase.category()), mutation(fuzzCase))) {
            counts.requests.increment();
            counts.outcome(outcome).increment();
        }
        if (response != null && response.interim() > 0) {
            interim.add(response.interim());
        }
        if (verbose) {
            log.println("fuzz: case " + fuzzCase.index() + " " + label(fuzzCase) + " -> " + outcome.label
                    + (response == null ? "" : "\n  answer: " + answer(response)));
        }
    }

    /** Records a violation, with the case's bytes and the answer that showed it. */
    void violation(FuzzCase fuzzCase, Violation.Finding finding, ResponseReader.@Nullable RawResponse response) {
        present(byViolation.get(finding.violation())).increment();
        for (Counts counts : List.of(total, category(fuzzCase.category()), mutation(fuzzCase))) {
            counts.violations.increment();
        }
        String request = Printable.bytes(fuzzCase.bytes(), Printable.DEFAULT_MAX);
        String answer = response == null ? "-" : answer(response);
        // A success body that does not parse echoes what earlier requests stored (a tag, a name) more often than
        // what this one sent: its group is the operation, whatever the mutation.
        boolean echo = finding.violation() == Violation.SUCCESS_SHAPE;
        GroupKey key = new GroupKey(
                finding.violation(),
                fuzzCase.category().label,
                echo ? "*" : fuzzCase.mutation(),
                groupDetail(finding.detail()) + (echo ? " in " + fuzzCase.operation() : ""));
        if (groups.size() >= GROUPS_MAX && !groups.containsKey(key)) {
            key = new GroupKey(finding.violation(), "-", "-", "(more groups than " + GROUPS_MAX + ")");
        }
        Group group = groups.computeIfAbsent(key, k -> {
            Group created = new Group(example(fuzzCase, finding, request, answer), fuzzCase.index());
            if (groups.size() <= LIVE_GROUPS_MAX) {
                log.println("fuzz: new failure " + created.example);
            }
            return created;
        });
        group.count.increment();
        writeFailure(fuzzCase, finding, request, answer);
        if (verbose) {
            log.println("fuzz: case " + fuzzCase.index() + " VIOLATION " + finding.violation().label + ": "
                    + finding.detail());
        }
    }

    /** Records a violation that belongs to no request, such as a failed health check or a forged log line. */
    void serverViolation(Violation.Finding finding) {
        present(byViolation.get(finding.violation())).increment();
        total.violations.increment();
        GroupKey key = new GroupKey(finding.violation(), "server", "-", groupDetail(finding.detail()));
        groups.computeIfAbsent(key, k -> new Group(finding.violation().label + ": " + finding.detail(), -1))
                .count
                .increment();
        log.println("fuzz: " + finding.violation().label + ": " + finding.detail());
    }

    private Counts category(FuzzCase.Category category) {
        return present(byCategory.get(category));
    }

    /** Every key of the enum maps is filled in at construction, so a lookup always finds its value. */
    private static <T> T present(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("an enum map lost a key");
        }
        return value;
    }

    long violations() {
        return total.violations.sum();
    }

    long requests() {
        return total.requests.sum();
    }

    private Counts mutation(FuzzCase fuzzCase) {
        return byMutation.computeIfAbsent(fuzzCase.category().label + "/" + fuzzCase.mutation(), k -> new Counts());
    }

    private static String label(FuzzCase fuzzCase) {
        return fuzzCase.category().label + "/" + fuzzCase.mutation() + " (" + fuzzCase.operation() + ")";
    }

    /** Keeps the part of a detail that names the cause (status and code), not the part that varies per request. */
    private static String groupDetail(String detail) {
        int colon = detail.indexOf(": ");
        String cause = colon < 0 ? detail : detail.substring(0, colon);
        String bounded = cause.length() > 120 ? cause.substring(0, 120) : cause;
        return bounded.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>");
    }

    private static String answer(ResponseReader.RawResponse response) {
        StringBuilder head = new StringBuilder().append(response.status());
        for (WireRequest.Header header : response.headers()) {
            head.append(" | ").append(header.name()).append(": ").append(header.value());
        }
        return Printable.text(head.toString(), 600) + " || " + Printable.bytes(response.body(), 1024);
    }

    private String example(FuzzCase fuzzCase, Violation.Finding finding, String request, String answer) {
        return finding.violation().label + " [" + finding.detail() + "] in " + label(fuzzCase) + ", seed " + seed
                + " index " + fuzzCase.index() + "\n    request: " + request + "\n    answer:  " + answer;
    }

    private void writeFailure(FuzzCase fuzzCase, Violation.Finding finding, String request, String answer) {
        if (failures == null || failuresWritten.incrementAndGet() > failuresMax) {
            return;
        }
        ObjectNode line = JSON.createObjectNode()
                .put("seed", seed)
                .put("index", fuzzCase.index())
                .put("category", fuzzCase.category().label)
                .put("mutation", fuzzCase.mutation())
                .put("operation", fuzzCase.operation())
                .put("violation", finding.violation().label)
                .put("detail", finding.detail())
                .put("request", request)
                .put("answer", answer);
        synchronized (failures) {
            try {
                failures.write(line.toString());
                failures.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    void close() {
        if (failures != null) {
            synchronized (failures) {
                try {
                    failures.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** The counts and groups as the summary line's fields. */
    void writeTo(ObjectNode summary) {
        summary.put("requests", total.requests.sum()).put("cases", cases.sum()).put("interim_1xx", interim.sum());
        ObjectNode statuses = summary.putObject("by_status");
        for (Outcome outcome : Outcome.values()) {
            statuses.put(outcome.label, total.outcome(outcome).sum());
        }
        ObjectNode categories = summary.putObject("by_category");
        for (FuzzCase.Category category : FuzzCase.Category.values()) {
            categories.set(category.label, category(category).json());
        }
        ObjectNode mutations = summary.putObject("by_mutation");
        new TreeMap<>(byMutation).forEach((name, counts) -> mutations.set(name, counts.json()));
        ObjectNode violations = summary.putObject("violations");
        for (Violation violation : Violation.values()) {
            long count = present(byViolation.get(violation)).sum();
            if (count > 0) {
                violations.put(violation.label, count);
            }
        }
        ArrayNode list = summary.putArray("failure_groups");
        for (Map.Entry<GroupKey, Group> entry : sortedGroups()) {
            GroupKey key = entry.getKey();
            list.addObject()
                    .put("violation", key.violation().label)
                    .put("category", key.category())
                    .put("mutation", key.mutation())
                    .put("detail", key.detail())
                    .put("count", entry.getValue().count.sum())
                    .put("example_index", entry.getValue().index);
        }
    }

    private List<Map.Entry<GroupKey, Group>> sortedGroups() {
        List<Map.Entry<GroupKey, Group>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort(Comparator.comparing(
                        (Map.Entry<GroupKey, Group> e) -> e.getKey().violation())
                .thenComparing(e -> -e.getValue().count.sum()));
        return sorted;
    }

    /** The human table: counts by category and status class, then each failure group with its example. */
    void printTable(PrintStream out, int examplesMax) {
        out.printf(
                Locale.ROOT,
                "%-8s %10s %10s %8s %10s %8s %8s %8s %8s %10s%n",
                "category",
                "requests",
                "2xx",
                "3xx",
                "4xx",
                "5xx",
                "503",
                "closed",
                "timeout",
                "violations");
        for (FuzzCase.Category category : FuzzCase.Category.values()) {
            row(out, category.label, category(category));
        }
        row(out, "total", total);
        long otherOutcomes = total.outcome(Outcome.MALFORMED).sum();
        out.printf(
                Locale.ROOT,
                "(also: %d malformed answers, %d not awaited, %d interim 1xx)%n",
                otherOutcomes,
                total.outcome(Outcome.NOT_AWAITED).sum(),
                interim.sum());
        List<Map.Entry<GroupKey, Group>> sorted = sortedGroups();
        if (sorted.isEmpty()) {
            out.println("no violations");
            return;
        }
        out.println("violations by cause (" + sorted.size() + " groups):");
        int printed = 0;
        for (Map.Entry<GroupKey, Group> entry : sorted) {
            GroupKey key = entry.getKey();
            out.printf(
                    Locale.ROOT,
                    "  %8d  %-34s %-8s %-22s %s%n",
                    entry.getValue().count.sum(),
                    key.violation().label,
                    key.category(),
                    key.mutation(),
                    Printable.text(key.detail(), 100));
        }
        out.println("first example of each group:");
        for (Map.Entry<GroupKey, Group> entry : sorted) {
            if (printed++ >= examplesMax) {
                out.println("  … " + (sorted.size() - examplesMax) + " more groups in the summary and failures file");
                break;
            }
            out.println("  " + entry.getValue().example);
        }
    }

    private static void row(PrintStream out, String name, Counts counts) {
        out.printf(
                Locale.ROOT,
                "%-8s %10d %10d %8d %10d %8d %8d %8d %8d %10d%n",
                name,
                counts.requests.sum(),
                counts.outcome(Outcome.S2XX).sum(),
                counts.outcome(Outcome.S3XX).sum(),
                counts.outcome(Outcome.S4XX).sum(),
                counts.outcome(Outcome.S5XX).sum(),
                counts.outcome(Outcome.S503).sum(),
                counts.outcome(Outcome.CLOSED).sum(),
                counts.outcome(Outcome.TIMEOUT).sum(),
                counts.violations.sum());
    }
}
