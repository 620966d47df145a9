package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.testing.Cli;
import io.bams3.testing.CohortBams;
import io.bams3.testing.Samtools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bams3 cohort create/ls/add/remove} and {@code bams3 stats COHORT} on local disk: members
 * are checked before anything is written (a missing member, another reference dictionary: one line
 * naming it), TSV member lists, and per-sample counts equal to samtools' on the source BAMs.
 */
@Tag("samtools")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortCommandsTest {
    @TempDir
    static Path dir;

    private List<CohortBams.Member> members;

    @BeforeAll
    void convert() {
        assumeTrue(Samtools.available(), "samtools is not installed");
        members = CohortBams.write(dir);
        for (CohortBams.Member m : members) {
            ok(Cli.run(
                    "convert",
                    m.bam().toString(),
                    dir.resolve("ds/" + m.sample() + ".bams3").toString()));
        }
        ok(Cli.run(
                "convert",
                CohortBams.otherDictionary().toString(),
                dir.resolve("ds/chrm.bams3").toString()));
    }

    private static Cli.Result ok(Cli.Result r) {
        assertThat(r.exit()).as(r.stderr()).isZero();
        return r;
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    private String member(int i) {
        return members.get(i).sample() + "=ds/" + members.get(i).sample() + ".bams3";
    }

    @Test
    void anotherReferenceDictionaryIsRefusedInOneLineAndNothingIsWritten() {
        Cli.Result r = Cli.run(
                "cohort", "create", path("mixed.cohort"), "--member", member(0), "--member", "chrm=ds/chrm.bams3");
        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr().lines().toList())
                .singleElement()
                .asString()
                .startsWith("bams3 cohort create: error: ")
                .contains("member 'chrm'")
                .contains("reference 1 is chrM (16571 bp), not 1 (249250621 bp)");
        assertThat(dir.resolve("mixed.cohort")).doesNotExist();

        Cli.Result missing =
                Cli.run("cohort", "create", path("missing.cohort"), "--member", member(0), "--member", "x=ds/x.bams3");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.stderr().lines().toList()).singleElement().asString().contains("member 'x'");
        assertThat(dir.resolve("missing.cohort")).doesNotExist();
    }

    @Test
    void createFromTsvThenLsAddRemove() throws IOException {
        Path tsv = dir.resolve("members.tsv");
        Files.writeString(
                tsv,
                "sample\tdataset\n# the trio's first two\n\n" + member(0).replace('=', '\t') + "\n"
                        + member(1).replace('=', '\t') + "\n");
        String cohort = path("tsv.cohort");
        ok(Cli.run("cohort", "create", cohort, "--members", tsv.toString()));
        assertThat(ok(Cli.run("cohort", "ls", cohort)).out())
                .isEqualTo("NA12878\tds/NA12878.bams3\nHG00100\tds/HG00100.bams3\n");

        Cli.Result again = Cli.run("cohort", "create", cohort, "--member", member(2));
        assertThat(again.exit()).isNotZero();
        assertThat(again.stderr()).contains("exists").contains("--force");
        assertThat(ok(Cli.run("cohort", "ls", cohort)).out()).startsWith("NA12878\t");

        // add checks the new member's dictionary against the cohort's
        Cli.Result other = Cli.run("cohort", "add", cohort, "--member", "chrm=ds/chrm.bams3");
        assertThat(other.exit()).isNotZero();
        assertThat(other.stderr().lines().toList()).singleElement().asString().contains("member 'chrm'");
        assertThat(ok(Cli.run("cohort", "ls", cohort)).out().lines()).hasSize(2);

        ok(Cli.run("cohort", "add", cohort, "--member", member(3), "--member", member(4)));
        ok(Cli.run("cohort", "remove", cohort, "HG00100"));
        assertThat(ok(Cli.run("cohort", "ls", cohort)).out())
                .isEqualTo("NA12878\tds/NA12878.bams3\nnorg\tds/norg.bams3\nSRR098401\tds/SRR098401.bams3\n");
        List<String> longLs =
                ok(Cli.run("cohort", "ls", "--long", cohort)).out().lines().toList();
        assertThat(longLs.get(0)).isEqualTo("SAMPLE\tDATASET\tMAPPED\tUNMAPPED\tLOCATION");
        assertThat(longLs.get(1))
                .isEqualTo("NA12878\tds/NA12878.bams3\t" + mapped(members.get(0)) + "\t" + unmapped(members.get(0))
                        + "\t" + dir.resolve("ds/NA12878.bams3"));

        Cli.Result unknown = Cli.run("cohort", "remove", cohort, "nobody");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.stderr()).contains("'nobody'");

        ok(Cli.run("cohort", "create", "--force", cohort, "--member", member(2)));
        assertThat(ok(Cli.run("cohort", "ls", cohort)).out()).isEqualTo("NA12878-sub\tds/NA12878-sub.bams3\n");

        Cli.Result notACohort = Cli.run("cohort", "ls", path("ds/NA12878.bams3"));
        assertThat(notACohort.exit()).isNotZero();
        assertThat(notACohort.stderr()).contains(".cohort");
    }

    private static long idxstatsColumn(CohortBams.Member m, int column) {
        return Samtools.run("idxstats", m.bam().toString()).stream()
                .mapToLong(l -> Long.parseLong(l.split("\t")[column]))
                .sum();
    }

    private static long mapped(CohortBams.Member m) {
        return idxstatsColumn(m, 2);
    }

    private static long unmapped(CohortBams.Member m) {
        return idxstatsColumn(m, 3);
    }

    @Test
    void statsPerSampleEqualSamtoolsCounts() {
        List<String> args = new ArrayList<>(List.of("cohort", "create", path("stats.cohort")));
        for (int i = 0; i < members.size(); i++) {
            args.addAll(List.of("--member", member(i)));
        }
        ok(Cli.run(args.toArray(String[]::new)));
        List<String> table =
                ok(Cli.run("stats", path("stats.cohort"))).out().lines().toList();
        assertThat(table.get(0)).isEqualTo("SAMPLE\tMAPPED\tUNMAPPED\tTOTAL");
        assertThat(table).hasSize(members.size() + 1);
        for (int i = 0; i < members.size(); i++) {
            CohortBams.Member m = members.get(i);
            long total = Long.parseLong(
                    Samtools.run("view", "-c", m.bam().toString()).get(0));
            assertThat(mapped(m) + unmapped(m)).isEqualTo(total);
            assertThat(table.get(i + 1)).isEqualTo(m.sample() + "\t" + mapped(m) + "\t" + unmapped(m) + "\t" + total);
        }

        List<String> byRef = ok(Cli.run("stats", "--by-reference", path("stats.cohort")))
                .out()
                .lines()
                .toList();
        for (CohortBams.Member m : members) {
            List<String> rows = byRef.stream()
                    .filter(l -> l.startsWith(m.sample() + "\t"))
                    .map(l -> l.substring(m.sample().length() + 1))
                    .toList();
            assertThat(rows)
                    .as(m.sample())
                    .containsExactlyElementsOf(Samtools.run("idxstats", m.bam().toString()));
        }

        JsonNode json = JsonMapper.builder()
                .build()
                .readTree(ok(Cli.run("stats", "--json", path("stats.cohort"))).out());
        JsonNode samples = json.get("samples");
        assertThat(samples.size()).isEqualTo(members.size());
        for (int i = 0; i < members.size(); i++) {
            JsonNode s = samples.get(i);
            CohortBams.Member m = members.get(i);
            assertThat(s.get("sample").asString()).isEqualTo(m.sample());
            assertThat(s.get("mapped").asLong()).isEqualTo(mapped(m));
            assertThat(s.get("unmapped").asLong()).isEqualTo(unmapped(m));
            assertThat(s.get("records").asLong()).isEqualTo(mapped(m) + unmapped(m));
            // the dataset's own stats --json fields, unchanged
            JsonNode own = JsonMapper.builder()
                    .build()
                    .readTree(ok(Cli.run("stats", "--json", path("ds/" + m.sample() + ".bams3")))
                            .out());
            own.propertyNames().forEach(f -> assertThat(s.get(f)).as(f).isEqualTo(own.get(f)));
        }
    }
}
