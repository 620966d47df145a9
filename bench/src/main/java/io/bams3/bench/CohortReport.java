package io.bams3.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** The cohort benchmark's results as Markdown: set-up, then per cohort size and region the four ways. */
final class CohortReport {
    private final Environment environment;
    private final String loadAtStart;
    private final Duration latency;
    private final Set<String> ways;
    private final long seed;
    private final String fraction;

    double membersSeconds;
    double setupSeconds;
    long bamBytes;
    long proxyRetries;
    long parallelRetries;
    double seconds;
    String loadAtEnd;
    final List<CohortBench.Cell> cells = new ArrayList<>();
    final List<CohortBench.FirstTicket> firstTickets = new ArrayList<>();

    CohortReport(
            Environment environment,
            String loadAtStart,
            Duration latency,
            Set<String> ways,
            long seed,
            String fraction) {
        this.environment = environment;
        this.loadAtStart = loadAtStart;
        this.latency = latency;
        this.ways = ways;
        this.seed = seed;
        this.fraction = fraction;
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("## Cohorts: one region across many members (part cohort)\n\n");
        sb.append(environment.markdown()).append('\n');
        sb.append(fmt(
                "Load average at start: %s; at end: %s. The part took %.0f s: member BAMs %.0f s (cached in "
                        + "bench/work after the first run), upload of BAMs + BAIs and in-process conversion into "
                        + "S3Mock %.0f s, then the queries. Ways run: %s.%n%n",
                loadAtStart, loadAtEnd, seconds, membersSeconds, setupSeconds, String.join(" ", ways)));
        sb.append(fmt(
                "Members: the synthetic BAM's first island (%s:%,d-%,d, about 30x) cut out once, then per member "
                        + "`samtools view -s I.%s` (seed I = member number), so about %.0fx each, distinct records, "
                        + "one reference dictionary; %.0f MB of BAM + BAI for the largest cohort. Each member is in "
                        + "one S3Mock bucket twice: its BAM + BAI, and the dataset `Converter` wrote from it "
                        + "(BGZF, default chunks); cohort manifests name the first N members (relative references). "
                        + "Every S3 response is held back %d ms by a proxy in front of S3Mock, and every client "
                        + "reaches S3 through it. One seeded (%d) region per size inside the island. One run per "
                        + "cell, wall seconds of the client.%n%n",
                CohortMembers.CONTIG,
                CohortMembers.ISLAND.start() + 1,
                CohortMembers.ISLAND.end(),
                fraction,
                30 * Double.parseDouble("0." + fraction),
                bamBytes / 1e6,
                latency.toMillis(),
                seed));
        sb.append("### Wall time (s)\n\n");
        sb.append(table("%.2f", CohortBench.Way::seconds)).append('\n');
        sb.append("### S3 requests through the proxy\n\n");
        sb.append(table("%.0f", w -> w.requests())).append('\n');
        sb.append("### Bytes received through the proxy (MB)\n\n");
        sb.append(table("%.2f", w -> w.bytes() / 1e6)).append('\n');
        sb.append("### Peak RSS (MB)\n\n");
        sb.append(rssTable()).append('\n');
        if (!firstTickets.isEmpty()) {
            sb.append("### The server's first ticket of each cohort (member metadata cold)\n\n");
            MarkdownTable t = new MarkdownTable("members", "wall (s)", "records", "S3 requests", "MB");
            for (CohortBench.FirstTicket f : firstTickets) {
                t.row(
                        f.members(),
                        fmt("%.2f", f.way().seconds()),
                        fmt("%,d", f.way().count()),
                        f.way().requests(),
                        fmt("%.2f", f.way().bytes() / 1e6));
            }
            sb.append(t).append('\n');
        }
        sb.append(fmt(
                "What each column is:%n"
                        + "- **bams3 CLI**: `bin/bams3 view -c s3://BUCKET/datasets/cohortN.cohort REGION "
                        + "--endpoint-url PROXY`, a new JVM each run: manifest, every member's metadata and the "
                        + "region's chunk data are read cold every time. Peak RSS from GNU time.%n"
                        + "- **htsget**: `samtools view -c` on `http://SERVER/reads/cohortN?referenceName=..&start=..&end=..`, "
                        + "one `bams3 serve` (`-Xmx1g`, streamed) started once with the bucket's `datasets/` as "
                        + "root; before each cohort's rows it answered one untimed ticket of another 1 kb region "
                        + "(the table above), so member metadata is warm, chunk data is not (the server caches no "
                        + "records). Peak RSS: the server process's resident set sampled every 20 ms during the "
                        + "request (a long-running JVM: it includes what earlier requests grew the heap to).%n"
                        + "- **samtools seq** / **samtools x%d**: one `samtools view -c s3+http://BUCKET/bam/mNNN.bam "
                        + "REGION` per member, one after another / %d processes at a time (as `xargs -P %d`), in "
                        + "an emptied working directory, so each fetches its BAI and header then the region's "
                        + "blocks. Their counts are the sum over members. In the x%d runs, %d processes failed "
                        + "to fetch their BAI (htslib: \"Could not retrieve index file\"; not seen one at a time) "
                        + "and were run once more; their time includes both runs.%n"
                        + "- The proxy sent %d GET/HEAD requests upstream a second time after the upstream "
                        + "exchange failed (invisible to the client, counted once above).%n"
                        + "- Every bams3 count was checked to equal the sum of the per-member samtools counts (the "
                        + "run fails otherwise); the parallel per-member counts equal the sequential ones where the parallel run did not fail.%n",
                CohortBench.PARALLEL,
                CohortBench.PARALLEL,
                CohortBench.PARALLEL,
                CohortBench.PARALLEL,
                parallelRetries,
                proxyRetries));
        return sb.toString();
    }

