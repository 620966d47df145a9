package io.bams3.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Every command of the picocli model, depth first, as the words that name it ({@code [cohort, create]}). */
final class CommandTree {
    private CommandTree() {}

    /** The top-level command (the empty path) and every subcommand below it, in usage order. */
    static List<List<String>> paths() {
        List<List<String>> out = new ArrayList<>();
        walk(Main.commandLine(), List.of(), out);
        return out;
    }

    /** The command line of {@code path} in a model holding every command. */
    static CommandLine find(List<String> path) {
        CommandLine c = Main.commandLine();
        for (String name : path) {
            c = c.getSubcommands().get(name);
        }
        return c;
    }

    private static void walk(CommandLine c, List<String> path, List<List<String>> out) {
        out.add(path);
        c.getSubcommands().forEach((name, sub) -> {
            List<String> p = new ArrayList<>(path);
            p.add(name);
            walk(sub, List.copyOf(p), out);
        });
    }
}
