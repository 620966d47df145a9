package io.bams3.bench;

import io.bams3.query.Dataset;
import io.bams3.query.Region;
import io.bams3.store.LocalObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Cold single-region queries on several datasets of the same BAM. The BGZF size of the returned
 * records is computed once per region (on the first dataset) and every dataset is checked to
 * return the same number of records. Regions run on a small pool; byte counts do not depend on it.
 */
public final class ByteRatioBench {
    private final SyntheticLayout layout;
    private final int threads;

    /** A dataset to query and how it is labelled in the report. */
    public record Target(String label, DatasetDirectory dir) { }

    public ByteRatioBench(SyntheticLayout layout, int threads) {
        this.layout = layout;
        this.threads = threads;
    }

    public List<RegionSummary> run(List<Target> targets, List<Integer> sizes, int count, long seed) {
        List<RegionSummary> out = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int size : sizes) {
                List<Region> regions = sampler(targets.get(0)).sample(size, count, seed);
                Map<Region, RegionMeasurement> reference = new HashMap<>();
                for (int t = 0; t < targets.size(); t++) {
                    boolean first = t == 0;
                    RegionProbe probe = new RegionProbe(new LocalObjectStore(targets.get(t).dir().root()));
                    List<Future<RegionMeasurement>> futures = new ArrayList<>();
                    for (Region r : regions) {
                        futures.add(pool.submit(() -> probe.measure(r, first)));
                    }
                    List<RegionMeasurement> measured = new ArrayList<>();
                    for (int i = 0; i < regions.size(); i++) {
                        RegionMeasurement m = await(futures.get(i));
                        if (first) {
                            reference.put(regions.get(i), m);
                        } else {
                            m = matched(m, reference.get(regions.get(i)), targets.get(t).label());
                        }
                        measured.add(m);
                    }
                    out.add(new RegionSummary(targets.get(t).label(), size, measured));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private RegionSampler sampler(Target target) {
        return new RegionSampler(layout, Dataset.open(new LocalObjectStore(target.dir().root())).header());
    }

    /** Carries the reference record size over, after checking that the same records came back. */
    private static RegionMeasurement matched(RegionMeasurement m, RegionMeasurement ref, String label) {
        if (m.records() != ref.records()) {
            throw new IllegalStateException(label + " returned " + m.records() + " records for " + m.region()
                    + ", the first dataset " + ref.records());
        }
        return m.withRecordBytes(ref.recordBytes());
    }

    private static RegionMeasurement await(Future<RegionMeasurement> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw new UncheckedIOException(io);
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
    }
}
