package io.bams3.cli;

import io.bams3.format.CohortManifest;
import io.bams3.query.FetchPool;
import io.bams3.store.StoreLocator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = {
            "Append members to a cohort.",
            "All members, old and new, are opened first: the new ones must be datasets sharing the",
            "cohort's reference dictionary, else nothing is written."
        })
final class CohortAddCommand implements Callable<Integer> {
    @Mixin
    StoreOptions storage = new StoreOptions();

    @Mixin
    MemberOptions members = new MemberOptions();

    @Parameters(index = "0", paramLabel = "COHORT")
    String cohort;

    @Override
    public Integer call() throws Exception {
        try (StoreLocator stores = storage.locator()) {
            CohortLocation location = new CohortLocation(stores, cohort);
            CohortManifest manifest = location.read();
            for (CohortManifest.Member m : members.parse()) {
                manifest = manifest.with(m);
            }
            try (FetchPool pool = new FetchPool(CohortLocation.PARALLELISM)) {
                location.open(manifest, pool);
            }
            location.write(manifest);
        }
        return 0;
    }
}
