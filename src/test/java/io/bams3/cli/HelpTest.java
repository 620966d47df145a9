package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.testing.Cli;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --help} works on every subcommand, as users of samtools and aws-cli expect: exit 0 and the
 * command's usage on standard output, never "Missing required parameter". {@code view -h} keeps
 * samtools' meaning (include the header).
 */
class HelpTest {

    @Test
    void everySubcommandAnswersHelp() {
        List<List<String>> paths = CommandTree.paths();
        assertThat(paths)
                .contains(
                        List.of("convert"),
                        List.of("view"),
                        List.of("stats"),
                        List.of("idxstats"),
                        List.of("flagstat"),
                        List.of("validate"),
                        List.of("export"),
                        List.of("ls"),
                        List.of("gc"),
                        List.of("serve"),
                        List.of("completion"),
                        List.of("cohort", "create"),
                        List.of("cohort", "ls"),
                        List.of("cohort", "add"),
                        List.of("cohort", "remove"));
        for (List<String> path : paths) {
            String name = String.join(" ", path);
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exit())
                    .as("exit of bams3 %s --help: %s", name, r.stderr())
                    .isZero();
            assertThat(r.out())
                    .as("usage of %s", name)
                    .contains("Usage: " + String.join(" ", "bams3", name).trim())
                    .contains("--help");
            assertThat(r.stderr()).as(name).isEmpty();
        }
    }

    @Test
    void viewDashHStillMeansIncludeTheHeader() {
        Cli.Result r = Cli.run("view", "-h", "/nonexistent.bams3", "1");
        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr()).doesNotContain("Usage:");
    }

    @Test
    void theUsageListsEveryCommandThoughACommandLineBuildsOnlyTheOneItNames() {
        Cli.Result usage = Cli.run("--help");
        assertThat(usage.exit()).isZero();
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            assertThat(usage.out()).as(name).containsPattern("(?m)^\\s+" + name + "\\s");
        }
        assertThat(Main.commandLine("view", "x.bams3").getSubcommands()).containsOnlyKeys("view");
        assertThat(Main.commandLine("help", "view").getSubcommands()).hasSizeGreaterThan(2);

        Cli.Result help = Cli.run("help", "stats");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: bams3 stats");

        Cli.Result unknown = Cli.run("frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("frobnicate");
    }
}
