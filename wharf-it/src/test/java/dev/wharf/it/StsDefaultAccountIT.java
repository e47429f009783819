package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * STS GetCallerIdentity with no credentials configured: any key is the root user of account 000000000000, or of the
 * account it names when it is twelve digits. boto3 runs these cases in {@link CliAndBoto3IT}'s suite.
 */
@WharfTest
class StsDefaultAccountIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anyKeyIsTheRootUserOfTheDefaultAccount(WharfHandle wharf) {
        try (StsClient sts = wharf.sts()) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.account()).isEqualTo("000000000000");
            assertThat(identity.arn()).isEqualTo("arn:aws:iam::000000000000:root");
            assertThat(identity.userId()).isEqualTo("000000000000");
        }
    }

    @Test
    void aTwelveDigitKeyIsTheRootUserOfThatAccount(WharfHandle wharf) {
        try (StsClient sts = wharf.sts("123456789012", "anything")) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.account()).isEqualTo("123456789012");
            assertThat(identity.arn()).isEqualTo("arn:aws:iam::123456789012:root");
        }
    }

    @Test
    void awsCliGetsTheDefaultAccount(WharfHandle wharf) throws Exception {
        CliAndBoto3IT.Result result = StsIT.cli(wharf, "test", "test");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(JSON.readTree(result.stdout()))
                .isEqualTo(JSON.readTree("{\"UserId\":\"000000000000\",\"Account\":\"000000000000\","
                        + "\"Arn\":\"arn:aws:iam::000000000000:root\"}"));
        CliAndBoto3IT.Result named = StsIT.cli(wharf, "210987654321", "x");
        assertThat(JSON.readTree(named.stdout()).path("Arn").asText()).isEqualTo("arn:aws:iam::210987654321:root");
    }

    @Test
    void healthListsSts(WharfHandle wharf) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(wharf.endpoint() + "/_wharf/health"))
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(response.body()).path("services").path("sts").asText())
                .isEqualTo("running");
    }
}
