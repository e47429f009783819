package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** Queues survive a clean stop (SIGTERM) and a SIGKILL of a real Wharf process on the same data directory. */
class RestartIT {

    private static final Pattern READY = Pattern.compile("ready on (http://[^ ,]+)");
    private static final long START_TIMEOUT_SECONDS = 60;

    /** A Wharf process started the way ./wharf starts it, and the endpoint its ready line printed. */
    record Wharf(Process process, URI endpoint, String readyLine) {}

    static Wharf start(Path dataDir) throws IOException, InterruptedException {
        return start(Map.of(), "--port", "0", "--data-dir", dataDir.toString());
    }

    /** Starts {@code Main} in a new JVM with the given environment and arguments after {@code start}. */
    static Wharf start(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return start(env, ProcessBuilder.Redirect.DISCARD, args);
    }

    /** As {@link #start(Map, String...)}, with the process's standard error sent where {@code stderr} says. */
    static Wharf start(Map<String, String> env, ProcessBuilder.Redirect stderr, String... args)
            throws IOException, InterruptedException {
        return start(List.of(), env, stderr, args);
    }

    /** As {@link #start(Map, ProcessBuilder.Redirect, String...)}, with options for the new JVM, such as its heap. */
    static Wharf start(List<String> jvmOptions, Map<String, String> env, ProcessBuilder.Redirect stderr, String... args)
            throws IOException, InterruptedException {
        List<String> startArgs = new ArrayList<>(List.of("start"));
        startArgs.addAll(List.of(args));
        List<String> command = new ArrayList<>(command(startArgs.toArray(String[]::new)));
        command.addAll(1, jvmOptions);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr);
        builder.environment().putAll(env);
        Process process = builder.start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                return new Wharf(process, URI.create(ready.group(1)), line);
            }
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("Wharf did not print its ready line in time");
    }

    /** The command line that runs {@code Main} with the given arguments in a new JVM. */
    static List<String> command(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, "dev.wharf.server.Main"));
        command.addAll(List.of(args));
        return command;
    }

    static SqsClient client(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    @Test
    void queuesSurviveSigkill(@TempDir Path dataDir) throws Exception {
        List<String> acknowledged = new ArrayList<>();
        Wharf first = start(dataDir);
        try (SqsClient sqs = client(first.endpoint())) {
            for (int i = 0; i < 50; i++) {
                int n = i;
                sqs.createQueue(b -> b.queueName("kill-" + n).tags(Map.of("n", Integer.toString(n))));
                acknowledged.add("kill-" + n);
            }
            String url = sqs.getQueueUrl(b -> b.queueName("kill-0")).queueUrl();
            sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of("VisibilityTimeout", "77")));
        } finally {
            first.process().destroyForcibly();
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);

        Wharf second = start(dataDir);
        try (SqsClient sqs = client(second.endpoint())) {
            List<String> names = sqs.listQueues(b -> b.queueNamePrefix("kill-")).queueUrls().stream()
                    .map(url -> url.substring(url.lastIndexOf('/') + 1))
                    .toList();
            assertThat(names).containsExactlyInAnyOrderElementsOf(acknowledged);
            String url = sqs.getQueueUrl(b -> b.queueName("kill-0")).queueUrl();
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("VisibilityTimeout"))
                            .attributesAsStrings())
                    .containsEntry("VisibilityTimeout", "77");
            assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).containsEntry("n", "0");
        } finally {
            second.process().destroy();
            assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(second.process().exitValue()).as("clean exit on SIGTERM").isIn(0, 143);
    }

    @Test
    void stopAnswersLongPollsInProgressWithNoMessagesAndLogsNoError(@TempDir Path dataDir) throws Exception {
        Path stderr = dataDir.resolve("stderr.log");
        // The server's own logging setup (INFO), not this module's test one (WARN), so that the stop line shows.
        Wharf wharf = start(
                Map.of("JAVA_TOOL_OPTIONS", "-Dwharf.log=server"),
                ProcessBuilder.Redirect.to(stderr.toFile()),
                "--port",
                "0",
                "--data-dir",
                dataDir.resolve("data").toString());
        try (SqsClient sqs = client(wharf.endpoint())) {
            String url = sqs.createQueue(b -> b.queueName("polled")).queueUrl();
            CompletableFuture<ReceiveMessageResponse> poll = CompletableFuture.supplyAsync(
                    () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)));
            // Time for the poll to reach the server and start waiting.
            Thread.sleep(1_000);
            assertThat(poll).isNotDone();
            long stopping = System.nanoTime();
            wharf.process().destroy();
            ReceiveMessageResponse answer = poll.get(10, TimeUnit.SECONDS);
            assertThat(answer.messages()).isEmpty();
            assertThat(wharf.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopping))
                    .as("stopped long before the poll's 20 s")
                    .isLessThan(10);
        } finally {
            wharf.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        // The log goes to stderr: its last line shows the file holds the whole log, so the absences below mean
        // something.
        assertThat(Files.readString(stderr))
                .contains("stopped; store flushed and closed")
                .doesNotContain("Exception")
                .doesNotContain("ERROR");
    }

    @Test
    void deletionSurvivesCleanRestartAndSecondServerCannotShareTheDirectory(@TempDir Path dataDir) throws Exception {
        Wharf first = start(dataDir);
        try (SqsClient sqs = client(first.endpoint())) {
            sqs.createQueue(b -> b.queueName("stays"));
            String gone = sqs.createQueue(b -> b.queueName("goes")).queueUrl();
            sqs.deleteQueue(b -> b.queueUrl(gone));
            Process rival = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                            "dev.wharf.server.Main",
                            "start",
                            "--port",
                            "0",
                            "--data-dir",
                            dataDir.toString())
                    .redirectErrorStream(true)
                    .start();
            assertThat(rival.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String said = new String(rival.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(rival.exitValue()).isEqualTo(2);
            assertThat(said).contains("in use by another Wharf process");
        } finally {
            first.process().destroy();
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Wharf second = start(dataDir);
        try (SqsClient sqs = client(second.endpoint())) {
            assertThat(sqs.listQueues().queueUrls()).singleElement().asString().endsWith("/stays");
        } finally {
            second.process().destroy();
            second.process().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(Files.exists(dataDir.resolve("wharf.lock"))).isTrue();
    }
}
