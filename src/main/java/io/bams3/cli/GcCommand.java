package io.bams3.cli;

import io.bams3.convert.GenerationCollector;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreLocator;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "gc",
        mixinStandardHelpOptions = true,
        description = {
            "Remove what earlier conversions of DATASET left for readers: generations replaced by",
            "`convert --force` (and the objects of a version 1 dataset it replaced) once the current",
            "one has been in place for the grace period. Readers that opened an old generation keep",
            "reading it until then; convert does the same with the default grace at its end."
        })
final class GcCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StoreOptions storage = new StoreOptions();

    @Parameters(index = "0", paramLabel = "DATASET")
    String dataset;

    @Option(
            names = "--grace",
            paramLabel = "DURATION",
            description = "How long a replaced generation stays for readers, as 90s, 15m, 2h (default: 1h). "
                    + "Longer than the server's dataset cache, presigned URL life and longest stream.",
            converter = DurationConverter.class)
    Duration grace = GenerationCollector.DEFAULT_GRACE;

    @Override
    public Integer call() {
        GenerationCollector.Outcome outcome;
        try (StoreLocator stores = storage.locator();
                ObjectStore store = stores.open(dataset)) {
            outcome = GenerationCollector.collect(store, grace, Instant.now());
        }
        for (String removed : outcome.removed()) {
            System.out.println("removed " + removed);
        }
        for (String kept : outcome.kept()) {
            System.out.println("kept " + kept + " (replaced less than " + grace.toSeconds() + " s ago)");
        }
        return 0;
    }
}
