package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.testing.Cli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit codes of docs/cli.md for every command of the picocli model: 2 for a usage error (an
 * unknown option), 1 for a runtime error (a dataset or cohort that is not there), each with one
 * line on stderr and no stack trace. A new command fails here until it is given its cases.
 */
class ExitCodesTest {
    /** Commands that read no dataset, so nothing is missing for them at run time. */
    private static final Set<String> NO_RUNTIME_ERROR = Set.of("", "cohort", "completion", "help", "cohort help");

    @TempDir
    Path dir;

    @Test
    void theCodesAreTheDocumentedOnes() {
        assertThat(Main.EXIT_CODES).containsOnlyKeys("0", "1", "2");
        assertThat(Main.EXIT_OK).isZero();
        assertThat(Main.EXIT_RUNTIME_ERROR).isEqualTo(1);
        assertThat(Main.EXIT_USAGE).isEqualTo(2);
        assertThat(Cli.run("--help").out()).contains("Exit codes:", "  0   success", "  2   usage error");
    }

    @Test
    void anUnknownOptionIsAUsageErrorForEveryCommand() {
        for (List<String> path : CommandTree.paths()) {
            String name = String.join(" ", path);
            List<String> args = new ArrayList<>(path);
            args.addAll(usageError(name));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exit())
                    .as("bams3 %s: %s", String.join(" ", args), r.stderr())
                    .isEqualTo(2);
            // picocli names the first problem it finds (a missing parameter may come before the unknown option)
            assertThat(r.stderr())
                    .as(name)
                    .contains("Usage: bams3") // a help command shows the usage of the command it belongs to
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aMissingDatasetIsARuntimeErrorForEveryCommandThatReadsOne() {
        Map<String, List<String>> cases = runtimeErrors();
        for (List<String> path : CommandTree.paths()) {
            String name = String.join(" ", path);
            if (NO_RUNTIME_ERROR.contains(name)) {
                continue;
            }
            assertThat(cases)
                    .as("give bams3 %s a runtime-error case here", name)
                    .containsKey(name);
            List<String> args = new ArrayList<>(path);
            args.addAll(cases.get(name));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exit())
                    .as("bams3 %s: %s", String.join(" ", args), r.stderr())
                    .isEqualTo(1);
            if (name.equals("serve")) {
                continue; // Spring Boot reports the setting at fault through its own logging
            }
            assertThat(r.stderr())
                    .as(name)
                    .startsWith("bams3 " + name + ": ")
                    .doesNotContain("Usage:")
                    .doesNotContain("\tat ");
        }
    }

    /**
     * An unknown option, except where picocli reads one otherwise: serve passes unknown --options
     * on to Spring Boot (a malformed --port is its usage error), and picocli's help command prints
     * the usage for an unknown option (an unknown command is its usage error).
     */
    private static List<String> usageError(String name) {
        if (name.equals("serve")) {
            return List.of("--port", "not-a-port");
        }
        if (name.equals("help") || name.endsWith(" help")) {
            return List.of("no-such-command");
        }
        return List.of("--no-such-option");
    }

    private Map<String, List<String>> runtimeErrors() {
        String missing = dir.resolve("missing.bams3").toString();
        String cohort = dir.resolve("missing.cohort").toString();
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(
                "convert",
                List.of(
                        dir.resolve("missing.bam").toString(),
                        dir.resolve("out.bams3").toString()));
        m.put("view", List.of(missing));
        m.put("stats", List.of(missing));
        m.put("idxstats", List.of(missing));
        m.put("flagstat", List.of(missing));
        m.put("validate", List.of(missing));
        m.put("export", List.of(missing, dir.resolve("out.bam").toString()));
        m.put("ls", List.of(dir.resolve("nothing-here").toString()));
        m.put("gc", List.of(missing));
        m.put("serve", List.of("--mode", "bogus", "--port", "0", "--no-demo", "--root", dir.toString()));
        m.put("cohort create", List.of(dir.resolve("new.cohort").toString(), "--member", "s=" + missing));
        m.put("cohort ls", List.of(cohort));
        m.put("cohort add", List.of(cohort, "--member", "s=" + missing));
        m.put("cohort remove", List.of(cohort, "s"));
        return m;
    }
}
