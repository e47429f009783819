package dev.wharf.protocol.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaticCredentialStoreTest {

    @Test
    void parseReadsEntriesWithAndWithoutAccount() {
        StaticCredentialStore store = StaticCredentialStore.parse("AKIDONE:secret1:123456789012, AKIDTWO:secret/2+x ");

        assertThat(store.size()).isEqualTo(2);
        assertThat(store.acceptsAnySignature()).isFalse();
        assertThat(store.find("AKIDONE")).isEqualTo(new Credential("AKIDONE", "secret1", "123456789012"));
        assertThat(store.find("AKIDTWO")).isEqualTo(new Credential("AKIDTWO", "secret/2+x", "000000000000"));
        assertThat(store.find("AKIDTHREE")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ",", " , "})
    void parseOfNothingAcceptsAnySignature(String text) {
        StaticCredentialStore store = StaticCredentialStore.parse(text);

        assertThat(store.size()).isZero();
        assertThat(store.acceptsAnySignature()).isTrue();
    }

    @Test
    void parseRejectsEntryWithoutSecretNamingIt() {
        assertThatThrownBy(() -> StaticCredentialStore.parse("AKIDONE:secret1,AKIDTWO"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'AKIDTWO'");
    }

    @Test
    void parseRejectsAccountThatIsNotTwelveDigitsWithoutPrintingTheSecret() {
        assertThatThrownBy(() -> StaticCredentialStore.parse("AKIDONE:topsecret:12345"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'AKIDONE:****:12345'")
                .hasMessageContaining("12 digits")
                .hasMessageNotContaining("topsecret");
    }

    @ParameterizedTest
    @ValueSource(strings = {":secret", "AKID:", "AKID:secret:123456789012:extra", "AK ID:secret"})
    void parseRejectsMalformedEntries(String entry) {
        assertThatThrownBy(() -> StaticCredentialStore.parse(entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed credential entry '");
    }

    @Test
    void rejectsOneAccessKeyConfiguredTwice() {
        assertThatThrownBy(() -> StaticCredentialStore.parse("AKID:one,AKID:two"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("access key id is configured twice: 'AKID'");
    }

    @Test
    void emptyListAcceptsAnySignature() {
        assertThat(new StaticCredentialStore(List.of()).acceptsAnySignature()).isTrue();
    }

    @Test
    void credentialNeverPrintsItsSecret() {
        assertThat(new Credential("AKID", "topsecret", "123456789012").toString())
                .contains("AKID")
                .contains("123456789012")
                .doesNotContain("topsecret");
    }
}
