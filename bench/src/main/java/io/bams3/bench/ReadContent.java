package io.bams3.bench;

import htsjdk.samtools.Cigar;
import htsjdk.samtools.CigarElement;
import htsjdk.samtools.CigarOperator;
import java.util.SplittableRandom;

/**
 * Bases, qualities and the MD/NM description of one aligned read. Aligned bases copy the
 * {@link VirtualReference} except at a few mismatches; inserted and soft-clipped bases are random.
 *
 * @param bases     read bases in reference orientation (hard-clipped bases excluded)
 * @param qualities phred values in reference orientation
 */
public record ReadContent(byte[] bases, byte[] qualities, String md, int nm, int alignedBases) {

    public static ReadContent aligned(
            VirtualReference genome,
            int ref,
            int pos,
            Cigar cigar,
            boolean reverse,
            QualityPool qualities,
            SplittableRandom rng) {
        int length = cigar.getReadLength();
        byte[] bases = new byte[length];
        int aligned = 0;
        for (CigarElement e : cigar) {
            if (e.getOperator().isAlignment()) {
                aligned += e.getLength();
            }
        }
        int mismatchesLeft = mismatchCount(rng);
        int alignedLeft = aligned;
        StringBuilder md = new StringBuilder();
        int run = 0;
        int nm = 0;
        int r = pos;
        int q = 0;
        for (CigarElement e : cigar) {
            int n = e.getLength();
            switch (e.getOperator()) {
                case M, EQ, X -> {
                    for (int i = 0; i < n; i++, r++, q++) {
                        byte refBase = genome.base(ref, r);
                        if (mismatchesLeft > 0 && rng.nextInt(alignedLeft) < mismatchesLeft) {
                            bases[q] = VirtualReference.substitute(refBase, rng.nextInt());
                            md.append(run).append((char) refBase);
                            run = 0;
                            nm++;
                            mismatchesLeft--;
                        } else {
                            bases[q] = refBase;
                            run++;
                        }
                        alignedLeft--;
                    }
                }
                case I, S -> {
                    for (int i = 0; i < n; i++, q++) {
                        bases[q] = VirtualReference.randomBase(rng.nextInt());
                    }
                    if (e.getOperator() == CigarOperator.I) {
                        nm += n;
                    }
                }
                case D -> {
                    md.append(run).append('^');
                    for (int i = 0; i < n; i++, r++) {
                        md.append((char) genome.base(ref, r));
                    }
                    run = 0;
                    nm += n;
                }
                case N -> r += n;
                default -> {}
            }
        }
        md.append(run);
        byte[] qual = qualities.draw(rng, length);
        return new ReadContent(bases, reverse ? QualityPool.reversed(qual) : qual, md.toString(), nm, aligned);
    }

    /** An unmapped read: random bases, real qualities. */
    public static ReadContent unaligned(int length, QualityPool qualities, SplittableRandom rng) {
        byte[] bases = new byte[length];
        for (int i = 0; i < length; i++) {
            bases[i] = VirtualReference.randomBase(rng.nextInt());
        }
        return new ReadContent(bases, qualities.draw(rng, length), null, 0, 0);
    }

    /** Alignment score in the style of BWA: matches minus a penalty per difference. */
    public int alignmentScore() {
        return Math.max(0, alignedBases - 5 * nm);
    }

    private static int mismatchCount(SplittableRandom rng) {
        double p = rng.nextDouble();
        if (p < 0.70) return 0;
        if (p < 0.90) return 1;
        if (p < 0.97) return 2;
        return rng.nextInt(3, 6);
    }
}
