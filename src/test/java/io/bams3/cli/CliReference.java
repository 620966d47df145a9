package io.bams3.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * docs/cli.md: every command's usage exactly as {@code --help} prints it (no colours, 80 columns),
 * depth first in usage order, after the exit codes; rendered from the picocli model only, so the
 * page cannot say anything the command line does not.
 */
final class CliReference {
    static final int WIDTH = 80;

    private CliReference() {}

    static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# bams3 command line\n\n")
                .append("<!-- Generated from the picocli model by CliReferenceTest; do not edit. Regenerate with\n")
                .append("     mvn -B -ntp -q test -Dtest=CliReferenceTest -D")
                .append(CliReferenceTest.REGENERATE)
                .append("=true -->\n\n")
                .append("Every command answers `--help` (`bams3 COMMAND --help`, `bams3 cohort COMMAND --help`)")
                .append(" with the text below.\n")
                .append("Shell completion: `source <(bams3 completion)` in `~/.bashrc` or `~/.zshrc`.\n\n")
                .append("## Exit codes\n\n")
                .append("| code | meaning |\n")
                .append("|------|---------|\n");
        for (Map.Entry<String, String> e : Main.EXIT_CODES.entrySet()) {
            md.append("| ")
                    .append(e.getKey())
                    .append(" | ")
                    .append(e.getValue())
                    .append(" |\n");
        }
        md.append("\n## Commands\n");
        for (List<String> path : CommandTree.paths()) {
            String name = String.join(" ", "bams3", String.join(" ", path)).trim();
            CommandLine c = CommandTree.find(path);
            c.setUsageHelpWidth(WIDTH);
            md.append("\n### ").append(name).append("\n\n```text\n");
            md.append(c.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing());
            md.append("\n```\n");
        }
        return md.toString();
    }
}
