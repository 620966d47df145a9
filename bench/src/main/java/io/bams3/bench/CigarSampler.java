package io.bams3.bench;

import htsjdk.samtools.Cigar;
import htsjdk.samtools.CigarElement;
import htsjdk.samtools.CigarOperator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * CIGAR shapes in roughly the proportions of short-read DNA alignments: mostly full-length
 * matches, some soft clips and small indels, and a few spliced reads (an N skip of 1-50 kb).
 */
public final class CigarSampler {
    /** One read in 10,000 is spliced: enough to show the effect of long-span records on queries. */
    static final double SPLICED = 0.0001;

    static final double INDEL = 0.05;
    static final double SOFT_CLIP = 0.08;

    private CigarSampler() {}

    public static Cigar sample(SplittableRandom rng, int length) {
        double p = rng.nextDouble();
        if (p < SPLICED) {
            int a = rng.nextInt(20, length - 20);
            return cigar(m(a), e(rng.nextInt(1_000, 50_001), CigarOperator.N), m(length - a));
        }
        if (p < SPLICED + INDEL) {
            int a = rng.nextInt(20, length - 30);
            int k = rng.nextInt(1, 6);
            return rng.nextBoolean()
                    ? cigar(m(a), e(k, CigarOperator.I), m(length - a - k))
                    : cigar(m(a), e(k, CigarOperator.D), m(length - a));
        }
        if (p < SPLICED + INDEL + SOFT_CLIP) {
            int c = rng.nextInt(5, 51);
            return rng.nextBoolean()
                    ? cigar(e(c, CigarOperator.S), m(length - c))
                    : cigar(m(length - c), e(c, CigarOperator.S));
        }
        return cigar(m(length));
    }

    /** A split read: the first {@code aligned} bases here, the rest clipped (soft or hard). */
    public static Cigar clippedTail(int aligned, int length, CigarOperator clip) {
        return cigar(m(aligned), e(length - aligned, clip));
    }

    /** The other part of a split read: the first {@code clipped} bases clipped, the rest aligned. */
    public static Cigar clippedHead(int clipped, int length, CigarOperator clip) {
        return cigar(e(clipped, clip), m(length - clipped));
    }

    private static CigarElement m(int n) {
        return e(n, CigarOperator.M);
    }

    private static CigarElement e(int n, CigarOperator op) {
        return new CigarElement(n, op);
    }

    private static Cigar cigar(CigarElement... elements) {
        return new Cigar(List.of(elements));
    }
}
