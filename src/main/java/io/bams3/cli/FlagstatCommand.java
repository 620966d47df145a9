package io.bams3.cli;

import io.bams3.store.StoreLocator;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bams3 flagstat}: samtools flagstat's output, byte for byte, from the dataset metadata. */
@Command(
        name = "flagstat",
        mixinStandardHelpOptions = true,
        description = {
            "Flag counts as samtools flagstat prints them (QC-passed + QC-failed), counted at conversion"
                    + " and kept in the dataset metadata (no chunk is read).",
            "The same counts are under \"flagstat\" in bams3 stats --json, which also takes a cohort."
        })
final class FlagstatCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StoreOptions storage = new StoreOptions();

    @Parameters(index = "0", paramLabel = "DATASET")
    String dataset;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DatasetOnly.require(spec, dataset, "stats --json");
        String out;
        try (StoreLocator stores = storage.locator()) {
            out = FlagstatText.of(DatasetStats.open(stores, dataset).flagstat());
        }
        System.out.print(out);
        System.out.flush();
        return 0;
    }
}
