import dev.wharf.protocol.model.Member;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.SdkModelReader;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.protocol.model.Shape;
import dev.wharf.protocol.model.ShapeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a service's api records (one Java record per operation input and output, and per structure they hold) from
 * the service's model as the SDK v2's classes carry it, the way the api packages of wharf-sns and wharf-kinesis were
 * made. Run once per service (or when the model grows), then review and commit what it wrote:
 *
 * <pre>
 * ./mvnw -q -o -pl wharf-kinesis -am dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp "wharf-protocol/target/classes:$(cat /tmp/cp.txt)" build/tools/ApiRecords.java \
 *     com.amazonaws.kinesis#Kinesis_20131202 kinesis \
 *     software.amazon.awssdk.services.kinesis.KinesisClient dev.wharf.kinesis.api Kinesis \
 *     wharf-kinesis/src/main/java
 * </pre>
 *
 * Records name members as the model does, with a lower-case first letter; every member is nullable (the binding
 * decides what is required, with AWS's errors). Error shapes get no record: the service's error enum covers them.
 */
public final class ApiRecords {

    private static final Set<String> KEYWORDS = Set.of("default", "package", "class", "enum", "interface", "public");

    public static void main(String[] args) throws Exception {
        if (args.length != 6 && args.length != 7) {
            System.err.println(
                    "usage: ApiRecords SERVICE_ID SIGNING_NAME CLIENT_CLASS PACKAGE SERVICE_TITLE SOURCE_ROOT [OPERATION,...]");
            System.exit(2);
        }
        Class<?> client = Class.forName(args[2]);
        SdkModelReader.Service service = new SdkModelReader.Service(args[0], args[1], false);
        // A service served in part (CloudWatch) names its operations, so that records are written for those only.
        ServiceModel model = args.length == 7
                ? SdkModelReader.read(service, client, java.util.List.of(args[6].split(",")))
                : SdkModelReader.read(service, client);
        String pkg = args[3];
        String title = args[4];
        Path dir = Path.of(args[5]).resolve(pkg.replace('.', '/'));
        Files.createDirectories(dir);
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> docs = new LinkedHashMap<>();
        for (Operation operation : model.operations().values()) {
            if (operation.input() != null) {
                names.put(operation.input(), operation.name() + "Request");
                docs.put(operation.input(), "The input of " + operation.name() + ".");
            }
            if (operation.output() != null) {
                names.put(operation.output(), operation.name() + "Response");
                docs.put(operation.output(), "The output of " + operation.name() + ".");
            }
        }
        Set<String> todo = new TreeSet<>(names.keySet());
        Set<String> done = new TreeSet<>();
        while (!todo.isEmpty()) {
            String id = todo.iterator().next();
            todo.remove(id);
            if (!done.add(id)) {
                continue;
            }
            Shape shape = model.shape(id);
            String name = names.computeIfAbsent(id, k -> recordName(shape));
            String doc = docs.getOrDefault(id, "Part of " + title + "'s " + shape.name() + " shape, as the model names its members.");
            Set<String> imports = new TreeSet<>();
            StringBuilder fields = new StringBuilder();
            for (Member member : shape.members().values()) {
                String type = type(model, member.target(), imports, todo, names);
                String field = field(member.name());
                if (fields.length() > 0) {
                    fields.append(",\n");
                }
                fields.append("        ")
                        .append(type.endsWith("[]") ? type.replace("[]", " @Nullable []") : "@Nullable " + type)
                        .append(' ')
                        .append(field);
            }
            imports.add("org.jspecify.annotations.Nullable");
            StringBuilder out = new StringBuilder("package " + pkg + ";\n\n");
            for (String i : imports) {
                out.append("import ").append(i).append(";\n");
            }
            out.append("\n/** ").append(doc).append(" */\npublic record ").append(name).append('(');
            out.append(fields.length() == 0 ? "" : "\n" + fields).append(") {}\n");
            if (fields.length() == 0) {
                out = new StringBuilder(out.toString().replace("import org.jspecify.annotations.Nullable;\n", ""));
            }
            Files.writeString(dir.resolve(name + ".java"), out);
        }
        System.out.println("wrote " + done.size() + " records into " + dir);
    }

    private static String type(ServiceModel model, String target, Set<String> imports, Set<String> todo,
            Map<String, String> names) {
        Shape shape = model.shape(target);
        return switch (shape.type()) {
            case STRING, ENUM, OTHER -> "String";
            case INTEGER -> "Integer";
            case LONG -> "Long";
            case BOOLEAN -> "Boolean";
            case DOUBLE -> "Double";
            case BLOB -> "byte[]";
            case TIMESTAMP -> {
                imports.add("java.time.Instant");
                yield "Instant";
            }
            case LIST -> {
                imports.add("java.util.List");
                yield "List<" + type(model, shape.member().target(), imports, todo, names) + ">";
            }
            case MAP -> {
                imports.add("java.util.Map");
                yield "Map<" + type(model, shape.key().target(), imports, todo, names) + ", "
                        + type(model, shape.value().target(), imports, todo, names) + ">";
            }
            case STRUCTURE -> {
                todo.add(target);
                yield names.computeIfAbsent(target, k -> recordName(shape));
            }
        };
    }

    /** A structure's record name: its shape name, but never one that hides a java.lang class. */
    private static String recordName(Shape shape) {
        return switch (shape.name()) {
            case "Record" -> "StreamRecord";
            case "Object", "String", "Class", "Error", "Exception" -> shape.name() + "Shape";
            default -> shape.name();
        };
    }

    private static String field(String member) {
        String field = Character.toLowerCase(member.charAt(0)) + member.substring(1);
        return KEYWORDS.contains(field) ? field + "Value" : field;
    }

    private ApiRecords() {}
}
