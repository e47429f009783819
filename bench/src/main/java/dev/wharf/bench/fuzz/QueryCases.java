package dev.wharf.bench.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * AWS Query cases: each starts from a valid request of an SQS operation with the parameters the SDK v1 sends, as a
 * form POST to {@code /} (as boto3 sends it), to the queue's path (as the SDK v1 does) or as a GET with {@code
 * ?Action=}, and breaks its encoding, its parameters or its routing, then signs the result.
 */
final class QueryCases implements CaseGenerator {

    static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    static final String USER_AGENT = "aws-sdk-java/1.12.580 Linux/6 OpenJDK_64-Bit_Server_VM/25 java/25 vendor/fuzz";
    private static final Pattern INDEX = Pattern.compile("\\.(\\d+)(?=\\.|$)");
    private static final Pattern INTEGER = Pattern.compile("\\d{1,10}");

    private static final List<Mutation> MUTATIONS = List.of(
            new Mutation("valid", 35),
            new Mutation("bad-percent", 25),
            new Mutation("invalid-utf8", 20),
            new Mutation("repeated-param", 15),
            new Mutation("missing-param", 15),
            new Mutation("huge-index", 15),
            new Mutation("many-entries", 8),
            new Mutation("wrong-type", 15),
            new Mutation("unknown-action", 15),
            new Mutation("newline", 12),
            new Mutation("hostile-text", 12),
            new Mutation("content-type", 10),
            new Mutation("empty-pairs", 8),
            new Mutation("query-and-body", 8),
            new Mutation("method", 8),
            new Mutation("huge-value", 10),
            new Mutation("queue-url", 12),
            new Mutation("plus-space", 6),
            new Mutation("version", 5));

    /** Actions a confused server could run from a repeated Action without harm to the fixture. */
    private static final List<String> READ_ONLY_ACTIONS =
            List.of("ListQueues", "GetQueueUrl", "GetQueueAttributes", "ListQueueTags", "Foo");

    /** One request being mutated: its parameters encoded as {@code name=value} pairs, one char per byte. */
    static final class Draft {
        final SdkCapture.QueryBase base;
        String method = "POST";
        String path = "/";
        boolean inQuery;
        String extraQuery = "";

        @Nullable
        String contentType = FORM;
        /** The operation whose answer is due: {@code -} once a second Action makes it ambiguous. */
        String operation;

        final List<String> pairs = new ArrayList<>();

        Draft(SdkCapture.QueryBase base) {
            this.base = base;
            this.operation = base.operation();
            for (Map.Entry<String, String> param : base.params()) {
                pairs.add(encode(param.getKey()) + "=" + encode(param.getValue()));
            }
        }

        int find(String name) {
            String prefix = encode(name) + "=";
            for (int i = 0; i < pairs.size(); i++) {
                if (pairs.get(i).startsWith(prefix)) {
                    return i;
                }
            }
            return -1;
        }

        void set(String name, String value) {
            int at = find(name);
            String pair = encode(name) + "=" + encode(value);
            if (at < 0) {
                pairs.add(pair);
            } else {
                pairs.set(at, pair);
            }
        }

        String value(int at) {
            String pair = pairs.get(at);
            int equals = pair.indexOf('=');
            return equals < 0 ? "" : RequestSigner.decode(pair.substring(equals + 1));
        }

        String name(int at) {
            String pair = pairs.get(at);
            int equals = pair.indexOf('=');
            return RequestSigner.decode(equals < 0 ? pair : pair.substring(0, equals));
        }
    }

    private final List<SdkCapture.QueryBase> bases;
    private final RequestSigner signer;
    private final String hostHeader;

