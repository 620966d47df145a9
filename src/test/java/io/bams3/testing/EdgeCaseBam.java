package io.bams3.testing;

import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMReadGroupRecord;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes a coordinate-sorted, indexed BAM full of the cases a chunked index must get right: reads
 * with very long N-skips and deletions (spans far beyond a chunk), reads larger than a BGZF block,
 * placed unmapped reads, secondary and supplementary alignments, references with no reads, a
 * pile-up of thousands of reads at one position, a reference name with '*' and ':', every tag
 * type (floats, arrays), and unplaced unmapped reads at the end.
 */
public final class EdgeCaseBam {
    public static final String PILEUP_REF = "chrC";
    public static final int PILEUP_POS = 500_000;

    private EdgeCaseBam() {}

    public static Path write(Path out, long seed) {
        SAMFileHeader header = new SAMFileHeader();
        header.setSequenceDictionary(new SAMSequenceDictionary(List.of(
                new SAMSequenceRecord("chrA", 3_000_000),
                new SAMSequenceRecord("chrEmpty", 100_000),
                new SAMSequenceRecord("chrB", 2_000_000),
                new SAMSequenceRecord("HLA-A*01:01:01:01", 3_503),
                new SAMSequenceRecord(PILEUP_REF, 1_000_000),
                new SAMSequenceRecord("chrEmptyTail", 5_000))));
        header.setSortOrder(SAMFileHeader.SortOrder.coordinate);
        SAMReadGroupRecord rg = new SAMReadGroupRecord("rg1");
        rg.setSample("edge");
        header.addReadGroup(rg);
        Random rnd = new Random(seed);
        SAMFileWriterFactory factory = new SAMFileWriterFactory().setCreateIndex(true);
        try (SAMFileWriter w = factory.makeBAMWriter(header, false, out)) {
            int n = 0;
            for (int i = 0; i < 20_000; i++) {
                w.addAlignment(mapped(header, "chrA", rnd.nextInt(2_990_000), randomCigar(rnd), rnd, n++));
            }
            for (int i = 0; i < 60; i++) {
                w.addAlignment(mapped(
                        header,
                        "chrA",
                        rnd.nextInt(2_300_000),
                        "40M" + (200_000 + rnd.nextInt(400_000)) + "N60M",
                        rnd,
                        n++));
                w.addAlignment(mapped(
                        header,
                        "chrB",
                        rnd.nextInt(1_900_000),
                        "30M" + (10_000 + rnd.nextInt(50_000)) + "D70M",
                        rnd,
                        n++));
            }
            for (int i = 0; i < 6; i++) {
                w.addAlignment(mapped(header, "chrB", 100_000 + rnd.nextInt(1_000_000), "120000M", rnd, n++));
            }
            // CIGARs over 65535 operations are stored as a placeholder plus a CG tag
            w.addAlignment(mapped(header, "chrB", 1_500_000, "1M1I".repeat(33_000) + "1M", rnd, n++));
            for (int i = 0; i < 8_000; i++) {
                SAMRecord r = mapped(header, "chrB", rnd.nextInt(1_990_000), randomCigar(rnd), rnd, n++);
                if (i % 10 == 0) r.setSecondaryAlignment(true);
                if (i % 17 == 0) r.setSupplementaryAlignmentFlag(true);
                w.addAlignment(r);
                if (i % 25 == 0) {
                    w.addAlignment(placedUnmapped(header, "chrB", r.getAlignmentStart(), rnd, n++));
                }
            }
            for (int i = 0; i < 300; i++) {
                w.addAlignment(mapped(header, "HLA-A*01:01:01:01", rnd.nextInt(3_400), "100M", rnd, n++));
            }
            for (int i = 0; i < 4_000; i++) {
                w.addAlignment(mapped(header, PILEUP_REF, PILEUP_POS, "100M", rnd, n++));
            }
            for (int i = 0; i < 2_000; i++) {
                w.addAlignment(mapped(header, PILEUP_REF, rnd.nextInt(990_000), randomCigar(rnd), rnd, n++));
            }
            for (int i = 0; i < 700; i++) {
                SAMRecord r = new SAMRecord(header);
                r.setReadName("unplaced" + i);
                r.setReadUnmappedFlag(true);
                r.setReadBases(bases(rnd, 80));
                r.setBaseQualities(quals(rnd, 80));
                r.setAttribute("RG", "rg1");
                w.addAlignment(r);
            }
        }
        return out;
    }

