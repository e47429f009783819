package dev.wharf.iam.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.Caller;
import dev.wharf.iam.api.GetCallerIdentityRequest;
import dev.wharf.iam.api.GetCallerIdentityResponse;
import org.junit.jupiter.api.Test;

class StsEngineTest {

    private final StsEngine engine = new StsEngine();

    @Test
    void getCallerIdentityNamesTheRootUserOfTheCallersAccount() {
        GetCallerIdentityResponse identity = engine.getCallerIdentity(
                new Caller("123456789012", "AKIDEXAMPLE", "us-east-1"), new GetCallerIdentityRequest());
        assertThat(identity)
                .isEqualTo(new GetCallerIdentityResponse(
                        "123456789012", "123456789012", "arn:aws:iam::123456789012:root"));
    }

    @Test
    void keysOfDifferentAccountsAreDifferentRootUsersAndTheRegionDoesNotMatter() {
        GetCallerIdentityResponse first = engine.getCallerIdentity(
                new Caller("111111111111", "AKIDONE", "eu-west-1"), new GetCallerIdentityRequest());
        GetCallerIdentityResponse second = engine.getCallerIdentity(
                new Caller("222222222222", "AKIDTWO", "ap-south-1"), new GetCallerIdentityRequest());
        assertThat(first.arn()).isEqualTo("arn:aws:iam::111111111111:root");
        assertThat(second.arn()).isEqualTo("arn:aws:iam::222222222222:root");
        assertThat(second.userId()).isEqualTo("222222222222");
    }

    @Test
    void twoKeysOfOneAccountAreTheSameRootUser() {
        GetCallerIdentityResponse first = engine.getCallerIdentity(
                new Caller("000000000000", "test", "us-east-1"), new GetCallerIdentityRequest());
        GetCallerIdentityResponse second = engine.getCallerIdentity(
                new Caller("000000000000", "other", "us-east-1"), new GetCallerIdentityRequest());
        assertThat(first).isEqualTo(second);
    }
}
