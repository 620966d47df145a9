package io.bams3.cli;

import io.bams3.format.CohortManifest;
import io.bams3.query.FetchPool;
import io.bams3.store.StoreLocator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = {
            "Write a cohort manifest naming member datasets.",
            "Every member is opened first: a member that is not a dataset, or whose reference dictionary",
            "differs from the first member's, fails the command and nothing is written."
        })
final class CohortCreateCommand implements Callable<Integer> {
    @Mixin
    StoreOptions storage = new StoreOptions();

    @Mixin
    MemberOptions members = new MemberOptions();

    @Parameters(index = "0", paramLabel = "COHORT", description = "NAME.cohort: a local path or s3://bucket/key.")
    String cohort;

    @Option(names = "--force", description = "Replace an existing manifest.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        CohortManifest manifest = new CohortManifest(members.parse());
        try (StoreLocator stores = storage.locator()) {
            CohortLocation location = new CohortLocation(stores, cohort);
            if (!force && location.exists()) {
                throw new IllegalArgumentException(cohort + " exists: --force replaces it");
            }
            try (FetchPool pool = new FetchPool(CohortLocation.PARALLELISM)) {
                location.open(manifest, pool);
            }
            location.write(manifest);
        }
        return 0;
    }
}
