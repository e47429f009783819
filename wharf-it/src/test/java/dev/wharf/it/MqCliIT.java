package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Amazon MQ through both AWS CLIs (v1 from pip, v2 from Debian): engine types, create-broker with its users,
 * describe-broker until RUNNING with its endpoints, list-brokers, an error, and delete-broker.
 */
@WharfTest
class MqCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    static java.util.stream.Stream<S3CliIT.Cli> clis() {
        return S3CliIT.clis();
    }

    @ParameterizedTest(name = "CLI {0}")
    @MethodSource("clis")
    void theMqCommandsWork(S3CliIT.Cli cli, WharfHandle wharf, @TempDir Path dir) throws Exception {
        assertThat(S3CliIT.version(cli)).contains(cli.name().equals("v1") ? "aws-cli/1." : "aws-cli/2.");
        Path config = S3CliIT.config(dir);
        CliAndBoto3IT.Result types =
                S3CliIT.aws(cli, config, wharf, "mq", "describe-broker-engine-types", "--engine-type", "ACTIVEMQ");
        assertThat(types.exitCode()).as(types.stderr()).isZero();
        assertThat(JSON.readTree(types.stdout())
                        .at("/BrokerEngineTypes/0/EngineVersions/0/Name")
                        .asText())
                .isEqualTo("5.18");

        String name = "cli-" + cli.name();
        CliAndBoto3IT.Result created = S3CliIT.aws(
                cli,
                config,
                wharf,
                "mq",
                "create-broker",
                "--broker-name",
                name,
                "--engine-type",
                "ACTIVEMQ",
                "--engine-version",
                "5.18",
                "--host-instance-type",
                "mq.t3.micro",
                "--deployment-mode",
                "SINGLE_INSTANCE",
                "--no-publicly-accessible",
                "--auto-minor-version-upgrade",
                "--users",
                "Username=app,Password=cli-password-1,ConsoleAccess=true");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        String brokerId = JSON.readTree(created.stdout()).get("BrokerId").asText();
        assertThat(JSON.readTree(created.stdout()).get("BrokerArn").asText())
                .isEqualTo("arn:aws:mq:us-east-1:000000000000:broker:" + name + ":" + brokerId);

        Instant deadline = Instant.now().plusSeconds(60);
        JsonNode described;
        do {
            CliAndBoto3IT.Result result =
                    S3CliIT.aws(cli, config, wharf, "mq", "describe-broker", "--broker-id", brokerId);
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            described = JSON.readTree(result.stdout());
        } while (!described.get("BrokerState").asText().equals("RUNNING")
                && Instant.now().isBefore(deadline));
        assertThat(described.get("BrokerState").asText()).isEqualTo("RUNNING");
        assertThat(described.at("/BrokerInstances/0/Endpoints").size()).isEqualTo(5);
        assertThat(described.at("/BrokerInstances/0/Endpoints/0").asText()).startsWith("tcp://");
        assertThat(described.at("/Users/0/Username").asText()).isEqualTo("app");

        CliAndBoto3IT.Result listed = S3CliIT.aws(cli, config, wharf, "mq", "list-brokers");
        assertThat(listed.stdout()).contains("\"BrokerName\": \"" + name + "\"");

        CliAndBoto3IT.Result missing = S3CliIT.aws(cli, config, wharf, "mq", "describe-broker", "--broker-id", "nope");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr())
                .contains("NotFoundException")
                .contains("Can't find requested broker [nope]. Make sure your broker exists.");

        CliAndBoto3IT.Result deleted = S3CliIT.aws(cli, config, wharf, "mq", "delete-broker", "--broker-id", brokerId);
        assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
        assertThat(JSON.readTree(deleted.stdout()).get("BrokerId").asText()).isEqualTo(brokerId);
        deadline = Instant.now().plusSeconds(30);
        CliAndBoto3IT.Result gone;
        do {
            gone = S3CliIT.aws(cli, config, wharf, "mq", "describe-broker", "--broker-id", brokerId);
        } while (gone.exitCode() == 0 && Instant.now().isBefore(deadline));
        assertThat(gone.stderr()).contains("NotFoundException");
    }
}
