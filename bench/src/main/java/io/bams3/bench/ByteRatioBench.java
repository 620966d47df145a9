package io.bams3.bench;

import io.bams3.codec.BamHeader;
import io.bams3.query.Dataset;
import io.bams3.query.Region;
import io.bams3.store.LocalObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Cold single-region queries on several datasets of the same BAM. The baselines of a region (BGZF
 * size of the returned records; BGZF blocks of the BAM a .bai-driven reader decodes) are computed
 * once, with the first dataset. The first dataset must return as many records as htsjdk's indexed
 * query of the BAM, every other dataset as many as the first. Regions run on a small pool; byte
 * counts do not depend on it.
 */
public final class ByteRatioBench {
    private final SyntheticLayout layout;
    private final int threads;

    /** A dataset to query and how it is labelled in the report. */
    public record Target(String label, DatasetDirectory dir) {}

    public ByteRatioBench(SyntheticLayout layout, int threads) {
        this.layout = layout;
        this.threads = threads;
    }

    public List<RegionSummary> run(Path bam, List<Target> targets, List<Integer> sizes, int count, long seed)
            throws IOException {
        List<RegionSummary> out = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (BaiBaseline bai = new BaiBaseline(bam)) {
            for (int size : sizes) {
                Target first = targets.get(0);
                List<Region> regions = new RegionSampler(layout, header(first)).sample(size, count, seed);
                List<RegionMeasurement> reference = withBaselines(measureAll(pool, first, regions, true), bai, first);
                out.add(new RegionSummary(first.label(), size, reference));
                for (Target t : targets.subList(1, targets.size())) {
                    List<RegionMeasurement> measured = measureAll(pool, t, regions, false);
                    out.add(new RegionSummary(t.label(), size, matched(measured, reference, t)));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private static BamHeader header(Target target) {
        return Dataset.open(new LocalObjectStore(target.dir().root())).header();
    }

    private static List<RegionMeasurement> measureAll(
            ExecutorService pool, Target target, List<Region> regions, boolean compressRecords) {
        RegionProbe probe = new RegionProbe(new LocalObjectStore(target.dir().root()));
        List<Future<RegionMeasurement>> futures = new ArrayList<>();
        for (Region r : regions) {
            futures.add(pool.submit(() -> probe.measure(r, compressRecords)));
        }
        List<RegionMeasurement> out = new ArrayList<>();
        for (Future<RegionMeasurement> f : futures) {
            out.add(await(f));
        }
        return out;
    }

    /** Adds the .bai baseline, after checking the record count against htsjdk's query. */
    private static List<RegionMeasurement> withBaselines(
            List<RegionMeasurement> measured, BaiBaseline bai, Target target) {
        List<RegionMeasurement> out = new ArrayList<>();
        for (RegionMeasurement m : measured) {
            BaiBaseline.Result b = bai.query(m.region());
            if (b.records() != m.records()) {
                throw new IllegalStateException(target.label() + " returned " + m.records() + " records for "
                        + m.region() + ", htsjdk on the BAM " + b.records());
            }
            out.add(m.withBaselines(m.recordBytes(), b.bytes()));
        }
        return out;
    }

    /** Carries the baselines over, after checking that the same number of records came back. */
    private static List<RegionMeasurement> matched(
            List<RegionMeasurement> measured, List<RegionMeasurement> reference, Target target) {
        List<RegionMeasurement> out = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            RegionMeasurement m = measured.get(i);
            RegionMeasurement ref = reference.get(i);
            if (m.records() != ref.records()) {
                throw new IllegalStateException(target.label() + " returned " + m.records() + " records for "
                        + m.region() + ", the first dataset " + ref.records());
            }
            out.add(m.withBaselines(ref.recordBytes(), ref.baiBytes()));
        }
        return out;
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
