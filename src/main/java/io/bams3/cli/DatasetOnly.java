package io.bams3.cli;

import io.bams3.cohort.CohortObject;
import picocli.CommandLine;

/** The check of the samtools-named commands that take one dataset, not a cohort: a usage error (exit 2). */
final class DatasetOnly {
    private DatasetOnly() {}

    static void require(CommandLine.Model.CommandSpec spec, String location, String cohortAlternative) {
        if (CohortObject.isCohort(location)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "bams3 " + spec.name() + " takes a dataset, not a cohort; for a cohort use bams3 "
                            + cohortAlternative);
        }
    }
}
