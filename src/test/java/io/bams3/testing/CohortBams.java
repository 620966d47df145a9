package io.bams3.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The BAMs of the test cohort, made with samtools from the real test BAMs, and the oracle for a
 * merged cohort answer: {@code samtools view} on each member's source BAM, each line's RG set as
 * docs/FORMAT.md §15 says (written out per member below, not computed by the code under test),
 * merged by reference (header order, unplaced last), POS, then member order.
 *
 * <p>Members, in order: NA12878 (reads on 11 and 20 and unplaced, RG SRR098401); HG00100 (the
 * mpileup BAM: reads on 17, 53 read groups ERR...); NA12878-sub (half of NA12878's reads, its RG
 * SRR098401 collides and becomes SRR098401-NA12878-sub); norg (a third of NA12878's reads with no
 * RG tag and no @RG line: its records get RG norg); SRR098401 (half of the mpileup reads: every
 * ERR... group collides and gets -SRR098401, and its sample's own group collides with NA12878's
 * SRR098401 and becomes SRR098401-SRR098401). Every region on 17 is empty in the NA12878 members,
 * every region on 11 or 20 in the mpileup ones.
 */
public final class CohortBams {
    /** A member: sample, source BAM (indexed), the group its RG-less records get, its RG renames. */
    public record Member(String sample, Path bam, String sampleGroup, Map<String, String> renamed) {}

    private CohortBams() {}

    /** Writes the members' BAMs (and indexes) into {@code dir}; in member order. */
    public static List<Member> write(Path dir) {
        Path na = TestBams.path(TestBams.NA12878);
        Path mp = TestBams.path(TestBams.MPILEUP);
        List<Member> out = new ArrayList<>();
        out.add(new Member("NA12878", na, "NA12878", Map.of()));
        out.add(new Member("HG00100", mp, "HG00100", Map.of()));
        Path sub = dir.resolve("na12878-sub.bam");
        Samtools.run("view", "-b", "-s", "7.5", "-o", sub.toString(), na.toString());
        index(sub);
        out.add(new Member("NA12878-sub", sub, "NA12878-sub", Map.of("SRR098401", "SRR098401-NA12878-sub")));
        out.add(new Member("norg", withoutReadGroups(na, dir.resolve("norg.bam")), "norg", Map.of()));
        Path half = dir.resolve("mpileup-half.bam");
        Samtools.run("view", "-b", "-s", "5.5", "-o", half.toString(), mp.toString());
        index(half);
        Map<String, String> renamed = new LinkedHashMap<>();
        for (String line : Samtools.run("view", "-H", mp.toString())) {
            if (line.startsWith("@RG\t")) {
                String id = line.split("\t")[1].substring(3);
                renamed.put(id, id + "-SRR098401");
            }
        }
        out.add(new Member("SRR098401", half, "SRR098401-SRR098401", renamed));
        return out;
    }

    /**
     * {@code n} seeded regions on 11, 17 and 20, where the members' reads are (11:5.0-5.1 Mb,
     * 17:1-4 kb, 20:6.0-6.1 Mb), of 1 bp to 200 kb: each is empty in some members.
     */
    public static List<String> randomRegions(long seed, int n) {
        Random rnd = new Random(seed);
        List<String> out = new ArrayList<>();
        String[] refs = {"11", "17", "20"};
        int[] base = {4_990_000, 0, 5_990_000};
        int[] span = {120_000, 5_000, 120_000};
        for (int i = 0; i < n; i++) {
            int r = rnd.nextInt(3);
            int beg = base[r] + 1 + rnd.nextInt(span[r]);
            int len = new int[] {1, 1_000, 20_000, 200_000}[rnd.nextInt(4)];
            out.add(refs[r] + ":" + beg + "-" + (beg + len - 1));
        }
        return out;
    }

    /** A BAM whose reference dictionary differs from the cohort's (hg19 chrM and chrY). */
    public static Path otherDictionary() {
        return TestBams.path(TestBams.CHRM);
    }

    private static Path withoutReadGroups(Path source, Path out) {
        try {
            Path sam = Files.createTempFile(out.getParent(), "norg", ".sam");
            Samtools.run("view", "-h", "-s", "3.3", "-x", "RG", "-o", sam.toString(), source.toString());
            List<String> lines = Files.readAllLines(sam, StandardCharsets.ISO_8859_1);
            lines.removeIf(l -> l.startsWith("@RG\t"));
            Files.write(sam, lines, StandardCharsets.ISO_8859_1);
            Samtools.run("view", "-b", "-o", out.toString(), sam.toString());
            Files.delete(sam);
            index(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void index(Path bam) {
        Samtools.run("index", bam.toString());
    }

    /**
     * The merged answer's SAM lines for {@code regions} (samtools syntax; several: {@code -M};
     * none: every record) across {@code members}, in their order.
     */
    public static List<String> expected(List<Member> members, List<String> regions) {
        return expected(members, regions, List.of());
    }

    /**
     * As {@link #expected(List, List)}, each member's records filtered by samtools' own {@code
     * options} (e.g. {@code -q 20 -F 0x400}) before the merge.
     */
    public static List<String> expected(List<Member> members, List<String> regions, List<String> options) {
        Map<String, Integer> refOrder = new HashMap<>();
        for (String line : Samtools.run("view", "-H", members.get(0).bam().toString())) {
            if (line.startsWith("@SQ\t")) {
                refOrder.put(line.split("\t")[1].substring(3), refOrder.size());
            }
        }
        record Line(int ref, long pos, int member, String text) {}
        List<Line> all = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            Member member = members.get(m);
            List<String> args = new ArrayList<>(List.of("view"));
            if (regions.size() > 1) {
                args.add("-M");
            }
            args.addAll(options);
            args.add(member.bam().toString());
            args.addAll(regions);
            for (String line : Samtools.run(args.toArray(String[]::new))) {
                String[] f = line.split("\t", 5);
                int ref = f[2].equals("*") ? Integer.MAX_VALUE : refOrder.get(f[2]);
                all.add(new Line(ref, Long.parseLong(f[3]), m, withReadGroup(line, member)));
            }
        }
        // a stable sort: each member's own order stays
        all.sort(Comparator.comparingInt(Line::ref).thenComparingLong(Line::pos).thenComparingInt(Line::member));
        return all.stream().map(Line::text).toList();
    }

    /** The line with its RG tag renamed as the member's renames say, or the member's group appended. */
    static String withReadGroup(String line, Member member) {
        String[] f = line.split("\t", -1);
        for (int i = 11; i < f.length; i++) {
            if (f[i].startsWith("RG:Z:")) {
                String id = f[i].substring(5);
                f[i] = "RG:Z:" + member.renamed().getOrDefault(id, id);
                return String.join("\t", f);
            }
        }
        return line + "\tRG:Z:" + member.sampleGroup();
    }
}
