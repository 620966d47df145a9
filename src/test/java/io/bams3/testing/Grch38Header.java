package io.bams3.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A header shaped like the GRCh38 analysis set with decoys, alts and HLA (hs38DH, what the 1000
 * Genomes high-coverage data and most clinical whole-genome pipelines align to): 3,366 references
 * in its order. The 25 primary assembly names and lengths are GRCh38's; the other names follow its
 * patterns ({@code chr1_KI270706v1_random}, {@code chrUn_GL000195v1}, {@code chrEBV},
 * {@code chr19_KI270938v1_alt}, {@code chrUn_JTFH01000001v1_decoy}, {@code HLA-A*01:01:01:01})
 * with made-up accessions and lengths, deterministic for the class.
 */
public final class Grch38Header {
    /** One {@code @SQ}: name and length in bases. */
    public record Sequence(String name, int length) {}

    public static final int PRIMARY = 25;
    public static final int RANDOM = 42;
    public static final int UN = 127;
    public static final int ALT = 261;
    public static final int DECOY = 2385;
    public static final int HLA = 525;
    public static final int COUNT = PRIMARY + RANDOM + UN + 1 + ALT + DECOY + HLA;

    private static final int[] PRIMARY_LENGTHS = {
        248_956_422, 242_193_529, 198_295_559, 190_214_555, 181_538_259, 170_805_979, 159_345_973,
        145_138_636, 138_394_717, 133_797_422, 135_086_622, 133_275_309, 114_364_328, 107_043_718,
        101_991_189, 90_338_345, 83_257_441, 80_373_285, 58_617_616, 64_444_167, 46_709_983,
        50_818_468, 156_040_895, 57_227_415, 16_569
    };

    private static final String[] HLA_GENES = {"A", "B", "C", "DQA1", "DQB1", "DRB1"};

    private Grch38Header() {}

    /** The 3,366 sequences in header order. */
    public static List<Sequence> sequences() {
        SplittableRandom random = new SplittableRandom(38);
        List<Sequence> out = new ArrayList<>(COUNT);
        for (int i = 0; i < PRIMARY; i++) {
            String name = i < 22 ? "chr" + (i + 1) : i == 22 ? "chrX" : i == 23 ? "chrY" : "chrM";
            out.add(new Sequence(name, PRIMARY_LENGTHS[i]));
        }
        for (int i = 0; i < RANDOM; i++) {
            String chr = "chr" + (1 + i % 22);
            out.add(new Sequence(chr + "_KI270" + (706 + i) + "v1_random", random.nextInt(2_000, 200_000)));
        }
        for (int i = 0; i < UN; i++) {
            String acc = i < 20 ? String.format("GL000%03dv1", 195 + i) : String.format("KI270%03dv1", 300 + i);
            out.add(new Sequence("chrUn_" + acc, random.nextInt(1_000, 180_000)));
        }
        out.add(new Sequence("chrEBV", 171_823));
        for (int i = 0; i < ALT; i++) {
            String chr = "chr" + (1 + i % 22);
            out.add(new Sequence(
                    chr + "_KI27" + String.format("%04d", 938 + i) + "v1_alt", random.nextInt(5_000, 500_000)));
        }
        for (int i = 0; i < DECOY; i++) {
            out.add(new Sequence(
                    String.format(Locale.ROOT, "chrUn_JTFH01%06dv1_decoy", i + 1), random.nextInt(1_000, 40_000)));
        }
        for (int i = 0; i < HLA; i++) {
            String gene = HLA_GENES[i % HLA_GENES.length];
            String allele = String.format(
                    Locale.ROOT,
                    "HLA-%s*%02d:%02d:%02d:%02d",
                    gene,
                    1 + i / 60,
                    1 + (i / 6) % 10,
                    1 + i % 6,
                    1 + i % 3);
            out.add(new Sequence(allele, random.nextInt(2_500, 7_500)));
        }
        return out;
    }

    /** {@code @HD} and one {@code @SQ} line per sequence, then {@code extra} lines (each ending in a newline). */
    public static String samText(List<Sequence> sequences, String extra) {
        StringBuilder sb = new StringBuilder("@HD\tVN:1.6\tSO:coordinate\n");
        for (Sequence s : sequences) {
            sb.append("@SQ\tSN:").append(s.name()).append("\tLN:").append(s.length());
            if (s.name().startsWith("HLA-") || s.name().endsWith("_alt")) {
                sb.append("\tAH:*");
            }
            sb.append("\tAS:GRCh38\n");
        }
        return sb.append(extra).toString();
    }
}
