package io.bams3.cli;

import io.bams3.format.CohortManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The members named on a command line: {@code --member SAMPLE=DATASET} (repeatable) and
 * {@code --members FILE.tsv} ({@code sample<TAB>dataset} per line; blank lines, {@code #}
 * comments and a {@code sample<TAB>dataset} header line are skipped). Dataset references are kept
 * as written: relative ones resolve below the cohort's directory or prefix.
 */
final class MemberOptions {
    @Option(
            names = "--member",
            paramLabel = "SAMPLE=DATASET",
            description = "A member: sample name and dataset (relative to the cohort's directory or prefix, or"
                    + " absolute: /path or s3://bucket/key). Repeatable.")
    List<String> members = new ArrayList<>();

    @Option(
            names = "--members",
            paramLabel = "FILE.tsv",
            description = "Members from a file: sample<TAB>dataset per line (# comments, blank lines skipped).")
    Path file;

    /** The members in the order given: the --members file's, then the --member options'. */
    List<CohortManifest.Member> parse() throws IOException {
        List<CohortManifest.Member> out = new ArrayList<>();
        if (file != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("--members: no file " + file);
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.matches("(?i)sample\\tdataset"))) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 2) {
                    throw new IllegalArgumentException(file + " line " + (i + 1)
                            + ": expected sample<TAB>dataset, found " + f.length + " field(s)");
                }
                out.add(member(f[0].strip(), f[1].strip(), file + " line " + (i + 1)));
            }
        }
        for (String m : members) {
            int eq = m.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("--member '" + m + "': expected SAMPLE=DATASET");
            }
            out.add(member(m.substring(0, eq), m.substring(eq + 1), "--member '" + m + "'"));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no member given: use --member SAMPLE=DATASET or --members FILE.tsv");
        }
        return out;
    }

    private static CohortManifest.Member member(String sample, String dataset, String where) {
        try {
            return new CohortManifest.Member(sample, dataset);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
