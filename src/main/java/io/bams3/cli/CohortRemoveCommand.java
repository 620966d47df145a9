package io.bams3.cli;

import io.bams3.format.CohortManifest;
import io.bams3.store.StoreLocator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "remove",
        mixinStandardHelpOptions = true,
        description = "Remove members from a cohort by sample name (their datasets are left as they are).")
final class CohortRemoveCommand implements Callable<Integer> {
    @Mixin
    StoreOptions storage = new StoreOptions();

    @Parameters(index = "0", paramLabel = "COHORT")
    String cohort;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SAMPLE")
    List<String> samples;

    @Override
    public Integer call() {
        try (StoreLocator stores = storage.locator()) {
            CohortLocation location = new CohortLocation(stores, cohort);
            CohortManifest manifest = location.read();
            for (String s : samples) {
                manifest = manifest.without(s);
            }
            location.write(manifest);
        }
        return 0;
    }
}
