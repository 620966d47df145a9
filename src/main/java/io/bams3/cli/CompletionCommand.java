package io.bams3.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

/**
 * {@code bams3 completion}: picocli's completion script for bash and zsh (zsh through
 * bashcompinit, which the script loads itself), built from every command, not only this one.
 */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Print the bash/zsh completion script for bams3 (commands, subcommands, options).",
            "Install: add  source <(bams3 completion)  to ~/.bashrc or ~/.zshrc."
        })
final class CompletionCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(AutoComplete.bash("bams3", Main.commandLine()));
        System.out.flush();
        return 0;
    }
}
