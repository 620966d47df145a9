package io.bams3.testing;

import htsjdk.samtools.QueryInterval;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMRecordIterator;
import htsjdk.samtools.SamInputResource;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.samtools.ValidationStringency;
import io.bams3.query.Region;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** htsjdk's indexed queries on the source BAM: the reference answer for region queries. */
public final class HtsjdkOracle implements AutoCloseable {
    private final SamReader reader;

    public HtsjdkOracle(Path bam) {
        reader = factory().open(bam);
        if (!reader.hasIndex()) {
            throw new IllegalStateException("no index for " + bam);
        }
    }

    private static SamReaderFactory factory() {
        return SamReaderFactory.makeDefault().validationStringency(ValidationStringency.SILENT);
    }

    /** Records overlapping the regions, as htsjdk's multi-interval query (each once, file order). */
    public List<String> query(List<Region> regions) {
        List<Region> placed = regions.stream().filter(r -> !r.isUnplaced()).toList();
        List<String> out = new ArrayList<>();
        if (!placed.isEmpty()) {
            QueryInterval[] intervals = placed.stream()
                    .map(r -> new QueryInterval(r.refIndex(), r.beg() + 1, r.end()))
                    .toArray(QueryInterval[]::new);
            try (SAMRecordIterator it = reader.queryOverlapping(QueryInterval.optimizeIntervals(intervals))) {
                it.forEachRemaining(r -> out.add(r.getSAMString()));
            }
        }
        if (regions.stream().anyMatch(Region::isUnplaced)) {
            try (SAMRecordIterator it = reader.queryUnmapped()) {
                it.forEachRemaining(r -> out.add(r.getSAMString()));
            }
        }
        return out;
    }

    /** Every record of the file, in order. */
    public List<String> all() {
        List<String> out = new ArrayList<>();
        try (SAMRecordIterator it = reader.iterator()) {
            it.forEachRemaining(r -> out.add(r.getSAMString()));
        }
        return out;
    }

    /** Reads a BAM held in memory (e.g. this project's output) with htsjdk: SAM strings in order. */
    public static List<String> records(byte[] bam) {
        List<String> out = new ArrayList<>();
        try (SamReader r = factory().open(SamInputResource.of(new ByteArrayInputStream(bam)))) {
            for (SAMRecord rec : r) {
                out.add(rec.getSAMString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
