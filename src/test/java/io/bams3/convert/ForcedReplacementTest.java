package io.bams3.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.format.Codec;
import io.bams3.format.DatasetLayout;
import io.bams3.query.Dataset;
import io.bams3.query.Region;
import io.bams3.query.RegionParser;
import io.bams3.store.LocalObjectStore;
import io.bams3.store.ObjectStore;
import io.bams3.store.S3Location;
import io.bams3.store.S3ObjectStore;
import io.bams3.testing.Bams3Queries;
import io.bams3.testing.S3MockServer;
import io.bams3.testing.Samtools;
import io.bams3.testing.TestBams;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert --force} replaces a dataset while readers query it, on S3 and on local disk:
 * a reader that opens the dataset during the replacement gets exactly the records of the old
 * source or of the new one, never an error, a mix or nothing; a reader that opened it before
 * keeps getting the old records (its generation stays for the grace period); {@code gc} with no
 * grace then leaves only the current generation, still exact.
 */
@Tag("samtools")
@Tag("slow")
@ExtendWith(S3MockServer.class)
class ForcedReplacementTest {
    /** Same header, different records: the demo BAM and a 8% sample of it. */
    private static final Path FULL = TestBams.path(TestBams.NA12878);

    private static final Path SAMPLE = Path.of("src/test/resources/v1/na12878-sample.bam");
    private static final String[] REGIONS = {"11:5000001-5010000", "20", "*"};
    private static final int REPLACEMENTS = 4;

    @TempDir
    Path dir;

    @Test
    void onS3() throws Exception {
        S3MockServer s3 = S3MockServer.get();
        S3Location location = new S3Location(s3.newBucket("replace"), "run/sample.bams3");
        replaceWhileReading(() -> new S3ObjectStore(s3.clients(), location));
    }

    @Test
    void onLocalDisk() throws Exception {
        Path root = dir.resolve("sample.bams3");
        replaceWhileReading(() -> new LocalObjectStore(root));
    }

    private void replaceWhileReading(Supplier<ObjectStore> stores) throws Exception {
        assumeTrue(Samtools.available(), "samtools is not installed");
        List<String> full = samtools(FULL);
        List<String> sample = samtools(SAMPLE);
        assertThat(full).hasSizeGreaterThan(sample.size());
        assertThat(sample).isNotEmpty();

        ConvertOptions force = new ConvertOptions(Codec.BGZF, 64 << 10, 2, true);
        new Converter(force, ProgressListener.NONE).convert(FULL, stores.get());
        Dataset openedBefore = Dataset.open(stores.get());
        assertThat(query(openedBefore)).isEqualTo(full);

        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger coldQueries = new AtomicInteger();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread cold = new Thread(() -> {
            while (!done.get()) {
                try {
                    List<String> lines = query(Dataset.open(stores.get()));
                    outcomes.merge(
                            lines.equals(full) ? "full" : lines.equals(sample) ? "sample" : "other", 1, Integer::sum);
                } catch (Throwable t) {
                    failures.add(t);
                }
                coldQueries.incrementAndGet();
            }
        });
        Thread warm = new Thread(() -> {
            while (!done.get()) {
                try {
                    List<String> lines = query(openedBefore);
                    outcomes.merge(lines.equals(full) ? "warm full" : "warm other", 1, Integer::sum);
                } catch (Throwable t) {
                    failures.add(t);
                }
            }
        });
        cold.start();
        warm.start();
        try {
            for (int i = 0; i < REPLACEMENTS; i++) {
                new Converter(force, ProgressListener.NONE).convert(i % 2 == 0 ? SAMPLE : FULL, stores.get());
                int seen = coldQueries.get();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (coldQueries.get() < seen + 2 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }
        } finally {
            done.set(true);
            cold.join();
            warm.join();
        }
        assertThat(failures).as("queries that failed during the replacements").isEmpty();
        assertThat(outcomes)
                .as("answers during the replacements")
                .containsKeys("full", "sample", "warm full")
                .doesNotContainKeys("other", "warm other");

        // the last conversion was of the full BAM; every replaced generation is still there for readers
        ObjectStore store = stores.get();
        assertThat(store.children(DatasetLayout.GENERATIONS_DIR)).hasSize(REPLACEMENTS + 1);
        GenerationCollector.Outcome gc = GenerationCollector.collect(store, Duration.ZERO, Instant.now());
        assertThat(gc.removed()).hasSize(REPLACEMENTS);
        assertThat(store.children(DatasetLayout.GENERATIONS_DIR)).hasSize(1);
        assertThat(query(Dataset.open(store))).isEqualTo(full);
    }

    private static List<String> query(Dataset ds) {
        RegionParser parser = new RegionParser(ds.header());
        List<Region> regions = new ArrayList<>();
        for (String r : REGIONS) {
            regions.add(parser.parse(r));
        }
        List<String> out = new ArrayList<>();
        // one region at a time, as samtools view prints them without -M
        for (Region r : regions) {
            out.addAll(Bams3Queries.samLines(ds, List.of(r)));
        }
        return out;
    }

    private static List<String> samtools(Path bam) {
        List<String> args = new ArrayList<>(List.of("view", bam.toString()));
        args.addAll(List.of(REGIONS));
        return Samtools.run(args.toArray(String[]::new));
    }
}
