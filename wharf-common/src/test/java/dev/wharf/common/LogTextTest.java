package dev.wharf.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Client text in log lines: bounded, and unable to start a line of its own. */
class LogTextTest {

    @Test
    void controlCharactersAndSeparatorsAreEscaped() {
        assertThat(LogText.of("a\nb\rc\td\\e\u0000f\u2028g\u001b[31m"))
                .isEqualTo("a\\nb\\rc\\td\\\\e\\u0000f\\u2028g\\u001b[31m");
    }

    @Test
    void longTextIsCutAndSaysHowMuchWasLeftOut() {
        assertThat(LogText.bounded("x".repeat(1_000_000), 10)).isEqualTo("xxxxxxxxxx…(999990 more chars)");
        assertThat(LogText.bounded("short", 10)).isEqualTo("short");
        assertThat(LogText.bounded("\u0000".repeat(100), 13)).isEqualTo("\\u0000\\u0000…(98 more chars)");
    }

    @Test
    void forgedLogLineStaysOnItsLine() {
        String forged = "QueueNamePrefix=x\n12:00:00.000 INFO  WharfServer - stopped; store flushed and closed";
        assertThat(LogText.of(forged)).doesNotContain("\n").contains("\\n12:00:00.000");
    }

    @Test
    void failureKeepsFramesOnTheirOwnLinesButNotTheMessage() {
        IllegalArgumentException error =
                new IllegalArgumentException("bad\nINFO forged", new IllegalStateException("x".repeat(1000)));
        String rendered = LogText.failure(error, 3);
        String[] lines = rendered.split("\n");
        assertThat(lines[0])
                .startsWith(
                        "java.lang.IllegalArgumentException: bad\\nINFO forged <- caused by java.lang.IllegalStateException: xxx")
                .contains("more chars)");
        for (int i = 1; i < lines.length; i++) {
            assertThat(lines[i])
                    .matches("(\\tat .*|\\t… \\d+ more frames|  caused by java\\.lang\\.IllegalStateException)");
        }
        assertThat(rendered.length()).isLessThan(3_000);
    }
}
