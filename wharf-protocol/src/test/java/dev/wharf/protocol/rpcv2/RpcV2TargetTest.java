package dev.wharf.protocol.rpcv2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The requests that Smithy RPC v2 CBOR recognises as its own, by their path and header both. */
class RpcV2TargetTest {

    private static final String HEADER = "rpc-v2-cbor";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/service/Service/operation/Operation",
                "/v1/service/Service/operation/Operation",
                "/prefix/service/Service/operation/Operation/service/Service/operation/Operation",
                "/service/com.example.Service/operation/Operation",
                "/service/_0Service/operation/Operation"
            })
    void pathsOfTheProtocolNameTheServiceWithoutItsNamespaceAndTheOperation(String path) {
        RpcV2Target target = java.util.Objects.requireNonNull(RpcV2Target.of(path, HEADER), path);
        assertThat(target.operation()).isEqualTo("Operation");
        assertThat(target.service()).endsWith("Service");
        assertThat(target.service()).doesNotContain(".");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "/",
                "/service/Service",
                "/service/Service/operation/",
                "/service/Service/operation/Operation/",
                "/servicee/Service/operation/Operation",
                "/service/Service/operation/Operation/suffix",
                "/service/namespace.foo#Service/operation/Operation",
                "/service/namespace-Service/operation/Operation",
                "/service/.Service/operation/Operation",
                "/service/Service/operation/ns.Operation",
                "/service/Service/operation/0peration",
                "/service/Service/operation/__",
                "/service/Service/operation/Op%65ration"
            })
    void otherPathsAreNotTheProtocols(String path) {
        assertThat(RpcV2Target.of(path, HEADER)).as(path).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "rpc-v2-json", "rpc-v2-cbor-foo", "foo-rpc-v2-cbor", "RPC-V2-CBOR"})
    void withoutTheProtocolsHeaderValueNoPathIsTheProtocols(String header) {
        assertThat(RpcV2Target.of("/service/Service/operation/Operation", header))
                .isNull();
        assertThat(RpcV2Target.of("/service/Service/operation/Operation", null)).isNull();
    }
}