    private static String randomCigar(Random rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> "5S95M";
            case 1 -> "50M2I48M";
            case 2 -> "40M3D60M";
            case 3 -> "60M1500N40M";
            case 4 -> "90M10S";
            default -> "100M";
        };
    }

    private static SAMRecord mapped(SAMFileHeader header, String ref, int pos0, String cigar, Random rnd, int n) {
        SAMRecord r = new SAMRecord(header);
        r.setReadName("r" + n);
        r.setReferenceName(ref);
        r.setAlignmentStart(pos0 + 1);
        r.setCigarString(cigar);
        int len = r.getCigar().getReadLength();
        r.setReadBases(bases(rnd, len));
        r.setBaseQualities(rnd.nextInt(50) == 0 ? SAMRecord.NULL_QUALS : quals(rnd, len));
        r.setMappingQuality(rnd.nextInt(61));
        r.setReadPairedFlag(true);
        r.setFirstOfPairFlag(n % 2 == 0);
        r.setSecondOfPairFlag(n % 2 == 1);
        r.setMateReferenceName(rnd.nextInt(20) == 0 ? "chrA" : ref);
        r.setMateAlignmentStart(Math.max(1, pos0 + 1 + rnd.nextInt(600) - 300));
        r.setMateNegativeStrandFlag(rnd.nextBoolean());
        r.setReadNegativeStrandFlag(rnd.nextBoolean());
        r.setProperPairFlag(rnd.nextBoolean());
        r.setInferredInsertSize(rnd.nextInt(800) - 400);
        r.setAttribute("RG", "rg1");
        r.setAttribute("NM", rnd.nextInt(5));
        r.setAttribute("AS", rnd.nextInt(200) - 50);
        r.setAttribute("XB", rnd.nextInt(100_000));
        r.setAttribute("XL", (int) (rnd.nextLong() & 0x7fffffffL));
        if (n % 7 == 0) {
            r.setAttribute("XF", FLOATS[rnd.nextInt(FLOATS.length)]);
            r.setAttribute("XA", 'Q');
            r.setAttribute("XH", new byte[] {(byte) 0x1a, (byte) 0xe3, 0x00});
            r.setAttribute("ZB", new byte[] {-3, 0, 7});
            r.setUnsignedArrayAttribute("ZC", new byte[] {(byte) 200, 1});
            r.setAttribute("ZS", new short[] {-300, 2});
            r.setUnsignedArrayAttribute("ZT", new short[] {(short) 60000, 3});
            r.setAttribute("ZI", new int[] {-70000, 5});
            r.setAttribute("ZF", new float[] {FLOATS[n % FLOATS.length], 0.5f, -2.25e-7f});
        }
        return r;
    }

    /** Values whose C %g form is easy to get wrong. */
    static final float[] FLOATS = {
        0.1f,
        1e-5f,
        123456.7f,
        1e10f,
        -3.25f,
        0.0001f,
        1234567f,
        100000f,
        999999.5f,
        3.4028235e38f,
        1.17549435e-38f,
        0.3333333f,
        2.5f,
        -0f,
        42f
    };

    private static SAMRecord placedUnmapped(SAMFileHeader header, String ref, int mateStart, Random rnd, int n) {
        SAMRecord r = new SAMRecord(header);
        r.setReadName("pu" + n);
        r.setReadUnmappedFlag(true);
        r.setReadPairedFlag(true);
        r.setReferenceName(ref);
        r.setAlignmentStart(mateStart);
        r.setMateReferenceName(ref);
        r.setMateAlignmentStart(mateStart);
        r.setReadBases(bases(rnd, 100));
        r.setBaseQualities(quals(rnd, 100));
        r.setAttribute("RG", "rg1");
        return r;
    }

    private static byte[] bases(Random rnd, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) "ACGTN".charAt(rnd.nextInt(rnd.nextInt(100) == 0 ? 5 : 4));
        }
        return b;
    }

    private static byte[] quals(Random rnd, int n) {
        byte[] q = new byte[n];
        for (int i = 0; i < n; i++) {
            q[i] = (byte) (2 + rnd.nextInt(39));
        }
        return q;
    }
}
