package io.bams3.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bams3.cohort.Cohort;
import io.bams3.cohort.CohortObject;
import io.bams3.format.CohortManifest;
import io.bams3.query.DatasetNotFoundException;
import io.bams3.query.FetchPool;
import io.bams3.store.ObjectStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Opens cohorts by id: id {@code X} is the manifest {@code ROOT/X.cohort} (the dataset location
 * of {@code X} with its root's suffix replaced by {@code .cohort}). Each member is resolved
 * against the manifest's location and must lie inside one of the catalog's roots
 * ({@link CohortMemberOutsideException} otherwise); members are opened in parallel on the shared
 * pool through the catalog's dataset cache, and an opened cohort is kept for the catalog's time to
 * live, at most {@code maxCohorts} of them.
 */
public final class CohortCatalog {
    /** Opened cohorts kept at most, by default. */
    public static final long DEFAULT_MAX_COHORTS = 256;

    private final DatasetCatalog datasets;
    private final FetchPool pool;
    private final Cache<String, Cohort> cohorts;

    /** Cohorts kept for the datasets' time to live, at most {@link #DEFAULT_MAX_COHORTS}. */
    public CohortCatalog(DatasetCatalog datasets, FetchPool pool) {
        this(datasets, pool, datasets.cacheSettings().ttl(), DEFAULT_MAX_COHORTS);
    }

    public CohortCatalog(DatasetCatalog datasets, FetchPool pool, Duration ttl, long maxCohorts) {
        this.datasets = datasets;
        this.pool = pool;
        this.cohorts = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maxCohorts)
                .recordStats()
                .build();
    }

    /** The opened cohort of {@code id} if one was opened within the time to live (no store request). */
    public Optional<Cohort> cached(String id) {
        return datasets.locator().findCohort(id, CohortManifest.SUFFIX).map(l -> cohorts.getIfPresent(l.location()));
    }

    /**
     * The cohort of {@code id}; {@link DatasetNotFoundException} when there is no manifest,
     * a FormatException when it is malformed or its members cannot form a cohort.
     */
    public Cohort open(String id) {
        DatasetLocator.Location manifest = datasets.locator()
                .findCohort(id, CohortManifest.SUFFIX)
                .orElseThrow(() -> new DatasetNotFoundException("no dataset root answers for id '" + id + "'"));
        try {
            return cohorts.get(manifest.location(), l -> load(manifest));
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    public Cache<String, Cohort> cache() {
        return cohorts;
    }

    private Cohort load(DatasetLocator.Location manifestLocation) {
        CohortObject.Place place = CohortObject.place(manifestLocation.location());
        ObjectStore parent = datasets.store(place.parent());
        CohortManifest manifest = CohortObject.read(parent, place.name());
        Map<String, DatasetLocator.Location> members = new HashMap<>();
        for (CohortManifest.Member m : manifest.members()) {
            String location = CohortManifest.resolve(manifestLocation.location(), m.dataset());
            members.put(
                    m.sample(),
                    datasets.locator()
                            .within(location)
                            .orElseThrow(() -> new CohortMemberOutsideException("cohort member '" + m.sample()
                                    + "' lies outside the server's dataset roots: " + location)));
        }
        return Cohort.open(manifest, m -> datasets.open(members.get(m.sample())), pool);
    }
}