    private String table(String format, ToDoubleFunction<CohortBench.Way> f) {
        MarkdownTable t = new MarkdownTable(
                "members",
                "region",
                "records",
                "bams3 CLI",
                "htsget",
                "samtools seq",
                fmt("samtools x%d", CohortBench.PARALLEL),
                "CLI / samtools seq",
                fmt("CLI / samtools x%d", CohortBench.PARALLEL),
                "htsget / samtools seq");
        for (CohortBench.Cell c : cells) {
            t.row(
                    c.members(),
                    CohortBench.SIZE_NAMES[c.size()],
                    c.sequential() != null ? fmt("%,d", c.sequential().count()) : count(c),
                    cell(c.cli(), format, f),
                    cell(c.htsget(), format, f),
                    cell(c.sequential(), format, f),
                    cell(c.parallel(), format, f),
                    ratio(c.cli(), c.sequential(), f),
                    ratio(c.cli(), c.parallel(), f),
                    ratio(c.htsget(), c.sequential(), f));
        }
        return t.toString();
    }

    private static String count(CohortBench.Cell c) {
        CohortBench.Way w = c.cli() != null ? c.cli() : c.htsget();
        return w == null ? "-" : fmt("%,d", w.count());
    }

    private String rssTable() {
        MarkdownTable t = new MarkdownTable("members", "region", "bams3 CLI JVM", "htsget server JVM");
        for (CohortBench.Cell c : cells) {
            t.row(
                    c.members(),
                    CohortBench.SIZE_NAMES[c.size()],
                    c.cli() == null || c.cli().rssKb() < 0
                            ? "-"
                            : fmt("%.0f", c.cli().rssKb() / 1024.0),
                    c.htsget() == null ? "-" : fmt("%.0f", c.htsget().rssKb() / 1024.0));
        }
        return t.toString();
    }

    private static String cell(CohortBench.Way w, String format, ToDoubleFunction<CohortBench.Way> f) {
        if (w == CohortBench.FAILED) {
            return "failed";
        }
        return w == null ? "-" : fmt(format, f.applyAsDouble(w));
    }

    private static String ratio(CohortBench.Way a, CohortBench.Way b, ToDoubleFunction<CohortBench.Way> f) {
        if (a == null || b == null || a == CohortBench.FAILED || b == CohortBench.FAILED || f.applyAsDouble(b) == 0) {
            return "-";
        }
        return fmt("%.2fx", f.applyAsDouble(a) / f.applyAsDouble(b));
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
