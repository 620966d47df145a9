package io.bams3.cli;

import io.bams3.query.Dataset;
import io.bams3.query.Exporter;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreLocator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Write the whole dataset back as one BAM file.")
final class ExportCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StoreOptions storage = new StoreOptions();

    @Parameters(index = "0", paramLabel = "DATASET")
    String dataset;

    @Parameters(index = "1", paramLabel = "OUT.bam")
    Path output;

    @Override
    public Integer call() throws Exception {
        long records;
        try (StoreLocator stores = storage.locator();
                ObjectStore store = stores.open(dataset);
                OutputTarget target = new OutputTarget(output)) {
            records = new Exporter(Dataset.open(store)).export(target.stream());
            target.commit();
        }
        System.err.printf("exported %,d records to %s%n", records, output);
        return 0;
    }
}
