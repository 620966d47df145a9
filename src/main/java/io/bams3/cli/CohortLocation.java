package io.bams3.cli;

import io.bams3.cohort.Cohort;
import io.bams3.cohort.CohortObject;
import io.bams3.format.CohortManifest;
import io.bams3.query.Dataset;
import io.bams3.query.FetchPool;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreLocator;

/**
 * A cohort manifest named on the command line ({@code trio.cohort}, {@code s3://b/c/trio.cohort}):
 * reading and writing it in the store that holds it, and opening its members, whose relative
 * dataset references resolve below the manifest's directory or prefix (docs/FORMAT.md §15).
 */
final class CohortLocation {
    /** Members opened at once (and fetches in flight for a cohort query). */
    static final int PARALLELISM = 16;

    private final StoreLocator stores;
    private final String location;
    private final CohortObject.Place place;

    CohortLocation(StoreLocator stores, String location) {
        if (!CohortObject.isCohort(location)) {
            throw new IllegalArgumentException(
                    "'" + location + "' is not a cohort: its name must end in " + CohortManifest.SUFFIX);
        }
        this.stores = stores;
        this.location = location;
        this.place = CohortObject.place(location);
    }

    String location() {
        return location;
    }

    boolean exists() {
        return parent().head(place.name()).isPresent();
    }

    CohortManifest read() {
        return CohortObject.read(parent(), place.name());
    }

    void write(CohortManifest manifest) {
        CohortObject.write(parent(), place.name(), manifest);
    }

    /** Where a member's dataset is. */
    String resolve(CohortManifest.Member member) {
        return CohortManifest.resolve(location, member.dataset());
    }

    /**
     * Opens every member of {@code manifest} on {@code pool}: FormatException naming the first
     * member that is not a dataset or does not share the first member's reference dictionary.
     */
    Cohort open(CohortManifest manifest, FetchPool pool) {
        return Cohort.open(manifest, m -> Dataset.open(stores.open(resolve(m))), pool);
    }

    private ObjectStore parent() {
        return stores.open(place.parent());
    }
}
