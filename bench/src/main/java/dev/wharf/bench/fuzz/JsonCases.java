package dev.wharf.bench.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * AWS JSON 1.0 cases: each starts from a valid request of an SQS operation as the SDK v2 sends it and breaks one
 * thing in its body or its routing headers, then signs the result, so that the break reaches the codec and the
 * engine.
 */
final class JsonCases implements CaseGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Operations a confused server could run from a second target header without harm to the fixture. */
    private static final List<String> READ_ONLY =
            List.of("ListQueues", "GetQueueUrl", "GetQueueAttributes", "ListQueueTags", "Foo");

    private static final List<Mutation> MUTATIONS = List.of(
            new Mutation("valid", 30),
            new Mutation("string-for-integer", 20),
            new Mutation("float-for-integer", 15),
            new Mutation("number-for-string", 15),
            new Mutation("boolean-for-string", 10),
            new Mutation("object-for-string", 10),
            new Mutation("array-for-string", 10),
            new Mutation("null-for-member", 10),
            new Mutation("null-in-list", 10),
            new Mutation("null-in-map", 10),
            new Mutation("empty-map-key", 15),
            new Mutation("wrong-container", 10),
            new Mutation("scalar-for-container", 10),
            new Mutation("duplicate-key", 8),
            new Mutation("unknown-member", 8),
            new Mutation("missing-member", 10),
            new Mutation("queue-url", 15),
            new Mutation("queue-attributes", 12),
            new Mutation("policy-json", 8),
            new Mutation("binary-value", 6),
            new Mutation("big-collection", 6),
            new Mutation("huge-number", 20),
            new Mutation("nonstandard-token", 10),
            new Mutation("deep-nesting", 10),
            new Mutation("huge-string", 12),
            new Mutation("invalid-utf8", 20),
            new Mutation("bad-escape", 12),
            new Mutation("control-chars", 8),
            new Mutation("hostile-text", 12),
            new Mutation("truncated", 20),
            new Mutation("trailing-bytes", 15),
            new Mutation("not-an-object", 10),
            new Mutation("encoding", 8),
            new Mutation("unknown-target", 15),
            new Mutation("non-ascii-target", 10),
            new Mutation("content-type", 12),
            new Mutation("duplicate-target", 5));

    /** A mutated request before framing and signing: the headers to send and the body. */
    private record Mutant(SdkCapture.JsonBase base, WireRequest head, byte[] body) {}

    private final List<SdkCapture.JsonBase> bases;
    private final RequestSigner signer;
    private final String hostHeader;

    JsonCases(List<SdkCapture.JsonBase> bases, RequestSigner signer, String hostHeader) {
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("no valid JSON requests to start from");
        }
        this.bases = List.copyOf(bases);
        this.signer = signer;
        this.hostHeader = hostHeader;
    }

    @Override
    public FuzzCase.Category category() {
        return FuzzCase.Category.JSON;
    }

    @Override
    public List<Mutation> mutations() {
        return MUTATIONS;
    }

    @Override
    public FuzzCase generate(String mutation, long index, SplittableRandom random) {
        Mutant mutant = mutate(mutation, random);
        WireRequest request = signer.sign(mutant.head()
                .with("Host", hostHeader)
                .with("Content-Length", Integer.toString(mutant.body().length))
                .withBody(mutant.body()));
        FuzzCase.Plan plan = FuzzCase.Plan.keepAlive();
        if (mutant.base().operation().equals("ReceiveMessage")) {
            plan = plan.withTimeout(FuzzCase.Plan.LONG_POLL_TIMEOUT_MILLIS);
        }
        return new FuzzCase(
                index,
                FuzzCase.Category.JSON,
                mutation,
                FuzzCase.Shape.JSON,
                mutant.base().operation(),
                request.render(),
                plan);
    }

    /** Signs and frames a valid request of {@code operation} (the first base of that name), for other categories. */
    WireRequest valid(String operation) {
        for (SdkCapture.JsonBase base : bases) {
            if (base.operation().equals(operation)) {
                return signer.sign(base.request()
                        .with("Host", hostHeader)
                        .with("Content-Length", Integer.toString(base.request().body().length)));
            }
        }
        throw new IllegalArgumentException("no valid JSON request for " + operation);
    }

    /** The unsigned, unframed valid request of {@code operation}. */
    SdkCapture.JsonBase base(String operation) {
        for (SdkCapture.JsonBase base : bases) {
            if (base.operation().equals(operation)) {
                return base;
            }
        }
        throw new IllegalArgumentException("no valid JSON request for " + operation);
    }

    private Mutant mutate(String mutation, SplittableRandom r) {
        return switch (mutation) {
            case "valid" -> valid(r);
            case "string-for-integer" ->
                replace(
                        r,
                        JsonCases::integral,
                        s -> TextNode.valueOf(
                                r.nextBoolean() ? s.value().asText() : Hostile.pick(r, Hostile.NOT_INTEGERS)));
            case "float-for-integer" -> replace(r, JsonCases::integral, s -> floatFor(r, s.value()));
            case "number-for-string" -> replace(r, JsonCases::textual, s -> numberFor(r));
            case "boolean-for-string" ->
                replace(r, s -> textual(s) || integral(s), s -> BooleanNode.valueOf(r.nextBoolean()));
            case "object-for-string" -> replace(r, JsonCases::scalar, s -> objectFor(r, s.value()));
            case "array-for-string" -> replace(r, JsonCases::scalar, s -> arrayFor(r, s.value()));
            case "null-for-member" -> replace(r, s -> s.field() != null, s -> NullNode.getInstance());
            case "null-in-list" -> edit(r, s -> s.value().isArray(), s -> insertNull(r, (ArrayNode) s.value()));
            case "null-in-map" -> edit(r, s -> s.value().isObject(), s -> nullMember(r, (ObjectNode) s.value()));
            case "empty-map-key" ->
                edit(r, s -> s.value().isObject(), s -> ((ObjectNode) s.value()).set("", wrongValue(r)));
            case "wrong-container" -> replace(r, s -> s.value().isContainerNode(), s -> otherContainer(s.value()));
            case "scalar-for-container" -> replace(r, s -> s.value().isContainerNode(), s -> wrongScalar(r));
            case "duplicate-key" -> duplicateKey(r);
            case "unknown-member" -> unknownMember(r);
            case "missing-member" -> missingMember(r);
            case "queue-url" ->
                replace(
                        r,
                        s -> "QueueUrl".equals(s.field()),
                        s -> TextNode.valueOf(QueueUrls.variant(r, s.value().asText())));
            case "queue-attributes" -> queueAttributes(r);
            case "policy-json" -> policyJson(r);
            case "binary-value" ->
                replace(r, s -> "BinaryValue".equals(s.field()), s -> TextNode.valueOf(Hostile.pick(r, BAD_BASE64)));
            case "big-collection" -> edit(r, s -> s.value().isContainerNode(), s -> grow(r, s.value()));
            case "huge-number" -> raw(r, JsonCases::scalar, Hostile.pick(r, Hostile.HUGE_NUMBERS));
            case "nonstandard-token" -> raw(r, s -> true, Hostile.pick(r, Hostile.NONSTANDARD_TOKENS));
            case "deep-nesting" -> raw(r, s -> true, Hostile.nested(pickDepth(r), r.nextBoolean()));
            case "huge-string" -> replace(r, JsonCases::textual, s -> TextNode.valueOf(Hostile.sizedString(r)));
            case "invalid-utf8" -> inString(r, Hostile.pick(r, Hostile.INVALID_UTF8));
            case "bad-escape" ->
                inString(r, Hostile.pick(r, Hostile.BAD_ESCAPES).getBytes(UTF_8));
            case "control-chars" -> inString(r, new byte[] {(byte) r.nextInt(0x20)});
            case "hostile-text" ->
                replace(r, JsonCases::textual, s -> TextNode.valueOf(Hostile.pick(r, Hostile.HOSTILE_TEXT)));
            case "truncated" -> truncated(r);
            case "trailing-bytes" -> trailing(r);
            case "not-an-object" -> notAnObject(r);
            case "encoding" -> encoding(r);
            case "unknown-target" -> target(r, Hostile.pick(r, UNKNOWN_TARGETS));
            case "non-ascii-target" -> target(r, Hostile.pick(r, NON_ASCII_TARGETS));
            case "content-type" -> contentType(r);
            case "duplicate-target" -> duplicateTarget(r);
            default -> throw new IllegalArgumentException("unknown JSON mutation " + mutation);
        };
    }

    private SdkCapture.JsonBase anyBase(SplittableRandom r) {
        return bases.get(r.nextInt(bases.size()));
    }

    private Mutant valid(SplittableRandom r) {
        SdkCapture.JsonBase base = anyBase(r);
        return new Mutant(base, base.request(), base.request().body());
    }

    private Mutant of(SdkCapture.JsonBase base, JsonNode body) {
        return new Mutant(base, base.request(), write(body));
    }

    /** A copy of a base that has a slot passing {@code test}, and that slot; bases are tried from a random one. */
    private record Chosen(SdkCapture.JsonBase base, ObjectNode body, JsonSlots.Slot slot) {}

    private @Nullable Chosen choose(SplittableRandom r, Predicate<JsonSlots.Slot> test) {
        int start = r.nextInt(bases.size());
        for (int i = 0; i < bases.size(); i++) {
            SdkCapture.JsonBase base = bases.get((start + i) % bases.size());
            ObjectNode body = base.body().deepCopy();
            List<JsonSlots.Slot> slots = JsonSlots.matching(body, test);
            if (!slots.isEmpty()) {
                return new Chosen(base, body, slots.get(r.nextInt(slots.size())));
            }
        }
        return null;
    }

    /** Replaces the value of a slot passing {@code test}; falls back to a valid request when no base has one. */
    private Mutant replace(
            SplittableRandom r,
            Predicate<JsonSlots.Slot> test,
            java.util.function.Function<JsonSlots.Slot, JsonNode> by) {
        Chosen chosen = choose(r, test);
        if (chosen == null) {
            return valid(r);
        }
        chosen.slot().set(by.apply(chosen.slot()));
        return of(chosen.base(), chosen.body());
    }

    /** Changes the value of a slot passing {@code test} in place. */
    private Mutant edit(
            SplittableRandom r, Predicate<JsonSlots.Slot> test, java.util.function.Consumer<JsonSlots.Slot> by) {
        Chosen chosen = choose(r, test);
        if (chosen == null) {
            return valid(r);
        }
        by.accept(chosen.slot());
        return of(chosen.base(), chosen.body());
    }

    /** Puts the raw bytes of {@code token} where a slot's value was, once the document is written. */
    private Mutant raw(SplittableRandom r, Predicate<JsonSlots.Slot> test, String token) {
        Chosen chosen = choose(r, test);
        if (chosen == null) {
            return valid(r);
        }
        chosen.slot().set(TextNode.valueOf(Hostile.PLACEHOLDER));
        byte[] body = Hostile.splice(write(chosen.body()), token.getBytes(UTF_8), true);
        return new Mutant(chosen.base(), chosen.base().request(), body);
    }

    /** Puts raw bytes inside a string: a value's, or (one time in five) a member name's. */
    private Mutant inString(SplittableRandom r, byte[] bytes) {
        if (r.nextInt(5) == 0) {
            Chosen chosen = choose(r, s -> s.value().isObject());
            if (chosen != null) {
                ((ObjectNode) chosen.slot().value()).put("k" + Hostile.PLACEHOLDER, "v");
                return new Mutant(
                        chosen.base(), chosen.base().request(), Hostile.splice(write(chosen.body()), bytes, false));
            }
        }
        Chosen chosen = choose(r, JsonCases::textual);
        if (chosen == null) {
            return valid(r);
        }
        String text = chosen.slot().value().asText();
        int at = text.isEmpty() ? 0 : r.nextInt(text.length() + 1);
        chosen.slot().set(TextNode.valueOf(text.substring(0, at) + Hostile.PLACEHOLDER + text.substring(at)));
        return new Mutant(chosen.base(), chosen.base().request(), Hostile.splice(write(chosen.body()), bytes, false));
    }

    private static boolean integral(JsonSlots.Slot slot) {
        return slot.value().isIntegralNumber();
    }

    private static boolean textual(JsonSlots.Slot slot) {
        return slot.value().isTextual();
    }

    private static boolean scalar(JsonSlots.Slot slot) {
        return slot.value().isValueNode();
    }

    private static JsonNode floatFor(SplittableRandom r, JsonNode value) {
        double[] choices = {1.5, 0.5, -0.0, 100.0, 3.4028235E38, 1.0E-300, value.asDouble() + 0.5, -1.5};
        return DoubleNode.valueOf(choices[r.nextInt(choices.length)]);
    }

    private static JsonNode numberFor(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> IntNode.valueOf(r.nextInt(-1000, 1000));
            case 1 -> LongNode.valueOf(Long.MAX_VALUE);
            case 2 -> DoubleNode.valueOf(1.5);
            case 3 -> BigIntegerNode.valueOf(BigInteger.TEN.pow(30));
            default -> IntNode.valueOf(0);
        };
    }

    private static JsonNode objectFor(SplittableRandom r, JsonNode value) {
        ObjectNode object = NODES.objectNode();
        if (r.nextBoolean()) {
            object.set("value", value);
        }
        return object;
    }

    private static JsonNode arrayFor(SplittableRandom r, JsonNode value) {
        ArrayNode array = NODES.arrayNode();
        if (r.nextBoolean()) {
            array.add(value);
        }
        return array;
    }

    private static JsonNode wrongValue(SplittableRandom r) {
        return switch (r.nextInt(7)) {
            case 0 -> IntNode.valueOf(1);
            case 1 -> BooleanNode.TRUE;
            case 2 -> NODES.arrayNode();
            case 3 -> NODES.objectNode();
            case 4 -> NullNode.getInstance();
            case 5 -> DoubleNode.valueOf(1.5);
            default -> TextNode.valueOf("x");
        };
    }

    private static JsonNode wrongScalar(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> TextNode.valueOf("x");
            case 1 -> IntNode.valueOf(1);
            case 2 -> BooleanNode.FALSE;
            default -> TextNode.valueOf("");
        };
    }

    private static void insertNull(SplittableRandom r, ArrayNode array) {
        array.insert(array.isEmpty() ? 0 : r.nextInt(array.size() + 1), NullNode.getInstance());
    }

    private static void nullMember(SplittableRandom r, ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() || r.nextBoolean() ? "k" + r.nextInt(3) : Hostile.pick(r, names);
        object.set(name, NullNode.getInstance());
    }

    private static JsonNode otherContainer(JsonNode value) {
        if (value.isArray()) {
            ObjectNode object = NODES.objectNode();
            for (int i = 0; i < value.size(); i++) {
                object.set("member" + i, value.get(i));
            }
            return object;
        }
        ArrayNode array = NODES.arrayNode();
        value.forEach(array::add);
        return array;
    }

    /** Grows a list or a map past its limits: 11, 51, 1001 or 10,000 entries, copies of its first. */
    private static void grow(SplittableRandom r, JsonNode container) {
        int[] sizes = {11, 51, 101, 1001, 10_000};
        int size = sizes[r.nextInt(sizes.length)];
        if (container instanceof ArrayNode array) {
            JsonNode first = array.isEmpty() ? TextNode.valueOf("x") : array.get(0);
            for (int i = array.size(); i < size; i++) {
                JsonNode copy = first.deepCopy();
                if (copy instanceof ObjectNode entry && entry.has("Id")) {
                    entry.put("Id", "e" + i);
                }
                array.add(copy);
            }
        } else if (container instanceof ObjectNode object) {
            JsonNode first =
                    object.isEmpty() ? TextNode.valueOf("v") : object.elements().next();
            for (int i = object.size(); i < size; i++) {
                object.set("k" + i, first.deepCopy());
            }
        }
    }

    private static int pickDepth(SplittableRandom r) {
        int[] depths = {32, 63, 64, 65, 200, 1000, 10_000, 100_000};
        return depths[r.nextInt(depths.length)];
    }

    private Mutant duplicateKey(SplittableRandom r) {
        SdkCapture.JsonBase base = anyBase(r);
        List<String> names = new ArrayList<>();
        base.body().fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() ? "QueueUrl" : Hostile.pick(r, names);
        byte[] body = write(base.body());
        String duplicate = "\"" + name + "\":" + write(wrongValue(r), UTF_8) + (body.length > 2 ? "," : "");
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + duplicate.length());
        out.write('{');
        if (r.nextBoolean()) {
            out.writeBytes(duplicate.getBytes(UTF_8));
            out.write(body, 1, body.length - 1);
        } else {
            // The duplicate after the original: a parser that keeps the last value sees the wrong one.
            out.write(body, 1, body.length - 2);
            out.writeBytes((body.length > 2 ? "," : "").getBytes(UTF_8));
            out.writeBytes(("\"" + name + "\":" + write(wrongValue(r), UTF_8) + "}").getBytes(UTF_8));
        }
        return new Mutant(base, base.request(), out.toByteArray());
    }

    private Mutant unknownMember(SplittableRandom r) {
        SdkCapture.JsonBase base = anyBase(r);
        ObjectNode body = base.body().deepCopy();
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        String existing = names.isEmpty() ? "QueueUrl" : Hostile.pick(r, names);
        String name =
                switch (r.nextInt(6)) {
                    case 0 -> existing.toLowerCase(java.util.Locale.ROOT);
                    case 1 -> existing.toUpperCase(java.util.Locale.ROOT);
                    case 2 -> "__type";
                    case 3 -> "Action";
                    case 4 -> existing + " ";
                    default -> "FuzzUnknownMember";
                };
        body.set(name, wrongValue(r));
        return of(base, body);
    }

    private Mutant missingMember(SplittableRandom r) {
        Chosen chosen = choose(r, s -> s.field() != null);
        if (chosen == null) {
            return valid(r);
        }
        ((ObjectNode) chosen.slot().parent()).remove(chosen.slot().field());
        return of(chosen.base(), chosen.body());
    }

    private Mutant queueAttributes(SplittableRandom r) {
        Chosen chosen =
                choose(r, s -> "Attributes".equals(s.field()) && s.value().isObject());
        if (chosen == null) {
            return valid(r);
        }
        ObjectNode attributes = (ObjectNode) chosen.slot().value();
        String name = Hostile.pick(r, ATTRIBUTE_NAMES);
        if (r.nextBoolean() && !attributes.isEmpty()) {
            name = attributes.fieldNames().next();
        }
        attributes.put(name, Hostile.pick(r, ATTRIBUTE_VALUES));
        return of(chosen.base(), chosen.body());
    }

    private Mutant policyJson(SplittableRandom r) {
        Chosen chosen =
                choose(r, s -> "Attributes".equals(s.field()) && s.value().isObject());
        if (chosen == null) {
            return valid(r);
        }
        String name = Hostile.pick(r, List.of("RedrivePolicy", "RedriveAllowPolicy", "Policy"));
        String value =
                switch (r.nextInt(6)) {
                    case 0 -> Hostile.nested(pickDepth(r), r.nextBoolean());
                    case 1 ->
                        "{\"deadLetterTargetArn\":" + Hostile.pick(r, Hostile.HUGE_NUMBERS) + ",\"maxReceiveCount\":1}";
                    case 2 ->
                        "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:fuzz-dlq\",\"maxReceiveCount\":"
                                + Hostile.pick(r, Hostile.HUGE_NUMBERS) + "}";
                    case 3 -> Hostile.pick(r, Hostile.NONSTANDARD_TOKENS);
                    case 4 ->
                        "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[" + "\"x\",".repeat(1000) + "\"x\"]}";
                    default ->
                        "{\"Version\":\"2012-10-17\",\"Statement\":" + Hostile.pick(r, Hostile.HOSTILE_TEXT) + "}";
                };
        ((ObjectNode) chosen.slot().value()).put(name, value);
        return of(chosen.base(), chosen.body());
    }

    private Mutant truncated(SplittableRandom r) {
        SdkCapture.JsonBase base = anyBase(r);
        byte[] body = base.request().body();
        int cut = body.length <= 1 ? 0 : r.nextInt(body.length);
        return new Mutant(base, base.request(), java.util.Arrays.copyOf(body, cut));
    }

    private Mutant trailing(SplittableRandom r) {
        SdkCapture.JsonBase base = anyBase(r);
        byte[] body = base.request().body();
        byte[] tail = Hostile.pick(r, TRAILERS);
        byte[] out = java.util.Arrays.copyOf(body, body.length + tail.length);
        System.arraycopy(tail, 0, out, body.length, tail.length);
        return new Mutant(base, base.request(), out);
    }

    private Mutant notAnObject(SplittableRandom r) {
        SdkCapture.JsonBase base = anyBase(r);
        String valid = new String(base.request().body(), UTF_8);
        List<String> bodies =
                List.of("[]", "[{}]", "\"x\"", "1", "-0", "null", "true", "", " ", "\n", "[" + valid + "]");
        return new Mutant(base, base.request(), Hostile.pick(r, bodies).getBytes(UTF_8));
    }

    private Mutant encoding(SplittableRandom r) {
        SdkCapture.JsonBase base = anyBase(r);
        String valid = new String(base.request().body(), UTF_8);
        List<String> charsets = List.of("UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32", "ISO-8859-1");
        if (r.nextInt(3) == 0) {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            return new Mutant(base, base.request(), concat(bom, base.request().body()));
        }
        String charset = Hostile.pick(r, charsets);
        WireRequest head = r.nextBoolean()
                ? base.request().with("Content-Type", "application/x-amz-json-1.0; charset=" + charset)
                : base.request();
        return new Mutant(base, head, ("{\"é\":\"ü\"," + valid.substring(1)).getBytes(Charset.forName(charset)));
    }

    private Mutant target(SplittableRandom r, String target) {
        SdkCapture.JsonBase base = anyBase(r);
        String value = target.replace("{op}", base.operation());
        WireRequest head = value.isEmpty() && r.nextBoolean()
                ? base.request().with("X-Amz-Target", "")
                : base.request().with("X-Amz-Target", WireRequest.utf8Bytes(value));
        return new Mutant(base, head, base.request().body());
    }

    private Mutant contentType(SplittableRandom r) {
        SdkCapture.JsonBase base = anyBase(r);
        String type = Hostile.pick(r, CONTENT_TYPES);
        WireRequest head = type.equals("-")
                ? base.request().without("Content-Type")
                : base.request().with("Content-Type", type);
        return new Mutant(base, head, base.request().body());
    }

    private Mutant duplicateTarget(SplittableRandom r) {
        SdkCapture.JsonBase base = anyBase(r);
        String other = "AmazonSQS." + Hostile.pick(r, READ_ONLY);
        WireRequest head = r.nextBoolean()
                ? base.request().adding("X-Amz-Target", other)
                : base.request().with("X-Amz-Target", other).adding("X-Amz-Target", "AmazonSQS." + base.operation());
        if (!Set.of("ListQueues", "GetQueueUrl", "GetQueueAttributes", "ListQueueTags")
                .contains(base.operation())) {
            // A server that runs the second target must not run a write from this body; use a read-only body.
            SdkCapture.JsonBase readOnly = base("ListQueues");
            head = readOnly.request().with("X-Amz-Target", other).adding("X-Amz-Target", "AmazonSQS.ListQueues");
            return new Mutant(readOnly, head, readOnly.request().body());
        }
        return new Mutant(base, head, base.request().body());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(JsonNode node, Charset charset) {
        return new String(write(node), charset);
    }

    private static final List<String> BAD_BASE64 = List.of(
            "!!!",
            "a",
            "ab",
            "abc",
            "====",
            "Ymlu=",
            "Y m l u",
            "\u00e9\u00e9\u00e9\u00e9",
            "",
            "Ymlu\n",
            "-_-_",
            "Ymlu====");

    private static final List<byte[]> TRAILERS = List.of(
            "}".getBytes(UTF_8),
            "{}".getBytes(UTF_8),
            "garbage".getBytes(UTF_8),
            new byte[] {0},
            ",".getBytes(UTF_8),
            "]".getBytes(UTF_8),
            "\n\n\n".getBytes(UTF_8),
            " ".repeat(1000).getBytes(UTF_8),
            new byte[] {(byte) 0xFF},
            "{\"QueueUrl\":1}".getBytes(UTF_8),
            "\r\n0\r\n\r\n".getBytes(UTF_8),
            "GET /_wharf/health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(UTF_8));

    private static final List<String> UNKNOWN_TARGETS = List.of(
            "AmazonSQS.Foo",
            "AmazonSQS.",
            "AmazonSQS",
            ".{op}",
            "{op}",
            "amazonsqs.{op}",
            "AmazonSQS.{op}.Extra",
            "AmazonSQS..{op}",
            "DynamoDB_20120810.GetItem",
            "Kinesis_20131202.PutRecord",
            " AmazonSQS.{op}",
            "AmazonSQS.{op} ",
            "AmazonSQS." + "A".repeat(10_000),
            "",
            "AmazonSQS.__proto__",
            "AmazonSQS.toString",
            "AmazonSQS.hashCode",
            "AmazonSQS.getClass",
            "AmazonSQS.valueOf",
            "AmazonSQS.Send%4Dessage",
            "AmazonSQS.*",
            "AmazonSQS.{op},AmazonSQS.ListQueues",
            "AmazonSQS/{op}",
            "AmazonSQS#{op}");

    private static final List<String> NON_ASCII_TARGETS = List.of(
            "AmazonSQS.S\u00e9ndMessage",
            "AmazonSQS.{op}\u00a0",
            "AmazonSQS.\uFF33endMessage",
            "AmazonSQS.S\u0435ndMessage",
            "AmazonSQS.\u0000",
            "AmazonSQS.{op}\u0001",
            "AmazonSQS.\u202E{op}",
            "\u00c5mazonSQS.{op}",
            "AmazonSQS.\uD83D\uDE00",
            "AmazonSQS.{op}\u200B");

    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/x-amz-json-1.1",
            "application/x-amz-json-1.0; charset=utf-8",
            "application/x-amz-json-2.0",
            "APPLICATION/X-AMZ-JSON-1.0",
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/cbor",
            "application/x-amz-cbor-1.1",
            "",
            "-",
            "application/x-amz-json-1.0, application/json",
            "multipart/form-data; boundary=x",
            "application/x-amz-json-1.0;" + "a".repeat(5000));

    private static final List<String> ATTRIBUTE_NAMES = List.of(
            "",
            "visibilitytimeout",
            "VisibilityTimeout ",
            "FifoQueue",
            "All",
            "QueueArn",
            "ApproximateNumberOfMessages",
            "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds",
            "SqsManagedSseEnabled",
            "DeduplicationScope",
            "FifoThroughputLimit",
            "ContentBasedDeduplication",
            "MaximumMessageSize",
            "MessageRetentionPeriod",
            "DelaySeconds",
            "Unknown\u00e9",
            "]]>");

    private static final List<String> ATTRIBUTE_VALUES = List.of(
            "",
            "-1",
            "0",
            "99999999999",
            "abc",
            "1.5",
            "1e3",
            "true",
            "TRUE",
            "\u0661",
            " 30",
            "9".repeat(500),
            "perQueue",
            "perMessageGroupId",
            "alias/aws/sqs",
            "{}",
            "null");
}
