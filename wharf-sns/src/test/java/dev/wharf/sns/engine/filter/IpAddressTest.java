package dev.wharf.sns.engine.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class IpAddressTest {

    private static IpAddress address(String text) {
        return Objects.requireNonNull(IpAddress.parse(text), text);
    }

    @Test
    void readsDottedIpv4Addresses() {
        assertThat(address("10.0.0.1")).isEqualTo(new IpAddress(false, 0, 0x0a00_0001L));
        assertThat(address("255.255.255.255")).isEqualTo(new IpAddress(false, 0, 0xffff_ffffL));
        assertThat(address("0.0.0.0")).isEqualTo(new IpAddress(false, 0, 0));
    }

    @Test
    void refusesIpv4TextThatJavaRefuses() {
        for (String text :
                List.of("10.0.0.256", "010.0.0.1", "1.2.3.4444", "1.2.3", "1.2.3.4.5", "1..2.3", "a.b.c.d")) {
            assertThat(IpAddress.parse(text)).as(text).isNull();
        }
    }

    @Test
    void readsIpv6AddressesInEveryCompression() {
        assertThat(address("::1")).isEqualTo(new IpAddress(true, 0, 1));
        assertThat(address("0:0:0:0:0:0:0:1")).isEqualTo(address("::1"));
        assertThat(address("2001:db8::")).isEqualTo(new IpAddress(true, 0x2001_0db8_0000_0000L, 0));
        assertThat(address("2001:DB8:0:0:1::1"))
                .isEqualTo(new IpAddress(true, 0x2001_0db8_0000_0000L, 0x0001_0000_0000_0001L));
        assertThat(address("::")).isEqualTo(new IpAddress(true, 0, 0));
    }

    @Test
    void readsIpv4MappedIpv6AddressesAsIpv4() {
        assertThat(address("::ffff:a00:1")).isEqualTo(address("10.0.0.1"));
        assertThat(address("::fffe:a00:1").v6()).isTrue();
    }

    @Test
    void refusesMalformedIpv6Text() {
        for (String text : List.of(
                ":",
                ":::",
                "1::2::3",
                ":1",
                "1:",
                "1:2:3:4:5:6:7",
                "1:2:3:4:5:6:7:8:9",
                "12345::",
                "1::2:3:4:5:6:7:8",
                "g::1",
                "::1%eth0",
                "::ffff:1.2.3.4")) {
            assertThat(IpAddress.parse(text)).as(text).isNull();
        }
        assertThat(IpAddress.parse(":" + "0".repeat(100))).isNull();
    }

    @Test
    void tellsTextThatLooksLikeAnAddressFromTextThatDoesNot() {
        assertThat(IpAddress.looksLikeAddress("999.1.1.1")).isTrue();
        assertThat(IpAddress.looksLikeAddress("12:30")).isTrue();
        assertThat(IpAddress.looksLikeAddress("dead:beef")).isTrue();
        assertThat(IpAddress.looksLikeAddress("bad-filter")).isFalse();
        assertThat(IpAddress.looksLikeAddress("xx.11.xx")).isFalse();
        assertThat(IpAddress.looksLikeAddress("1.2.3")).isFalse();
        assertThat(IpAddress.looksLikeAddress("abc")).isFalse();
        assertThat(IpAddress.looksLikeAddress("")).isFalse();
        assertThat(IpAddress.looksLikeAddress("١.٢.٣.٤")).isFalse();
    }

    @Test
    void aCidrCoversItsNetworkFromItsFirstToItsLastAddress() {
        IpRange range = IpRange.parseCidr("10.0.0.77/24");
        assertThat(range.bottom()).isEqualTo(address("10.0.0.0"));
        assertThat(range.top()).isEqualTo(address("10.0.0.255"));
        IpRange v6 = IpRange.parseCidr("2001:db8:1234:1a00::/63");
        assertThat(v6.bottom()).isEqualTo(address("2001:db8:1234:1a00::"));
        assertThat(v6.top()).isEqualTo(address("2001:db8:1234:1a01:ffff:ffff:ffff:ffff"));
        assertThat(IpRange.parseCidr("::/0").top()).isEqualTo(address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        assertThat(IpRange.parseCidr("1::/127").top()).isEqualTo(address("1::1"));
        assertThat(IpRange.parseCidr("10.0.0.0/31").top()).isEqualTo(address("10.0.0.1"));
    }

    @Test
    void aCidrMatchesOnlyAddressesOfItsFamily() {
        IpRange range = IpRange.parseCidr("0.0.0.0/0");
        assertThat(range.contains(address("1.2.3.4"))).isTrue();
        assertThat(range.contains(address("::1"))).isFalse();
    }

    @Test
    void aCidrMaskIsReadAsJavaReadsIntegers() {
        assertThat(IpRange.parseCidr("10.0.0.0/+8").top()).isEqualTo(address("10.255.255.255"));
        assertThat(IpRange.parseCidr("10.0.0.0/008").top()).isEqualTo(address("10.255.255.255"));
        assertThatThrownBy(() -> IpRange.parseCidr("10.0.0.0/ 8"))
                .isInstanceOf(InvalidFilterPolicy.class)
                .hasMessage("FilterPolicy: Malformed CIDR, mask bits must be an integer");
        assertThatThrownBy(() -> IpRange.parseCidr("10.0.0.0/99999999999"))
                .hasMessage("FilterPolicy: Malformed CIDR, mask bits must be an integer");
        assertThatThrownBy(() -> IpRange.parseCidr("/8")).hasMessage("FilterPolicy: Nonstandard IP address: ");
        assertThatThrownBy(() -> IpRange.parseCidr("/")).hasMessage("FilterPolicy: Malformed CIDR, one '/' required");
        assertThatThrownBy(() -> IpRange.parseCidr("")).hasMessage("FilterPolicy: Malformed CIDR, one '/' required");
    }
}
