package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bams3 completion} prints picocli's bash/zsh script for every command (not only the one
 * the command line built), and bash accepts it and completes subcommands and options with it.
 */
class CompletionTest {
    @TempDir
    Path dir;

    @Test
    void theScriptCompletesEveryCommandAndBashRunsIt() throws Exception {
        Cli.Result r = Cli.run("completion");
        assertThat(r.exit()).as(r.stderr()).isZero();
        String script = r.out();
        assertThat(script).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_bams3");
        for (List<String> path : CommandTree.paths()) {
            if (!path.isEmpty()) {
                assertThat(script).as(String.join(" ", path)).contains(path.get(path.size() - 1));
            }
        }
        Path file = dir.resolve("bams3-completion.bash");
        Files.writeString(file, script);
        // complete "bams3 cohort cr" and "bams3 flagstat --h" as bash would on TAB
        String probe = "source " + file + "\n"
                + "COMP_WORDS=(bams3 cohort cr); COMP_CWORD=2; _complete_bams3; echo \"${COMPREPLY[*]}\"\n"
                + "COMP_WORDS=(bams3 flagstat --he); COMP_CWORD=2; _complete_bams3; echo \"${COMPREPLY[*]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", probe)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.lines().toList()).as(out).containsExactly("create", "--help");
    }
}
