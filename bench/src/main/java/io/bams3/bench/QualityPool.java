package io.bams3.bench;

import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.samtools.ValidationStringency;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Base-quality strings of real reads, in sequencing order (reverse-strand records un-reversed).
 * A synthetic read longer than the real ones gets the start of one real string followed by the
 * end of another, so values and their noise stay real while the length fits.
 */
public final class QualityPool {
    private final List<byte[]> strings;

    private QualityPool(List<byte[]> strings) {
        if (strings.isEmpty()) {
            throw new IllegalArgumentException("no base qualities found");
        }
        this.strings = strings;
    }

    public static QualityPool load(Path bam) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (SamReader reader = SamReaderFactory.makeDefault()
                .validationStringency(ValidationStringency.SILENT)
                .open(bam)) {
            for (SAMRecord r : reader) {
                byte[] q = r.getBaseQualities();
                if (q.length == 0) {
                    continue;
                }
                out.add(r.getReadNegativeStrandFlag() ? reversed(q) : q.clone());
            }
        }
        return new QualityPool(out);
    }

    public int size() {
        return strings.size();
    }

    /** Phred qualities of a read of {@code length} bases, in sequencing order. */
    public byte[] draw(SplittableRandom rng, int length) {
        byte[] out = new byte[length];
        int filled = 0;
        while (filled < length) {
            byte[] s = strings.get(rng.nextInt(strings.size()));
            int n = Math.min(s.length, length - filled);
            int from = filled == 0 ? 0 : s.length - n;
            System.arraycopy(s, from, out, filled, n);
            filled += n;
        }
        return out;
    }

    public static byte[] reversed(byte[] q) {
        byte[] r = new byte[q.length];
        for (int i = 0; i < q.length; i++) {
            r[i] = q[q.length - 1 - i];
        }
        return r;
    }
}
