package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code aws s3} as people use it, with both CLIs: v1 (the pip one, {@code aws} on the PATH) and v2 (Debian's, at
 * {@code /usr/bin/aws}): mb, cp up and down (single and multipart), ls, sync, presign and rm --recursive.
 */
@WharfTest
class S3CliIT {

    static final String CLI_V2 = "/usr/bin/aws";

    record Cli(String name, String executable) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Cli> clis() {
        return Stream.of(new Cli("v1", "aws"), new Cli("v2", CLI_V2));
    }

    /** The CLI's version line, to check that the one asked for is the one that runs. */
    static String version(Cli cli) throws Exception {
        CliAndBoto3IT.Result result = CliAndBoto3IT.run(Map.of(), List.of(cli.executable(), "--version"));
        return result.stdout() + result.stderr();
    }

    static CliAndBoto3IT.Result aws(Cli cli, Path config, WharfHandle wharf, String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(cli.executable(), "--endpoint-url", wharf.endpoint().toString()));
        command.addAll(List.of(args));
        return CliAndBoto3IT.run(Map.of("AWS_CONFIG_FILE", config.toString()), command);
    }

    static Path config(Path dir) throws Exception {
        // Path-style addressing (bucket.localhost does not resolve everywhere), and SigV4 presigned URLs: the CLI v1
        // presigns with SigV2 unless told otherwise, which Wharf does not serve (docs/COMPATIBILITY.md).
        Path config = dir.resolve("config");
        Files.writeString(
                config,
                "[default]\nregion = us-east-1\ns3 =\n  addressing_style = path\n"
                        + "  signature_version = s3v4\n  multipart_threshold = 8MB\n  multipart_chunksize = 8MB\n");
        return config;
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    @ParameterizedTest(name = "CLI {0}")
    @MethodSource("clis")
    void theS3CommandsWork(Cli cli, WharfHandle wharf, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(
                !cli.executable().startsWith("/") || Files.isExecutable(Path.of(cli.executable())),
                "the AWS CLI v2 is not installed at " + CLI_V2 + " (.ci/run installs Debian's awscli)");
        assertThat(version(cli)).startsWith("aws-cli/" + (cli.name().equals("v1") ? "1." : "2."));
        Path config = config(dir);
        String bucket = "cli-" + cli.name();
        CliAndBoto3IT.Result made = aws(cli, config, wharf, "s3", "mb", "s3://" + bucket);
        assertThat(made.exitCode()).as(made.stderr()).isZero();
        assertThat(made.stdout()).contains("make_bucket: " + bucket);

        Path local = Files.createDirectories(dir.resolve("up"));
        Files.writeString(local.resolve("small.txt"), "small file\n");
        byte[] big = new byte[20 * 1024 * 1024 + 5];
        new Random(7).nextBytes(big);
        Files.write(local.resolve("big.bin"), big);
        Files.createDirectories(local.resolve("nested/deeper"));
        Files.writeString(local.resolve("nested/deeper/n.txt"), "nested");

        CliAndBoto3IT.Result copied =
                aws(cli, config, wharf, "s3", "cp", local.resolve("big.bin").toString(), "s3://" + bucket + "/big.bin");
        assertThat(copied.exitCode()).as(copied.stderr()).isZero();
        CliAndBoto3IT.Result head =
                aws(cli, config, wharf, "s3api", "head-object", "--bucket", bucket, "--key", "big.bin");
        assertThat(head.exitCode()).as(head.stderr()).isZero();
        assertThat(head.stdout()).as("a multipart ETag").containsPattern("\"ETag\": \"\\\\\"[0-9a-f]{32}-3\\\\\"\"");

        CliAndBoto3IT.Result synced =
                aws(cli, config, wharf, "s3", "sync", local.toString(), "s3://" + bucket + "/tree");
        assertThat(synced.exitCode()).as(synced.stderr()).isZero();
        CliAndBoto3IT.Result again =
                aws(cli, config, wharf, "s3", "sync", local.toString(), "s3://" + bucket + "/tree");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout()).as("a second sync finds nothing to copy").doesNotContain("upload:");

        CliAndBoto3IT.Result listed = aws(cli, config, wharf, "s3", "ls", "--recursive", "s3://" + bucket);
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stdout()).contains("big.bin", "tree/small.txt", "tree/big.bin", "tree/nested/deeper/n.txt");
        CliAndBoto3IT.Result top = aws(cli, config, wharf, "s3", "ls", "s3://" + bucket + "/tree/");
        assertThat(top.stdout()).contains("PRE nested/").contains("small.txt");

        Path down = dir.resolve("down");
        CliAndBoto3IT.Result downloaded = aws(
                cli,
                config,
                wharf,
                "s3",
                "cp",
                "s3://" + bucket + "/big.bin",
                down.resolve("big.bin").toString());
        assertThat(downloaded.exitCode()).as(downloaded.stderr()).isZero();
        assertThat(md5(Files.readAllBytes(down.resolve("big.bin")))).isEqualTo(md5(big));
        CliAndBoto3IT.Result back = aws(
                cli,
                config,
                wharf,
                "s3",
                "sync",
                "s3://" + bucket + "/tree",
                down.resolve("tree").toString());
        assertThat(back.exitCode()).as(back.stderr()).isZero();
        assertThat(Files.readString(down.resolve("tree/nested/deeper/n.txt"))).isEqualTo("nested");

        CliAndBoto3IT.Result presigned =
                aws(cli, config, wharf, "s3", "presign", "s3://" + bucket + "/tree/small.txt", "--expires-in", "300");
        assertThat(presigned.exitCode()).as(presigned.stderr()).isZero();
        assertThat(presigned.stdout()).contains("X-Amz-Signature=");
        HttpResponse<String> fetched = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(presigned.stdout().trim()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo("small file\n");

        CliAndBoto3IT.Result missing = aws(
                cli,
                config,
                wharf,
                "s3api",
                "get-object",
                "--bucket",
                bucket,
                "--key",
                "none",
                dir.resolve("none").toString());
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("NoSuchKey");

        CliAndBoto3IT.Result removed = aws(cli, config, wharf, "s3", "rm", "--recursive", "s3://" + bucket);
        assertThat(removed.exitCode()).as(removed.stderr()).isZero();
        CliAndBoto3IT.Result empty = aws(cli, config, wharf, "s3", "ls", "--recursive", "s3://" + bucket);
        assertThat(empty.stdout()).isBlank();
        CliAndBoto3IT.Result rb = aws(cli, config, wharf, "s3", "rb", "s3://" + bucket);
        assertThat(rb.exitCode()).as(rb.stderr()).isZero();
    }
}
