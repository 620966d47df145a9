package io.bams3.cli;

import io.bams3.store.StoreLocator;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bams3 idxstats}: samtools idxstats' output, byte for byte, from the dataset metadata. */
@Command(
        name = "idxstats",
        mixinStandardHelpOptions = true,
        description = {
            "Per-reference counts as samtools idxstats prints them (name, length, mapped, unmapped; then *),"
                    + " from the dataset metadata alone (no chunk is read).",
            "The same as bams3 stats DATASET; for a cohort use bams3 stats --by-reference."
        })
final class IdxstatsCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StoreOptions storage = new StoreOptions();

    @Parameters(index = "0", paramLabel = "DATASET")
    String dataset;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DatasetOnly.require(spec, dataset, "stats --by-reference");
        StringBuilder out = new StringBuilder();
        try (StoreLocator stores = storage.locator()) {
            DatasetStats.open(stores, dataset).appendIdxstats("", out);
        }
        System.out.print(out);
        System.out.flush();
        return 0;
    }
}
