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
 * Writes a coordinate-sorted, indexed BAM of dense short reads (20x over 200 kb, some 5 MB)
 * with ten spliced reads whose N-skips span 50-150 kb: a region then needs its own blocks and
 * those of the spliced reads that reach into it, with up to megabytes of unrelated blocks in
 * between (what presigned tickets should skip rather than hand out).
 */
public final class LongReadBam {
    public static final String REF = "chr1";
    public static final int LENGTH = 200_000;

    private LongReadBam() {}

    public static Path write(Path out, long seed) {
        SAMFileHeader header = new SAMFileHeader();
        header.setSequenceDictionary(new SAMSequenceDictionary(List.of(new SAMSequenceRecord(REF, LENGTH))));
        header.setSortOrder(SAMFileHeader.SortOrder.coordinate);
        Random rnd = new Random(seed);
        try (SAMFileWriter w = new SAMFileWriterFactory().setCreateIndex(true).makeBAMWriter(header, false, out)) {
            for (int i = 0; i < 40_000; i++) {
                w.addAlignment(read(header, "s" + i, rnd.nextInt(LENGTH - 100), "100M", rnd));
            }
            for (int i = 0; i < 10; i++) {
                int skip = 50_000 + rnd.nextInt(100_000);
                w.addAlignment(read(header, "n" + i, rnd.nextInt(LENGTH - skip - 100), "50M" + skip + "N50M", rnd));
            }
        }
        return out;
    }

    private static SAMRecord read(SAMFileHeader header, String name, int pos0, String cigar, Random rnd) {
        SAMRecord r = new SAMRecord(header);
        r.setReadName(name);
        r.setReferenceName(REF);
        r.setAlignmentStart(pos0 + 1);
        r.setCigarString(cigar);
        r.setMappingQuality(60);
        byte[] bases = new byte[100];
        byte[] quals = new byte[100];
        for (int i = 0; i < 100; i++) {
            bases[i] = (byte) "ACGT".charAt(rnd.nextInt(4));
            quals[i] = (byte) (2 + rnd.nextInt(39));
        }
        r.setReadBases(bases);
        r.setBaseQualities(quals);
        return r;
    }
}