    QueryCases(List<SdkCapture.QueryBase> bases, RequestSigner signer, String hostHeader) {
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("no valid Query requests to start from");
        }
        this.bases = List.copyOf(bases);
        this.signer = signer;
        this.hostHeader = hostHeader;
    }

    @Override
    public FuzzCase.Category category() {
        return FuzzCase.Category.QUERY;
    }

    @Override
    public List<Mutation> mutations() {
        return MUTATIONS;
    }

    @Override
    public FuzzCase generate(String mutation, long index, SplittableRandom random) {
        Draft draft = draft(bases.get(random.nextInt(bases.size())), random);
        mutate(mutation, draft, random);
        WireRequest request = signer.sign(render(draft));
        FuzzCase.Plan plan = FuzzCase.Plan.keepAlive().withHead(draft.method.equals("HEAD"));
        if (draft.base.operation().equals("ReceiveMessage")) {
            plan = plan.withTimeout(FuzzCase.Plan.LONG_POLL_TIMEOUT_MILLIS);
        }
        return new FuzzCase(
                index,
                FuzzCase.Category.QUERY,
                mutation,
                FuzzCase.Shape.QUERY,
                draft.operation,
                request.render(),
                plan);
    }

    /** A valid form POST of {@code operation}, unsigned and with its Host and Content-Length, for other categories. */
    WireRequest unsigned(String operation) {
        for (SdkCapture.QueryBase base : bases) {
            if (base.operation().equals(operation)) {
                return render(new Draft(base));
            }
        }
        throw new IllegalArgumentException("no valid Query request for " + operation);
    }

    /** A valid GET of {@code operation} with its parameters in the query string, unsigned. */
    WireRequest unsignedGet(String operation) {
        for (SdkCapture.QueryBase base : bases) {
            if (base.operation().equals(operation)) {
                Draft draft = new Draft(base);
                draft.method = "GET";
                draft.inQuery = true;
                draft.contentType = null;
                return render(draft);
            }
        }
        throw new IllegalArgumentException("no valid Query request for " + operation);
    }

    /** Picks how the valid request travels: a form POST to {@code /}, to the queue's path, or a GET. */
    private static Draft draft(SdkCapture.QueryBase base, SplittableRandom r) {
        Draft draft = new Draft(base);
        int style = r.nextInt(10);
        int queueUrl = draft.find("QueueUrl");
        if (style < 3 && queueUrl >= 0) {
            draft.path = QueueUrls.path(draft.value(queueUrl));
            draft.pairs.remove(queueUrl);
        } else if (style < 6) {
            draft.method = "GET";
            draft.inQuery = true;
            draft.contentType = null;
        }
        return draft;
    }

    WireRequest render(Draft draft) {
        String joined = String.join("&", draft.pairs);
        String target;
        byte[] body;
        if (draft.inQuery) {
            target = draft.path + "?" + joined + (draft.extraQuery.isEmpty() ? "" : "&" + draft.extraQuery);
            body = new byte[0];
        } else {
            target = draft.path + (draft.extraQuery.isEmpty() ? "" : "?" + draft.extraQuery);
            body = joined.getBytes(ISO_8859_1);
        }
        List<WireRequest.Header> headers = new ArrayList<>();
        headers.add(new WireRequest.Header("Host", hostHeader));
        if (draft.contentType != null) {
            headers.add(new WireRequest.Header("Content-Type", draft.contentType));
        }
        headers.add(new WireRequest.Header("User-Agent", USER_AGENT));
        if (body.length > 0 || !draft.method.equals("GET")) {
            headers.add(new WireRequest.Header("Content-Length", Integer.toString(body.length)));
        }
        return WireRequest.of(draft.method, target, headers, body);
    }

    private void mutate(String mutation, Draft d, SplittableRandom r) {
        switch (mutation) {
            case "valid" -> {}
            case "bad-percent" -> insertRaw(d, r, Hostile.pick(r, BAD_PERCENT));
            case "invalid-utf8" -> invalidUtf8(d, r);
            case "repeated-param" -> repeated(d, r);
            case "missing-param" -> {
                if (!d.pairs.isEmpty()) {
                    d.pairs.remove(r.nextInt(d.pairs.size()));
                }
            }
            case "huge-index" -> hugeIndex(d, r);
            case "many-entries" -> manyEntries(d, r);
            case "wrong-type" -> wrongType(d, r);
            case "unknown-action" -> d.set("Action", Hostile.pick(r, UNKNOWN_ACTIONS));
            case "newline" -> newline(d, r);
            case "hostile-text" -> setRandomValue(d, r, Hostile.pick(r, Hostile.HOSTILE_TEXT));
            case "content-type" -> contentType(d, r);
            case "empty-pairs" -> emptyPairs(d, r);
            case "query-and-body" -> queryAndBody(d, r);
            case "method" -> method(d, r);
            case "huge-value" -> setRandomValue(d, r, Hostile.sizedString(r));
            case "queue-url" -> queueUrl(d, r);
            case "plus-space" -> plusSpace(d, r);
            case "version" ->
                d.set("Version", Hostile.pick(r, List.of("2008-01-01", "", "x", "2012-11-05 ", "2099-01-01")));
            default -> throw new IllegalArgumentException("unknown Query mutation " + mutation);
        }
    }

    /** Inserts {@code raw} (already one char per byte) at a random place in a random pair. */
    private static void insertRaw(Draft d, SplittableRandom r, String raw) {
        if (d.pairs.isEmpty()) {
            d.pairs.add(raw);
            return;
        }
        int at = r.nextInt(d.pairs.size());
        String pair = d.pairs.get(at);
        int position = r.nextInt(pair.length() + 1);
        d.pairs.set(at, pair.substring(0, position) + raw + pair.substring(position));
    }

    private static void invalidUtf8(Draft d, SplittableRandom r) {
        byte[] bytes = Hostile.pick(r, Hostile.INVALID_UTF8);
        if (r.nextInt(4) == 0) {
            // Raw, not percent-encoded: a form body is bytes, and a server must decide what they mean.
            insertRaw(d, r, WireRequest.bytes(bytes));
            return;
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : bytes) {
            encoded.append(String.format(Locale.ROOT, "%%%02X", b & 0xFF));
        }
        appendToRandomValue(d, r, encoded.toString());
    }

    private static void appendToRandomValue(Draft d, SplittableRandom r, String raw) {
        if (d.pairs.isEmpty()) {
            d.pairs.add("x=" + raw);
            return;
        }
        int at = r.nextInt(d.pairs.size());
        d.pairs.set(at, d.pairs.get(at) + raw);
    }

    private static void setRandomValue(Draft d, SplittableRandom r, String value) {
        if (d.pairs.size() <= 2) {
            d.set("QueueName", value);
            return;
        }
        // Action and Version stay, so that the value reaches the operation.
        int at = 2 + r.nextInt(d.pairs.size() - 2);
        d.pairs.set(at, encode(d.name(at)) + "=" + encode(value));
    }

    private static void repeated(Draft d, SplittableRandom r) {
        if (d.pairs.isEmpty()) {
            return;
        }
        int at = r.nextInt(d.pairs.size());
        String name = d.name(at);
        if (name.equals("Action")) {
            // AWS does not say which of two actions runs; the answer may be either operation's.
            d.operation = "-";
        }
        String value = name.equals("Action")
                ? Hostile.pick(r, READ_ONLY_ACTIONS)
                : Hostile.pick(r, List.of("", d.value(at) + "x", "1", "\u00e9", Hostile.pick(r, Hostile.HOSTILE_TEXT)));
        String pair = encode(name) + "=" + encode(value);
        if (r.nextBoolean()) {
            d.pairs.add(at, pair);
        } else {
            d.pairs.add(pair);
        }
    }

    private static void hugeIndex(Draft d, SplittableRandom r) {
        List<Integer> indexed = new ArrayList<>();
        for (int i = 0; i < d.pairs.size(); i++) {
            if (INDEX.matcher(d.name(i)).find()) {
                indexed.add(i);
            }
        }
        String index = Hostile.pick(r, INDEXES);
        if (indexed.isEmpty()) {
            d.pairs.add(encode("Attribute." + index + ".Name") + "=VisibilityTimeout");
            d.pairs.add(encode("Attribute." + index + ".Value") + "=1");
            return;
        }
        int at = Hostile.pick(r, indexed);
        String name = d.name(at);
        Matcher matcher = INDEX.matcher(name);
        List<int[]> spans = new ArrayList<>();
        while (matcher.find()) {
            spans.add(new int[] {matcher.start(1), matcher.end(1)});
        }
        int[] span = Hostile.pick(r, spans);
        String renamed = name.substring(0, span[0]) + index + name.substring(span[1]);
        String pair = encode(renamed) + "=" + encode(d.value(at));
        if (r.nextBoolean()) {
            d.pairs.set(at, pair);
        } else {
            d.pairs.add(pair);
        }
    }

    private static void manyEntries(Draft d, SplittableRandom r) {
        if (r.nextInt(4) == 0) {
            // Past the transport's bound on parameters.
            for (int i = 0; i < 10_001; i++) {
                d.pairs.add("p" + i + "=v");
            }
            return;
        }
        List<String> firsts = new ArrayList<>();
        for (int i = 0; i < d.pairs.size(); i++) {
            String name = d.name(i);
            Matcher matcher = INDEX.matcher(name);
            if (matcher.find() && matcher.group(1).equals("1")) {
                firsts.add(name.substring(0, matcher.start(1)));
            }
        }
        String family = firsts.isEmpty() ? "AttributeName." : Hostile.pick(r, firsts);
        int[] counts = {11, 51, 101, 1001, 1500};
        int count = counts[r.nextInt(counts.length)];
        List<String> template = new ArrayList<>();
        for (int i = 0; i < d.pairs.size(); i++) {
            if (d.name(i).startsWith(family + "1")) {
                template.add(d.name(i).substring(family.length() + 1) + "=" + d.value(i));
            }
        }
        if (template.isEmpty()) {
            template.add("=All");
        }
        for (int n = 2; n <= count; n++) {
            for (String entry : template) {
                int equals = entry.indexOf('=');
                String value = entry.substring(equals + 1);
                d.pairs.add(
                        encode(family + n + entry.substring(0, equals)) + "=" + encode(n % 2 == 0 ? value : value + n));
            }
        }
    }

    private static void wrongType(Draft d, SplittableRandom r) {
        List<Integer> integers = new ArrayList<>();
        for (int i = 0; i < d.pairs.size(); i++) {
            if (INTEGER.matcher(d.value(i)).matches()) {
                integers.add(i);
            }
        }
        String value = Hostile.pick(r, Hostile.NOT_INTEGERS);
        if (integers.isEmpty()) {
            d.set("MaxResults", value);
            return;
        }
        int at = Hostile.pick(r, integers);
        d.pairs.set(at, encode(d.name(at)) + "=" + encode(value));
    }

    private static void newline(Draft d, SplittableRandom r) {
        String forged = Hostile.pick(r, Hostile.HOSTILE_TEXT.subList(0, 2));
        switch (r.nextInt(4)) {
            case 0 -> d.set("Action", d.base.operation() + forged);
            case 1 -> insertRaw(d, r, forged.replace("\r", "").replace(' ', '+'));
            case 2 -> appendToRandomValue(d, r, encode(forged));
            default -> setRandomValue(d, r, "value" + forged);
        }
    }

    private static void contentType(Draft d, SplittableRandom r) {
        if (d.inQuery) {
            d.inQuery = false;
            d.method = "POST";
        }
        d.contentType = Hostile.pick(r, CONTENT_TYPES);
        if (d.contentType.equals("-")) {
            d.contentType = null;
        }
    }

    private static void emptyPairs(Draft d, SplittableRandom r) {
        String junk = Hostile.pick(r, List.of("", "=", "=x", "&", ";", "a=b=c", "Action", "%26", "Action=", "&&&&"));
        int at = d.pairs.isEmpty() ? 0 : r.nextInt(d.pairs.size() + 1);
        d.pairs.add(at, junk);
    }

    private static void queryAndBody(Draft d, SplittableRandom r) {
        d.method = "POST";
        d.inQuery = false;
        if (d.contentType == null) {
            d.contentType = FORM;
        }
        d.extraQuery = switch (r.nextInt(4)) {
            case 0 -> {
                d.operation = "-";
                yield "Action=" + Hostile.pick(r, READ_ONLY_ACTIONS);
            }
            case 1 -> "Version=2012-11-05&Action=" + d.base.operation();
            case 2 -> d.pairs.isEmpty() ? "" : d.pairs.remove(d.pairs.size() - 1);
            default -> "Action=";
        };
    }

    private static void method(Draft d, SplittableRandom r) {
        d.method = Hostile.pick(r, List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "post"));
        if (r.nextBoolean()) {
            d.inQuery = false;
            if (d.contentType == null) {
                d.contentType = FORM;
            }
        }
    }

    private static void queueUrl(Draft d, SplittableRandom r) {
        int at = d.find("QueueUrl");
        if (at >= 0) {
            d.pairs.set(at, "QueueUrl=" + encode(QueueUrls.variant(r, d.value(at))));
            return;
        }
        if (!d.path.equals("/")) {
            d.path = Hostile.pick(
                    r,
                    List.of(
                            d.path + "/extra",
                            "/" + d.path.substring(d.path.lastIndexOf('/') + 1),
                            "//" + d.path.substring(d.path.lastIndexOf('/') + 1),
                            "/000000000000/",
                            "/%2e%2e/" + d.path,
                            d.path.replace("-", "%2D"),
                            d.path + "%ZZ",
                            d.path + "/..",
                            d.path + "%00",
                            WireRequest.utf8Bytes(d.path + "\u00e9"),
                            d.path.replace("000000000000", "999999999999")));
            return;
        }
        d.set("QueueUrl", QueueUrls.variant(r, "http://" + "127.0.0.1/000000000000/fuzz-main"));
    }

    private static void plusSpace(Draft d, SplittableRandom r) {
        switch (r.nextInt(3)) {
            case 0 -> appendToRandomValue(d, r, "+");
            case 1 -> appendToRandomValue(d, r, " x");
            default -> appendToRandomValue(d, r, "%2B%20+");
        }
    }

    /** RFC 3986 percent-encoding of UTF-8, as the SDKs encode form values. */
    static String encode(String value) {
        if (unreserved(value)) {
            return value;
        }
        byte[] bytes = value.getBytes(UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static boolean unreserved(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~')) {
                return false;
            }
        }
        return true;
    }

    private static final List<String> BAD_PERCENT =
            List.of("%ZZ", "%", "%4", "%%", "%G0", "%0", "%u0041", "%%41", "%-1", "% 41", "%4\u00e9", "%0g", "%+1");

    private static final List<String> INDEXES = List.of(
            "999999",
            "0",
            "-1",
            "99999999999999999999",
            "1e3",
            "01",
            " 1",
            "1.1",
            "",
            "x",
            "2147483648",
            "\uFF11",
            "1001",
            "0x1");

    private static final List<String> UNKNOWN_ACTIONS = List.of(
            "Foo",
            "",
            "sendmessage",
            "SENDMESSAGE",
            "SendMessage ",
            " SendMessage",
            "Send Message",
            "Send\u0000Message",
            "Acti\u00f3n",
            "A".repeat(10_000),
            "../../etc/passwd",
            "<script>x</script>",
            "&",
            "SendMessage;DeleteQueue",
            "toString",
            "hashCode",
            "getClass",
            "__proto__",
            "ListQueues\r\nX-Forged: 1",
            "\u202EListQueues",
            "\uFF2C\uFF49\uFF53\uFF54\uFF31\uFF55\uFF45\uFF55\uFF45\uFF53",
            "]]><x>");

    private static final List<String> CONTENT_TYPES = List.of(
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=ISO-8859-1",
            "APPLICATION/X-WWW-FORM-URLENCODED",
            "application/x-www-form-urlencoded; charset=utf-16",
            "application/x-www-form-urlencodedX",
            "multipart/form-data; boundary=----x",
            "text/plain",
            "application/json",
            "",
            "-",
            "application/x-www-form-urlencoded;" + "a".repeat(5000));
}
