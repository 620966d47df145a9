package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.htsget.HtsgetJson;
import io.bams3.htsget.Ticket;
import io.bams3.query.Dataset;
import io.bams3.query.Region;
import io.bams3.query.RegionIdentityTest;
import io.bams3.store.LocalObjectStore;
import io.bams3.store.S3Location;
import io.bams3.store.S3ObjectStore;
import io.bams3.testing.Bams3Queries;
import io.bams3.testing.S3MockServer;
import io.bams3.testing.Samtools;
import io.bams3.testing.ServedDatasets;
import io.bams3.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * samtools view on ticket URLs, for hundreds of regions per dataset, in both ticket modes: streamed
 * from local storage, and presigned S3 URLs (S3Mock). SAM lines must equal samtools view on the
 * source BAM; the presigned mode may add records outside the region (whole BGZF blocks, as htsget
 * allows): those are filtered before comparing and counted.
 */
@Tag("server")
@Tag("samtools")
@ExtendWith(S3MockServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamtoolsClientTest {
    private static final int REGIONS_PER_DATASET = 250;
    private static final List<String> IDS = List.of("small/na12878", "chrm", "edge", "zstd/chrm");
    private TestServer streamed;
    private TestServer presigned;

    @BeforeAll
    void start() {
        Assumptions.assumeTrue(Samtools.available(), "samtools is not installed");
        streamed = TestServer.start(Map.of(
                "bams3.roots[0].location", ServedDatasets.localRoot().toString(), "bams3.tickets.mode", "streamed"));
        S3MockServer s3 = S3MockServer.get();
        String bucket = s3.newBucket("served");
        ServedDatasets.convertAll(key -> new S3ObjectStore(s3.clients(), new S3Location(bucket, "served/" + key)));
        presigned = TestServer.start(Map.of(
                "bams3.roots[0].location",
                "s3://" + bucket + "/served",
                "bams3.s3.endpoint-url",
                s3.endpoint().toString(),
                "bams3.s3.region",
                "us-east-1",
                "bams3.tickets.mode",
                "auto"));
    }

    @AfterAll
    void stop() {
        if (streamed != null) streamed.close();
        if (presigned != null) presigned.close();
    }

    @Test
    void streamedTicketsGiveExactlySamtoolsRecords() throws Exception {
        for (String id : IDS) {
            Outcome o = compare(streamed, id);
            assertThat(o.extra()).as("streamed tickets add no records (%s)", id).isZero();
            System.out.printf(
                    "samtools, streamed, %s: %d regions, %d SAM lines identical%n", id, o.regions(), o.lines());
        }
    }

    @Test
    void presignedTicketsPointAtTheStoreAndGiveSamtoolsRecordsPlusBlockOverfetch() throws Exception {
        Ticket t = HtsgetJson.parseTicket(presigned
                .get("/reads/small/na12878?referenceName=11&start=5000000&end=5100000")
                .body());
        List<Ticket.Url> http = t.urls().stream().filter(u -> !u.inline()).toList();
        assertThat(http).isNotEmpty().allSatisfy(u -> {
            assertThat(u.url()).contains("X-Amz-Signature=").doesNotContain(presigned.base());
            assertThat(u.headers().get("Range")).matches("bytes=\\d+-\\d+");
        });
        assertThat(http.stream()
                        .map(u -> u.url().substring(0, u.url().indexOf('?')))
                        .distinct()
                        .count())
                .as("at most one URL per chunk object")
                .isEqualTo(http.size());
        Ticket z = HtsgetJson.parseTicket(presigned
                .get("/reads/zstd/chrm?referenceName=chrM&start=100&end=200")
                .body());
        assertThat(z.urls().stream().filter(u -> !u.inline()).map(Ticket.Url::url))
                .as("zstd chunks are streamed")
                .allMatch(u -> u.startsWith(presigned.base() + "/reads/data/"));
        Ticket f = HtsgetJson.parseTicket(presigned
                .get("/reads/chrm?referenceName=chrM&start=100&end=200&notags=MD")
                .body());
        assertThat(f.urls().stream().filter(u -> !u.inline()).map(Ticket.Url::url))
                .as("a tag filter is streamed in auto mode")
                .allMatch(u -> u.startsWith(presigned.base() + "/reads/data/"));

        long lines = 0;
        long extra = 0;
        for (String id : IDS) {
            Outcome o = compare(presigned, id);
            lines += o.lines();
            extra += o.extra();
            System.out.printf(
                    "samtools, presigned, %s: %d regions, %d SAM lines identical, %d extra records outside the regions (%.2f%%)%n",
                    id, o.regions(), o.lines(), o.extra(), 100.0 * o.extra() / Math.max(1, o.lines() + o.extra()));
        }
        assertThat(lines).isPositive();
        assertThat(extra).as("presigned mode over-fetches whole blocks").isPositive();
    }

    private record Outcome(int regions, long lines, long extra) {}

    private Outcome compare(TestServer server, String id) throws Exception {
        ServedDatasets.Spec spec = ServedDatasets.all().get(id);
        List<Region> regions;
        try (LocalObjectStore store =
                new LocalObjectStore(ServedDatasets.localRoot().resolve(id + ".bams3"))) {
            List<Region> all = RegionIdentityTest.regions(Dataset.open(store), new Random(id.hashCode() + 17));
            regions = all.subList(0, Math.min(REGIONS_PER_DATASET, all.size()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> ours = new ArrayList<>();
        long extra = 0;
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (Region r : regions) {
                answers.add(pool.submit(() -> Samtools.run("view", ticketUrl(server, id, r))));
            }
            for (int i = 0; i < regions.size(); i++) {
                for (String line : answers.get(i).get()) {
                    if (overlaps(line, regions.get(i))) {
                        ours.add(line);
                    } else {
                        extra++;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> args = new ArrayList<>(List.of("view", spec.source().toString()));
        regions.forEach(r -> args.add(Bams3Queries.samtoolsRegion(r)));
        List<String> expected = Samtools.run(args.toArray(String[]::new));
        assertThat(ours)
                .as("SAM lines of %d regions of %s via %s", regions.size(), id, server.base())
                .hasSameSizeAs(expected)
                .containsExactlyElementsOf(expected);
        return new Outcome(regions.size(), ours.size(), extra);
    }

    private static String ticketUrl(TestServer server, String id, Region r) {
        String q = "referenceName=" + URLEncoder.encode(r.isUnplaced() ? "*" : r.refName(), StandardCharsets.UTF_8);
        if (!r.isUnplaced()) {
            q += "&start=" + r.beg() + "&end=" + r.end();
        }
        return server.base() + "/reads/" + id + "?" + q;
    }

    /** Whether a SAM line overlaps the region the way htslib decides it (bam_endpos). */
    static boolean overlaps(String line, Region r) {
        String[] f = line.split("\t", 7);
        if (r.isUnplaced()) {
            return f[2].equals("*");
        }
        if (!f[2].equals(r.refName())) {
            return false;
        }
        int flag = Integer.parseInt(f[1]);
        long pos0 = Long.parseLong(f[3]) - 1;
        long rlen = 0;
        if ((flag & 4) == 0 && !f[5].equals("*")) {
            long n = 0;
            for (char c : f[5].toCharArray()) {
                if (Character.isDigit(c)) {
                    n = n * 10 + (c - '0');
                } else {
                    if ("MDN=X".indexOf(c) >= 0) {
                        rlen += n;
                    }
                    n = 0;
                }
            }
        }
        long end0 = pos0 + (rlen == 0 ? 1 : rlen);
        return pos0 < r.end() && end0 > r.beg();
    }
}
