package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.htsget.HtsgetJson;
import io.bams3.htsget.Ticket;
import io.bams3.query.Dataset;
import io.bams3.query.Region;
import io.bams3.query.RegionIdentityTest;
import io.bams3.store.LocalObjectStore;
import io.bams3.store.ObjectStore;
import io.bams3.store.S3Location;
import io.bams3.store.S3ObjectStore;
import io.bams3.testing.Bams3Queries;
import io.bams3.testing.LongReadBam;
import io.bams3.testing.RegionsBody;
import io.bams3.testing.S3MockServer;
import io.bams3.testing.Samtools;
import io.bams3.testing.ServedDatasets;
import io.bams3.testing.TestServer;
import io.bams3.testing.TicketFetcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * allows): those are filtered before comparing and counted. Presigned tickets are also checked
 * with several overlapping regions (every record once, in file order), and against a server that
 * hands out one span per chunk object, as presigned tickets did before they skipped large gaps.
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
    /** Presigned, with every gap of a chunk object fetched: one span per chunk object. */
    private TestServer oneSpan;
    /** Source BAMs of the datasets only this test serves: id -> BAM. */
    private final Map<String, Path> extraSources = new LinkedHashMap<>();

    @BeforeAll
    void start() {
        Assumptions.assumeTrue(Samtools.available(), "samtools is not installed");
        streamed = TestServer.start(Map.of(
                "bams3.roots[0].location", ServedDatasets.localRoot().toString(), "bams3.tickets.mode", "streamed"));
        S3MockServer s3 = S3MockServer.get();
        String bucket = s3.newBucket("served");
        ServedDatasets.convertAll(key -> new S3ObjectStore(s3.clients(), new S3Location(bucket, "served/" + key)));
        // the edge cases and dense reads with long N-skips in 16 MiB chunks (the default), where
        // the ranges a region needs from one chunk can lie megabytes apart
        try {
            Path dir = Files.createTempDirectory("bams3-presign");
            dir.toFile().deleteOnExit();
            extraSources.put("edge16m", ServedDatasets.edgeBam());
            extraSources.put("longreads", LongReadBam.write(dir.resolve("longreads.bam"), 5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        extraSources.forEach((id, source) -> {
            try (ObjectStore store =
                    new S3ObjectStore(s3.clients(), new S3Location(bucket, "served/" + id + ".bams3"))) {
                new Converter(
                                new ConvertOptions(Codec.BGZF, ConvertOptions.DEFAULT_CHUNK_BYTES, 2, false),
                                ProgressListener.NONE)
                        .convert(source, store);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Map<String, String> s3Root = Map.of(
                "bams3.roots[0].location",
                "s3://" + bucket + "/served",
                "bams3.s3.endpoint-url",
                s3.endpoint().toString(),
                "bams3.s3.region",
                "us-east-1");
        Map<String, String> auto = new HashMap<>(s3Root);
        auto.put("bams3.tickets.mode", "auto");
        presigned = TestServer.start(auto);
        Map<String, String> wide = new HashMap<>(s3Root);
        wide.put("bams3.tickets.mode", "presigned");
        wide.put("bams3.tickets.presign-max-gap", "1TB");
        oneSpan = TestServer.start(wide);
    }

    @AfterAll
    void stop() {
        if (streamed != null) streamed.close();
        if (presigned != null) presigned.close();
        if (oneSpan != null) oneSpan.close();
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
        assertRangesDisjointAndOrdered(t);
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
        return compare(server, id, spec.source(), regions);
    }

    /**
     * samtools view on one ticket per region: the lines overlapping the region must be samtools'
     * own for the source BAM, the others are counted as extra.
     */
    private Outcome compare(TestServer server, String id, Path source, List<Region> regions) throws Exception {
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
        List<String> args = new ArrayList<>(List.of("view", source.toString()));
        regions.forEach(r -> args.add(Bams3Queries.samtoolsRegion(r)));
        List<String> expected = Samtools.run(args.toArray(String[]::new));
        assertThat(ours)
                .as("SAM lines of %d regions of %s via %s", regions.size(), id, server.base())
                .hasSameSizeAs(expected)
                .containsExactlyElementsOf(expected);
        return new Outcome(regions.size(), ours.size(), extra);
    }

    @Test
    void presignedTicketsOfOverlappingRegionsGiveEveryRecordOnceInFileOrder() throws Exception {
        // overlapping, nested and touching regions, several in one chunk, on references with
        // reads that have long N-skips (chrA) and deletions (chrB), given out of order
        List<Region> edge = List.of(
                new Region(0, "chrA", 1_040_000, 1_100_000),
                new Region(0, "chrA", 1_000_000, 1_050_000),
                new Region(0, "chrA", 1_090_000, 1_090_500),
                new Region(0, "chrA", 1_049_999, 1_050_001),
                new Region(0, "chrA", 1_100_000, 1_100_300),
                new Region(0, "chrA", 2_500_000, 2_500_100),
                new Region(2, "chrB", 155_000, 170_000),
                new Region(2, "chrB", 150_000, 160_000),
                new Region(2, "chrB", 900_000, 900_050));
        List<Region> dense = List.of(
                new Region(0, LongReadBam.REF, 150_000, 151_000),
                new Region(0, LongReadBam.REF, 150_500, 152_000),
                new Region(0, LongReadBam.REF, 120_000, 120_010),
                new Region(0, LongReadBam.REF, 180_000, 180_200),
                new Region(0, LongReadBam.REF, 180_100, 180_150));
        Map<String, Path> sources = new LinkedHashMap<>();
        sources.put("edge", ServedDatasets.all().get("edge").source());
        sources.putAll(extraSources);
        for (TestServer server : List.of(presigned, oneSpan)) {
            for (Map.Entry<String, Path> e : sources.entrySet()) {
                String id = e.getKey();
                List<Region> regions = id.equals("longreads") ? dense : edge;
                Ticket t = HtsgetJson.parseTicket(post(server, id, regions));
                List<Ticket.Url> http =
                        t.urls().stream().filter(u -> !u.inline()).toList();
                assertThat(http)
                        .as("%s: presigned", id)
                        .isNotEmpty()
                        .allSatisfy(u -> assertThat(u.url()).contains("X-Amz-Signature="));
                assertRangesDisjointAndOrdered(t);
                long objects = http.stream()
                        .map(u -> u.url().substring(0, u.url().indexOf('?')))
                        .distinct()
                        .count();
                if (server == oneSpan) {
                    assertThat(http).as("%s: one span per chunk object", id).hasSize((int) objects);
                } else if (id.equals("longreads")) {
                    assertThat(http.size())
                            .as("longreads: ranges megabytes apart get URLs of their own")
                            .isGreaterThan((int) objects);
                }
                List<String> lines = samLines(TicketFetcher.fetch(t));

                List<String> all = Samtools.run("view", e.getValue().toString());
                Map<String, Integer> order = new HashMap<>();
                for (int i = 0; i < all.size(); i++) {
                    order.put(all.get(i), i);
                }
                assertThat(new HashSet<>(lines))
                        .as("%s via %s: no record twice", id, server.base())
                        .hasSameSizeAs(lines);
                int previous = -1;
                for (String line : lines) {
                    Integer at = order.get(line);
                    assertThat(at).as("%s: a record of the source", id).isNotNull();
                    assertThat(at).as("%s: records in file order", id).isGreaterThan(previous);
                    previous = at;
                }
                List<String> args =
                        new ArrayList<>(List.of("view", "-M", e.getValue().toString()));
                regions.forEach(r -> args.add(Bams3Queries.samtoolsRegion(r)));
                List<String> expected = Samtools.run(args.toArray(String[]::new));
                List<String> filtered = lines.stream()
                        .filter(l -> regions.stream().anyMatch(r -> overlaps(l, r)))
                        .toList();
                assertThat(filtered)
                        .as("%s via %s: records in the regions are samtools -M's", id, server.base())
                        .isNotEmpty()
                        .containsExactlyElementsOf(expected);
                System.out.printf(
                        "presigned, %d regions of %s%s: %d URLs, %d records in the regions, %d extra (%.2f%%)%n",
                        regions.size(),
                        id,
                        server == oneSpan ? " (one span per chunk)" : "",
                        http.size(),
                        filtered.size(),
                        lines.size() - filtered.size(),
                        100.0 * (lines.size() - filtered.size()) / lines.size());
            }
        }
    }

    @Test
    void presignedTicketsSkipFarApartRangesOfAChunkSoLongReadsPullInFewerRecords() throws Exception {
        for (String id : extraSources.keySet()) {
            List<Region> regions = new ArrayList<>();
            Random rnd = new Random(id.hashCode());
            for (int i = 0; i < 40; i++) {
                if (id.equals("longreads")) {
                    int beg = rnd.nextInt(LongReadBam.LENGTH - 2_000);
                    regions.add(new Region(0, LongReadBam.REF, beg, beg + 1 + rnd.nextInt(2_000)));
                } else {
                    int beg = rnd.nextInt(2_990_000);
                    regions.add(new Region(0, "chrA", beg, beg + 1 + rnd.nextInt(10_000)));
                }
            }
            Outcome split = compare(presigned, id, extraSources.get(id), regions);
            Outcome span = compare(oneSpan, id, extraSources.get(id), regions);
            assertThat(split.lines()).isEqualTo(span.lines());
            assertThat(split.extra())
                    .as("%s: skipping far-apart ranges never adds records", id)
                    .isLessThanOrEqualTo(span.extra());
            double before = 100.0 * span.extra() / (span.lines() + span.extra());
            double after = 100.0 * split.extra() / (split.lines() + split.extra());
            System.out.printf(
                    "samtools, presigned, %s (16 MiB chunks): %d regions, %d SAM lines identical; extra records"
                            + " %d (%.2f%%) with one span per chunk, %d (%.2f%%) with gaps of 256 KiB or more skipped%n",
                    id, regions.size(), split.lines(), span.extra(), before, split.extra(), after);
            if (id.equals("longreads")) {
                assertThat(split.extra())
                        .as("longreads: megabytes between a spliced read's block and the region are skipped")
                        .isLessThan(span.extra() / 2);
            }
        }
    }

    /** Ranges of one chunk object in a ticket are in offset order, neither overlapping nor touching. */
    private static void assertRangesDisjointAndOrdered(Ticket t) {
        Map<String, Long> end = new HashMap<>();
        for (Ticket.Url u : t.urls()) {
            if (u.inline()) {
                continue;
            }
            String object = u.url().substring(0, u.url().indexOf('?'));
            String[] range =
                    u.headers().get("Range").substring("bytes=".length()).split("-");
            long from = Long.parseLong(range[0]);
            long last = Long.parseLong(range[1]);
            assertThat(last).isGreaterThanOrEqualTo(from);
            Long previous = end.put(object, last + 1);
            if (previous != null) {
                assertThat(from)
                        .as("the next range of %s starts after a gap", object)
                        .isGreaterThan(previous);
            }
        }
    }

    private static byte[] post(TestServer server, String id, List<Region> regions) {
        var response = server.post("/reads/" + id, RegionsBody.of(regions), "Content-Type", "application/json");
        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return response.body();
    }

    /** samtools view of a whole BAM's bytes. */
    private static List<String> samLines(byte[] bam) throws IOException {
        Path file = Files.createTempFile("bams3-presigned", ".bam");
        try {
            Files.write(file, bam);
            return Samtools.run("view", file.toString());
        } finally {
            Files.deleteIfExists(file);
        }
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
