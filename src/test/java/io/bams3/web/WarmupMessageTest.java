package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The warm-up's failure text is one line with no raw control character, however a key read from storage looks. */
class WarmupMessageTest {
    @Test
    void controlCharactersAreEscapedAndLineBreaksJoined() {
        assertThat(ServerWarmup.oneLine(new IOException("s3://b/a\u001b[31m.bams3/_metadata.json\nnot found\u0007")))
                .isEqualTo("IOException s3://b/a\\x1b[31m.bams3/_metadata.json not found\\x07");
    }

    @Test
    void longMessagesAreCutShort() {
        assertThat(ServerWarmup.oneLine(new IOException("x".repeat(1000))))
                .hasSize(200 + "...".length())
                .endsWith("...");
    }
}
