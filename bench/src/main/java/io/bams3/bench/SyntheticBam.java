package io.bams3.bench;

import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMProgramRecord;
import htsjdk.samtools.SAMReadGroupRecord;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMSequenceRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Writes a deterministic, coordinate-sorted synthetic BAM (+ .bai) for the benchmarks; see
 * {@link SyntheticLayout} for where the reads go and {@link FragmentFactory} for what they are.
 * Fragments are generated in start order; records that lie further along (mates, supplementary
 * and secondary alignments) wait in a queue until the walk passes them, so memory holds only the
 * records of about one insert length plus the few mates bound for later references.
 *
 * <p>Usage: {@code SyntheticBam OUT.bam READS SEED [QUALITIES.bam]}
 */
public final class SyntheticBam {
    /** Share of records that are unplaced unmapped pairs at the end of the file. */
    private static final double UNPLACED = 0.005;

    private static final int COMPRESSION_LEVEL = 6;

    private SyntheticBam() {}

    /** What was written. */
    public record Summary(long records, long unplaced, long maxQueued) {}

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: SyntheticBam OUT.bam READS SEED [QUALITIES.bam]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        long reads = Long.parseLong(args[1]);
        long seed = Long.parseLong(args[2]);
        Path qualities = args.length == 4 ? Path.of(args[3]) : defaultQualitySource();
        long started = System.nanoTime();
        Summary s = write(out, reads, seed, QualityPool.load(qualities));
        System.err.printf(
                "wrote %s: %,d records (%,d unplaced), at most %,d queued, %.1f s%n",
                out, s.records(), s.unplaced(), s.maxQueued(), (System.nanoTime() - started) / 1e9);
    }

    private static Path defaultQualitySource() {
        Path shared = Path.of("../shared/data/htsnexus_test_NA12878.bam");
        return Files.exists(shared) ? shared : Path.of("src/test/resources/data/htsnexus_test_NA12878.bam");
    }

    public static Summary write(Path out, long reads, long seed, QualityPool qualities) {
        SyntheticLayout layout = SyntheticLayout.standard();
        SAMFileHeader header = header(layout);
        SplittableRandom rng = new SplittableRandom(seed);
        FragmentFactory factory = new FragmentFactory(header, layout, new VirtualReference(seed), qualities, rng);
        long unplacedPairs = Math.round(reads * UNPLACED / 2);
        long fragments = (reads - 2 * unplacedPairs + 1) / 2;
        FragmentWalk walk = new FragmentWalk(layout, fragments, rng);
        PriorityQueue<Queued> queue = new PriorityQueue<>(Comparator.comparingInt(Queued::ref)
                .thenComparingInt(Queued::pos)
                .thenComparingLong(Queued::order));
        long written = 0;
        long order = 0;
        long maxQueued = 0;
        long id = 0;
        try (SAMFileWriter writer = new SAMFileWriterFactory()
                .setCreateIndex(true)
                .setUseAsyncIo(true)
                .setCompressionLevel(COMPRESSION_LEVEL)
                .makeBAMWriter(header, true, out)) {
            while (walk.next()) {
                written += drainBefore(queue, walk.ref(), walk.pos(), writer);
                for (SAMRecord r : factory.fragment(walk.ref(), walk.pos(), id++)) {
                    queue.add(new Queued(r.getReferenceIndex(), r.getAlignmentStart() - 1, order++, r));
                }
                maxQueued = Math.max(maxQueued, queue.size());
            }
            written += drainBefore(queue, Integer.MAX_VALUE, Integer.MAX_VALUE, writer);
            for (long i = 0; i < unplacedPairs; i++) {
                for (SAMRecord r : factory.unplacedPair(id++)) {
                    writer.addAlignment(r);
                    written++;
                }
            }
        }
        return new Summary(written, 2 * unplacedPairs, maxQueued);
    }

    /** Writes the queued records that lie before (ref, pos). */
    static long drainBefore(PriorityQueue<Queued> queue, int ref, int pos, SAMFileWriter writer) {
        long n = 0;
        while (!queue.isEmpty() && queue.peek().before(ref, pos)) {
            writer.addAlignment(queue.poll().record());
            n++;
        }
        return n;
    }

    /** A generated record waiting for the walk to reach its position; ties keep generation order. */
    record Queued(int ref, int pos, long order, SAMRecord record) {
        boolean before(int otherRef, int otherPos) {
            return ref < otherRef || (ref == otherRef && pos < otherPos);
        }
    }

    static SAMFileHeader header(SyntheticLayout layout) {
        SAMFileHeader h = new SAMFileHeader();
        h.setSortOrder(SAMFileHeader.SortOrder.coordinate);
        for (SyntheticLayout.Contig c : layout.contigs()) {
            h.addSequence(new SAMSequenceRecord(c.name(), c.length()));
        }
        for (String id : List.of("rg1", "rg2")) {
            SAMReadGroupRecord rg = new SAMReadGroupRecord(id);
            rg.setSample("SYNTH");
            rg.setLibrary("lib-" + id);
            rg.setPlatform("ILLUMINA");
            rg.setPlatformUnit("HCK2TDSX3." + id);
            h.addReadGroup(rg);
        }
        SAMProgramRecord pg = new SAMProgramRecord("synthetic");
        pg.setProgramName("io.bams3.bench.SyntheticBam");
        h.addProgramRecord(pg);
        return h;
    }
}
