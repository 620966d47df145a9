package io.bams3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The member BAMs of the cohort benchmark, cheap to make from one synthetic BAM: its first deeply
 * covered island ({@link #ISLAND}, about 30x at 2,000,000 reads) cut out once, then per member a
 * random share of its records ({@code samtools view -s SEED.FRAC}, member {@code i} seed {@code
 * i + 1}), each with its BAI. Distinct members over one reference dictionary. Cached in a
 * directory: a member whose BAI exists is complete (the BAI is written last).
 */
final class CohortMembers {
    /** The island the members cover: chr1, 0-based half-open. */
    static final SyntheticLayout.Interval ISLAND =
            SyntheticLayout.standard().contigs().get(0).islands().get(0);

    static final String CONTIG = SyntheticLayout.standard().contigs().get(0).name();

    /** A layout of the one island, for drawing query regions inside it. */
    static SyntheticLayout layout() {
        SyntheticLayout.Contig c = SyntheticLayout.standard().contigs().get(0);
        return new SyntheticLayout(List.of(new SyntheticLayout.Contig(c.name(), c.length(), List.of(ISLAND))), 1.0, 0);
    }

    private CohortMembers() {}

    /** Member {@code i}'s name: {@code m001}, ... (sample name, dataset id and BAM name). */
    static String name(int i) {
        return String.format(Locale.ROOT, "m%03d", i + 1);
    }

    /** The first {@code count} member BAMs in {@code dir}, made where missing; {@code fraction} e.g. "33". */
    static List<Path> prepare(Path base, Path dir, int count, String fraction, String samtools, CommandRunner runner)
            throws IOException {
        Files.createDirectories(dir);
        Path island = dir.resolve("island.bam");
        if (!Files.exists(island)) {
            Path tmp = dir.resolve("island.tmp.bam");
            runner.run(List.of(
                    samtools,
                    "view",
                    "-b",
                    "-o",
                    tmp.toString(),
                    base.toString(),
                    CONTIG + ":" + (ISLAND.start() + 1) + "-" + ISLAND.end()));
            Files.move(tmp, island);
        }
        List<Path> bams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path bam = dir.resolve(name(i) + ".bam");
            if (!Files.exists(bai(bam))) {
                Path tmp = dir.resolve(name(i) + ".tmp.bam");
                runner.run(List.of(
                        samtools,
                        "view",
                        "-s",
                        (i + 1) + "." + fraction,
                        "-b",
                        "-o",
                        tmp.toString(),
                        island.toString()));
                Files.move(tmp, bam, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                runner.run(List.of(samtools, "index", bam.toString()));
            }
            bams.add(bam);
        }
        return bams;
    }

    /** The BAI samtools index writes beside a BAM. */
    static Path bai(Path bam) {
        return bam.resolveSibling(bam.getFileName() + ".bai");
    }
}
