package io.bams3.testing;

import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A coordinate-sorted, indexed BAM with the {@link Grch38Header} (3,366 references) and paired
 * 150 bp reads on a few of them, of each kind the header has: a 600 kb stretch of chr1 (most
 * reads), chrX, chrM, an unlocalised ({@code _random}), an unplaced ({@code chrUn_}), chrEBV, an
 * alt, a decoy, {@code HLA-A*01:01:01:01} and the last reference of the header, plus unplaced
 * unmapped pairs at the end.
 */
public final class Grch38Bam {
    /** Where the chr1 reads are: [start, end), 0-based. */
    public static final int CHR1_START = 1_000_000;

    public static final int CHR1_END = 1_600_000;

    private Grch38Bam() {}

    /** The references that have reads, besides chr1 and the last one, with their read counts. */
    public static final List<String> SPARSE = List.of(
            "chrX",
            "chrM",
            "chr1_KI270706v1_random",
            "chrUn_GL000195v1",
            "chrEBV",
            "chr1_KI270938v1_alt",
            "chrUn_JTFH01000001v1_decoy",
            "HLA-A*01:01:01:01");

    public static Path write(Path out, int chr1Reads, long seed) {
        List<Grch38Header.Sequence> sequences = Grch38Header.sequences();
        SAMFileHeader header = new SAMFileHeader();
        header.setSequenceDictionary(new SAMSequenceDictionary(sequences.stream()
                .map(s -> new SAMSequenceRecord(s.name(), s.length()))
                .toList()));
        header.setSortOrder(SAMFileHeader.SortOrder.coordinate);
        Random rnd = new Random(seed);
        SAMFileWriterFactory factory = new SAMFileWriterFactory().setCreateIndex(true);
        try (SAMFileWriter w = factory.makeBAMWriter(header, false, out)) {
            int n = 0;
            for (int i = 0; i < chr1Reads; i++) {
                pair(w, header, "chr1", CHR1_START + rnd.nextInt(CHR1_END - CHR1_START - 600), rnd, n++);
            }
            for (String name : SPARSE) {
                int length = header.getSequence(name).getSequenceLength();
                for (int i = 0; i < 100; i++) {
                    pair(w, header, name, rnd.nextInt(Math.max(1, length - 600)), rnd, n++);
                }
            }
            String last = sequences.get(sequences.size() - 1).name();
            for (int i = 0; i < 20; i++) {
                pair(w, header, last, rnd.nextInt(2_000), rnd, n++);
            }
            for (int i = 0; i < 100; i++) {
                for (boolean first : new boolean[] {true, false}) {
                    SAMRecord r = new SAMRecord(header);
                    r.setReadName("u" + i);
                    r.setReadPairedFlag(true);
                    r.setReadUnmappedFlag(true);
                    r.setMateUnmappedFlag(true);
                    r.setFirstOfPairFlag(first);
                    r.setSecondOfPairFlag(!first);
                    r.setReadBases(bases(rnd));
                    r.setBaseQualities(quals(rnd));
                    w.addAlignment(r);
                }
            }
        }
        return out;
    }

    private static void pair(SAMFileWriter w, SAMFileHeader header, String ref, int pos0, Random rnd, int n) {
        int insert = 300 + rnd.nextInt(200);
        int matePos0 = pos0 + insert - 150;
        for (boolean first : new boolean[] {true, false}) {
            SAMRecord r = new SAMRecord(header);
            r.setReadName("p" + n);
            r.setReferenceName(ref);
            r.setAlignmentStart((first ? pos0 : matePos0) + 1);
            r.setCigarString(rnd.nextInt(10) == 0 ? "100M2D50M" : "150M");
            r.setReadBases(bases(rnd));
            r.setBaseQualities(quals(rnd));
            r.setMappingQuality(rnd.nextInt(61));
            r.setReadPairedFlag(true);
            r.setProperPairFlag(true);
            r.setFirstOfPairFlag(first);
            r.setSecondOfPairFlag(!first);
            r.setReadNegativeStrandFlag(!first);
            r.setMateNegativeStrandFlag(first);
            r.setMateReferenceName(ref);
            r.setMateAlignmentStart((first ? matePos0 : pos0) + 1);
            r.setInferredInsertSize(first ? insert : -insert);
            r.setAttribute("NM", rnd.nextInt(4));
            w.addAlignment(r);
        }
    }

    private static byte[] bases(Random rnd) {
        byte[] b = new byte[150];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) "ACGT".charAt(rnd.nextInt(4));
        }
        return b;
    }

    /** Qualities as a sequencer gives them: mostly high, falling towards the end of the read. */
    private static byte[] quals(Random rnd) {
        byte[] q = new byte[150];
        for (int i = 0; i < q.length; i++) {
            q[i] = (byte) Math.max(2, 38 - i / 20 - (rnd.nextInt(12) == 0 ? rnd.nextInt(25) : 0));
        }
        return q;
    }
}
