package io.bams3.bench;

import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.SAMTextHeaderCodec;
import htsjdk.samtools.util.BufferedLineReader;
import io.bams3.testing.Grch38Header;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The scale benchmark's BAM, written as coordinate-sorted SAM text on standard output for
 * {@code samtools view -@2 -b} to compress (htslib then starts every BGZF block at a record, and
 * libdeflate compresses faster than the JDK). The reads are those of {@link SyntheticBam}
 * ({@link FragmentFactory}: 2x150 bp pairs, clips, indels, a few spliced, split, secondary and
 * unmapped reads, qualities of real reads), placed by {@link ScaleLayout} on the GRCh38-shaped
 * header of {@link Grch38Header}; 0.5% of the records are unplaced unmapped pairs at the end. The
 * number of records follows from the size asked for; the same size and seed give the same SAM.
 *
 * <p>Usage: {@code ScaleBam GB SEED QUALITIES.bam > OUT.sam}; a summary goes to stderr.
 */
public final class ScaleBam {
    /**
     * BAM bytes per record after {@code samtools view -b} (level 6): 106.5 measured for these reads
     * with samtools 1.16.1 at 0.3 GB; set lower so that the BAM comes out at least as large as asked.
     */
    static final double BAM_BYTES_PER_RECORD = 105.0;

    private static final double UNPLACED = 0.005;
    /** A fragment that does not fit its reference (a small one) is drawn again, at most this often. */
    private static final int ATTEMPTS = 50;

    private ScaleBam() {}

    /** What was written. */
    public record Summary(long records, long fragments, long redrawn, long dropped, long unplaced, long maxQueued) {
        String line() {
            return "records=" + records + " fragments=" + fragments + " redrawn=" + redrawn + " dropped=" + dropped
                    + " unplaced=" + unplaced + " maxQueued=" + maxQueued;
        }
    }

    /** Records to generate for a BAM of {@code gb} x 10^9 bytes. */
    public static long records(double gb) {
        return (long) Math.ceil(gb * 1e9 / BAM_BYTES_PER_RECORD);
    }

    static long unplacedPairs(long records) {
        return Math.round(records * UNPLACED / 2);
    }

    /** Fragments (pairs) placed on references; most make two records. */
    public static long fragments(long records) {
        return (records - 2 * unplacedPairs(records) + 1) / 2;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: ScaleBam GB SEED QUALITIES.bam > OUT.sam");
            System.exit(2);
        }
        double gb = Double.parseDouble(args[0]);
        long seed = Long.parseLong(args[1]);
        QualityPool qualities = QualityPool.load(Path.of(args[2]));
        long started = System.nanoTime();
        Summary s;
        try (OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 20)) {
            s = write(out, gb, seed, qualities);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("ScaleBam %s seconds=%.1f%n", s.line(), seconds);
    }

    public static Summary write(OutputStream out, double gb, long seed, QualityPool qualities) {
        long records = records(gb);
        long unplacedPairs = unplacedPairs(records);
        long fragments = fragments(records);
        ScaleLayout layout = ScaleLayout.of(fragments);
        SAMFileHeader header = header(layout);
        // records are made against the references with reads only (the factory's reference i is
        // the layout's contig i); the writer resolves their names in the full header
        SAMFileHeader placed = placedHeader(layout, header);
        SplittableRandom rng = new SplittableRandom(seed);
        FragmentFactory factory =
                new FragmentFactory(placed, layout.synthetic(), new VirtualReference(seed), qualities, rng);
        FragmentWalk walk = new FragmentWalk(layout.segments(fragments), rng);
        PriorityQueue<SyntheticBam.Queued> queue = new PriorityQueue<>(Comparator.comparingInt(SyntheticBam.Queued::ref)
                .thenComparingInt(SyntheticBam.Queued::pos)
                .thenComparingLong(SyntheticBam.Queued::order));
        long written = 0;
        long order = 0;
        long maxQueued = 0;
        long redrawn = 0;
        long dropped = 0;
        long id = 0;
        long nextReport = 10_000_000;
        long started = System.nanoTime();
        try (SAMFileWriter writer = new SAMFileWriterFactory().makeSAMWriter(header, true, out)) {
            while (walk.next()) {
                written += SyntheticBam.drainBefore(queue, walk.ref(), walk.pos(), writer);
                List<SAMRecord> fragment = null;
                for (int attempt = 0; attempt < ATTEMPTS && fragment == null; attempt++) {
                    List<SAMRecord> f = factory.fragment(walk.ref(), walk.pos(), id);
                    if (fits(f, placed)) {
                        fragment = f;
                    } else {
                        redrawn++;
                    }
                }
                id++;
                if (fragment == null) {
                    dropped++;
                    continue;
                }
                for (SAMRecord r : fragment) {
                    queue.add(new SyntheticBam.Queued(r.getReferenceIndex(), r.getAlignmentStart() - 1, order++, r));
                }
                maxQueued = Math.max(maxQueued, queue.size());
                if (written >= nextReport) {
                    double s = (System.nanoTime() - started) / 1e9;
                    System.err.printf("ScaleBam: %,d of about %,d records, %.0f s%n", written, records, s);
                    nextReport += 10_000_000;
                }
            }
            written += SyntheticBam.drainBefore(queue, Integer.MAX_VALUE, Integer.MAX_VALUE, writer);
            for (long i = 0; i < unplacedPairs; i++) {
                for (SAMRecord r : factory.unplacedPair(id++)) {
                    writer.addAlignment(r);
                    written++;
                }
            }
        }
        return new Summary(written, fragments, redrawn, dropped, 2 * unplacedPairs, maxQueued);
    }

    /** Every aligned record ends within its reference (small references are shorter than some offsets). */
    private static boolean fits(List<SAMRecord> fragment, SAMFileHeader placed) {
        for (SAMRecord r : fragment) {
            if (!r.getReadUnmappedFlag()
                    && r.getAlignmentEnd()
                            > placed.getSequence(r.getReferenceIndex()).getSequenceLength()) {
                return false;
            }
        }
        return true;
    }

    /** The GRCh38-shaped header with two read groups and a program line. */
    static SAMFileHeader header(ScaleLayout layout) {
        StringBuilder extra = new StringBuilder();
        for (String id : List.of("rg1", "rg2")) {
            extra.append("@RG\tID:")
                    .append(id)
                    .append("\tSM:SCALE\tLB:lib-")
                    .append(id)
                    .append("\tPL:ILLUMINA\tPU:HCK2TDSX3.")
                    .append(id)
                    .append('\n');
        }
        extra.append("@PG\tID:scale\tPN:io.bams3.bench.ScaleBam\n");
        String text = Grch38Header.samText(layout.sequences(), extra.toString());
        return new SAMTextHeaderCodec().decode(BufferedLineReader.fromString(text), "ScaleBam");
    }

    private static SAMFileHeader placedHeader(ScaleLayout layout, SAMFileHeader full) {
        SAMFileHeader h = new SAMFileHeader();
        h.setSortOrder(SAMFileHeader.SortOrder.coordinate);
        for (ScaleLayout.Placed p : layout.contigs()) {
            h.addSequence(new SAMSequenceRecord(p.name(), p.length()));
        }
        h.setReadGroups(full.getReadGroups());
        return h;
    }
}
