package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.testing.Cli;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --help} works on every subcommand, as users of samtools and aws-cli expect: exit 0 and the
 * command's usage on standard output, never "Missing required parameter". {@code view -h} keeps
 * samtools' meaning (include the header).
 */
class HelpTest {

    @Test
    void everySubcommandAnswersHelp() {
        List<String> names =
                List.copyOf(new CommandLine(new Main()).getSubcommands().keySet());
        assertThat(names).contains("convert", "view", "stats", "validate", "export", "ls", "serve");
        for (String name : names) {
            Cli.Result r = Cli.run(name, "--help");
            assertThat(r.exit())
                    .as("exit of bams3 %s --help: %s", name, r.stderr())
                    .isZero();
            assertThat(r.out())
                    .as("usage of %s", name)
                    .contains("Usage: bams3 " + name)
                    .contains("--help");
            assertThat(r.stderr()).as(name).doesNotContain("Missing required");
        }
    }

    @Test
    void viewDashHStillMeansIncludeTheHeader() {
        Cli.Result r = Cli.run("view", "-h", "/nonexistent.bams3", "1");
        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr()).doesNotContain("Usage:");
    }
}
