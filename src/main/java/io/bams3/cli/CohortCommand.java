package io.bams3.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bams3 cohort}: create, list and change cohort manifests (docs/FORMAT.md §15). */
@Command(
        name = "cohort",
        mixinStandardHelpOptions = true,
        description = {
            "Cohorts: a manifest NAME.cohort (local path or s3:// URI) naming member datasets, one sample each.",
            "view and stats take a cohort wherever they take a dataset."
        },
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            CohortCreateCommand.class,
            CohortLsCommand.class,
            CohortAddCommand.class,
            CohortRemoveCommand.class,
            CommandLine.HelpCommand.class
        })
final class CohortCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing cohort command");
    }
}
