package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed docs/cli.md is what {@link CliReference} renders from the picocli model, so the
 * command reference cannot drift from the command line (as ServeTest does for the OpenAPI contract).
 */
class CliReferenceTest {
    static final Path COMMITTED = Path.of("docs/cli.md");
    static final String REGENERATE = "bams3.regenerate-docs";

    @Test
    void theCommittedReferenceIsTheRenderedModel() throws IOException {
        String rendered = CliReference.markdown();
        if (Boolean.getBoolean(REGENERATE)) {
            Files.writeString(COMMITTED, rendered);
        }
        assertThat(COMMITTED)
                .as("generate it: mvn -B -ntp -q test -Dtest=CliReferenceTest -D%s=true", REGENERATE)
                .exists();
        assertThat(Files.readString(COMMITTED))
                .as(
                        "%s differs from the command line; review and regenerate it with"
                                + " mvn -B -ntp -q test -Dtest=CliReferenceTest -D%s=true",
                        COMMITTED, REGENERATE)
                .isEqualTo(rendered);
    }

    @Test
    void theReferenceHasEveryCommandAndTheExitCodes() {
        String md = CliReference.markdown();
        assertThat(md).contains("## Exit codes", "| 2 | usage error");
        for (var path : CommandTree.paths()) {
            String name = String.join(" ", "bams3", String.join(" ", path)).trim();
            assertThat(md).contains("### " + name + "\n", "Usage: " + name);
        }
    }
}
