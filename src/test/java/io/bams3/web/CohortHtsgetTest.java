package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.cohort.CohortObject;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.format.CohortManifest;
import io.bams3.htsget.HtsgetJson;
import io.bams3.htsget.Ticket;
import io.bams3.store.LocalObjectStore;
import io.bams3.store.ObjectStore;
import io.bams3.store.S3Location;
import io.bams3.store.S3ObjectStore;
import io.bams3.testing.CohortBams;
import io.bams3.testing.S3MockServer;
import io.bams3.testing.Samtools;
import io.bams3.testing.TestServer;
import io.bams3.testing.TicketFetcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cohorts over htsget, with samtools as the client: the test cohort (CohortBams) served from a
 * local root (auto tickets) and from S3Mock (presigned tickets, which a cohort never uses), the
 * answers equal to the oracle (samtools on each member's source, merged, RG as FORMAT.md §15
 * says) for several regions, a region empty in some members, everything, a subset of samples;
 * errors (an unknown sample, samples on a dataset, a malformed manifest, a member outside the
 * roots) are htsget JSON naming no storage location.
 */
@Tag("server")
@Tag("samtools")
@ExtendWith(S3MockServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortHtsgetTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private List<CohortBams.Member> members;
    private Path root;
    private Path outside;
    private String bucket;
    private TestServer local;
    private TestServer presigned;

    @BeforeAll
    void start() throws IOException {
        Assumptions.assumeTrue(Samtools.available(), "samtools is not installed");
        Path work = Files.createTempDirectory("bams3-cohort-htsget");
        work.toFile().deleteOnExit();
        members = CohortBams.write(Files.createDirectories(work.resolve("bams")));
        root = Files.createDirectories(work.resolve("root"));
        convert(key -> new LocalObjectStore(root.resolve(key)));
        try (ObjectStore store = new LocalObjectStore(root)) {
            CohortObject.write(store, "trio.cohort", manifest("members/"));
            store.putBytes("broken.cohort", "{\"format\":\"bams3-cohort\",".getBytes(StandardCharsets.UTF_8));
            // the second member is a real dataset, but outside every root
            outside = Files.createDirectories(work.resolve("elsewhere"));
            convertOne(members.get(1), new LocalObjectStore(outside.resolve("m.bams3")));
            CohortManifest escaping = new CohortManifest(List.of(
                    new CohortManifest.Member("NA12878", "members/NA12878.bams3"),
                    new CohortManifest.Member(
                            "HG00100", outside.resolve("m.bams3").toString())));
            CohortObject.write(store, "escaping.cohort", escaping);
        }
        Files.createDirectories(root.resolve("plain.bams3"));
        convertOne(members.get(0), new LocalObjectStore(root.resolve("plain.bams3")));
        local = TestServer.start(Map.of("bams3.roots[0].location", root.toString()));

        S3MockServer s3 = S3MockServer.get();
        bucket = s3.newBucket("cohorts");
        convert(key -> new S3ObjectStore(s3.clients(), new S3Location(bucket, "c/" + key)));
        try (ObjectStore store = new S3ObjectStore(s3.clients(), new S3Location(bucket, "c"))) {
            CohortObject.write(store, "trio.cohort", manifest("members/"));
        }
        Map<String, String> settings = new HashMap<>(Map.of(
                "bams3.roots[0].location", "s3://" + bucket + "/c",
                "bams3.s3.endpoint-url", s3.endpoint().toString(),
                "bams3.s3.region", "us-east-1",
                "bams3.tickets.mode", "presigned",
                "bams3.cohorts.buffer-bytes", "1MB"));
        presigned = TestServer.start(settings);
    }

    @AfterAll
    void stop() {
        if (local != null) local.close();
        if (presigned != null) presigned.close();
    }

    private CohortManifest manifest(String prefix) {
        return new CohortManifest(members.stream()
                .map(m -> new CohortManifest.Member(m.sample(), prefix + m.sample() + ".bams3"))
                .toList());
    }

    private void convert(Function<String, ObjectStore> storeOf) {
        for (CohortBams.Member m : members) {
            convertOne(m, storeOf.apply("members/" + m.sample() + ".bams3"));
        }
    }

    private static void convertOne(CohortBams.Member m, ObjectStore store) {
        // small chunks, so regions cut chunks and each member's plan has several reads
        try (store) {
            new Converter(new ConvertOptions(Codec.BGZF, 64 << 10, 2, false), ProgressListener.NONE)
                    .convert(m.bam(), store);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<CohortBams.Member> only(String... samples) {
        List<String> wanted = List.of(samples);
        return members.stream().filter(m -> wanted.contains(m.sample())).toList();
    }

    /** samtools view on a ticket URL; region as htsget query parameters. */
    private static List<String> samtools(TestServer server, String query) {
        return Samtools.run("view", server.base() + "/reads/trio?" + query);
    }

    @Test
    void samtoolsReadsTheMergedRecordsOfRegionsFromBothStores() {
        for (TestServer server : List.of(local, presigned)) {
            assertThat(samtools(server, "referenceName=11&start=5000000&end=5010000"))
                    .as("11:5000001-5010000 via %s", server.base())
                    .isEqualTo(CohortBams.expected(members, List.of("11:5000001-5010000")))
                    .isNotEmpty();
            // empty in the NA12878 members, full in the mpileup ones
            assertThat(samtools(server, "referenceName=17&start=1000&end=3000"))
                    .isEqualTo(CohortBams.expected(members, List.of("17:1001-3000")))
                    .isNotEmpty();
            assertThat(samtools(server, "referenceName=20"))
                    .isEqualTo(CohortBams.expected(members, List.of("20")))
                    .isNotEmpty();
            assertThat(samtools(server, "referenceName=*")).isEqualTo(CohortBams.expected(members, List.of("*")));
        }
        assertThat(Samtools.run("view", local.base() + "/reads/trio"))
                .isEqualTo(CohortBams.expected(members, List.of()));
    }

    @Test
    void samplesSelectMembersAndTravelInTheDataUrls() {
        List<String> got = samtools(local, "referenceName=11&start=5000000&end=5100000&samples=norg,NA12878");
        assertThat(got)
                .isEqualTo(CohortBams.expected(only("NA12878", "norg"), List.of("11:5000001-5100000")))
                .isNotEmpty();
        // in the ticket as in the data URL: the header names only those samples
        List<String> header = Samtools.run("view", "-H", local.base() + "/reads/trio?class=header&samples=HG00100");
        assertThat(header.stream().filter(l -> l.startsWith("@RG\t") && l.contains("SM:HG00100")))
                .isNotEmpty();
        assertThat(header).noneMatch(l -> l.contains("SM:NA12878"));
        HttpResponse<byte[]> r = local.get("/reads/trio?referenceName=17&samples=SRR098401");
        Ticket t = HtsgetJson.parseTicket(r.body());
        assertThat(t.urls().stream().filter(u -> !u.inline()))
                .allMatch(u -> u.url().contains("samples=SRR098401"));
    }

    @Test
    void severalRegionsInOnePostAreMergedOnceEach() throws IOException {
        String body = "{\"format\":\"BAM\",\"samples\":[\"NA12878\",\"HG00100\",\"SRR098401\"],\"regions\":["
                + "{\"referenceName\":\"11\",\"start\":5000000,\"end\":5020000},"
                + "{\"referenceName\":\"11\",\"start\":5010000,\"end\":5030000},"
                + "{\"referenceName\":\"17\",\"start\":0,\"end\":2000}]}";
        for (TestServer server : List.of(local, presigned)) {
            HttpResponse<byte[]> r = server.post("/reads/trio", body, "Content-Type", "application/json");
            assertThat(r.statusCode()).isEqualTo(200);
            Path bam = Files.createTempFile("cohort", ".bam");
            try {
                Files.write(bam, TicketFetcher.fetch(r.body()));
                assertThat(Samtools.run("view", bam.toString()))
                        .isEqualTo(CohortBams.expected(
                                only("NA12878", "HG00100", "SRR098401"),
                                List.of("11:5000001-5020000", "11:5010001-5030000", "17:1-2000")));
            } finally {
                Files.delete(bam);
            }
        }
    }

    @Test
    void ticketsOfACohortAreStreamedEvenInPresignedMode() throws IOException {
        HttpResponse<byte[]> r = presigned.get("/reads/trio?referenceName=11&start=5000000&end=5010000");
        assertThat(r.statusCode()).isEqualTo(200);
        Ticket t = HtsgetJson.parseTicket(r.body());
        List<Ticket.Url> remote = t.urls().stream().filter(u -> !u.inline()).toList();
        assertThat(remote).isNotEmpty();
        assertThat(remote).allMatch(u -> u.url().startsWith(presigned.base() + "/reads/data/trio?"));
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .doesNotContain(bucket)
                .doesNotContain("X-Amz-");
        assertThat(t.urls().get(0).inline()).isTrue();
        assertThat(t.urls().get(t.urls().size() - 1).inline()).isTrue();
    }

    @Test
    void aHeaderOnlyTicketHoldsTheMergedReadGroups() {
        List<String> header = Samtools.run("view", "-H", local.base() + "/reads/trio?class=header");
        List<String> groups = header.stream()
                .filter(l -> l.startsWith("@RG\t"))
                .map(l -> l.split("\t")[1])
                .toList();
        assertThat(groups).doesNotHaveDuplicates();
        assertThat(groups)
                .contains(
                        "ID:SRR098401",
                        "ID:NA12878",
                        "ID:HG00100",
                        "ID:SRR098401-NA12878-sub",
                        "ID:norg",
                        "ID:SRR098401-SRR098401");
        HttpResponse<byte[]> r = local.get("/reads/trio?class=header");
        Ticket t = HtsgetJson.parseTicket(r.body());
        assertThat(t.urls()).hasSize(1);
        byte[] block = Base64.getDecoder().decode(t.urls().get(0).url().substring("data:;base64,".length()));
        // header and EOF: ends with the 28-byte EOF block
        assertThat(block[block.length - 28]).isEqualTo((byte) 0x1f);
    }

    @Test
    void anUnknownSampleIsInvalidInputNamingIt() {
        for (String path :
                List.of("/reads/trio?samples=NA12878,nobody", "/reads/data/trio?samples=nobody&referenceName=11")) {
            HttpResponse<byte[]> r = local.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            JsonNode e = JSON.readTree(r.body()).get("htsget");
            assertThat(e.get("error").stringValue()).isEqualTo("InvalidInput");
            assertThat(e.get("message").stringValue()).contains("nobody");
        }
        HttpResponse<byte[]> post =
                local.post("/reads/trio", "{\"samples\":[\"ghost\"]}", "Content-Type", "application/json");
        assertThat(post.statusCode()).isEqualTo(400);
        assertThat(new String(post.body(), StandardCharsets.UTF_8)).contains("ghost");
    }

    @Test
    void samplesOnADatasetIsInvalidInput() {
        HttpResponse<byte[]> r = local.get("/reads/plain?samples=NA12878");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("htsget").get("error").stringValue())
                .isEqualTo("InvalidInput");
        assertThat(local.get("/reads/plain?referenceName=11").statusCode()).isEqualTo(200);
    }

    @Test
    void brokenCohortsAreErrorsThatNameNoLocation() {
        List<String> ids = List.of("broken", "escaping");
        List<String> messages = new ArrayList<>();
        for (String id : ids) {
            for (String path : List.of("/reads/" + id, "/reads/" + id + "?referenceName=11", "/reads/data/" + id)) {
                HttpResponse<byte[]> r = local.get(path);
                assertThat(r.statusCode()).as(path).isEqualTo(500);
                String body = new String(r.body(), StandardCharsets.UTF_8);
                JsonNode e = JSON.readTree(r.body()).get("htsget");
                assertThat(e.get("error").stringValue()).isEqualTo("InternalError");
                assertThat(body)
                        .as(path)
                        .doesNotContain(root.toString())
                        .doesNotContain(outside.toString())
                        .doesNotContain(".cohort")
                        .doesNotContain(".bams3");
                messages.add(e.get("message").stringValue());
            }
        }
        assertThat(messages.get(0)).contains("damaged");
        assertThat(messages.get(messages.size() - 1)).contains("outside the server's dataset roots");
        assertThat(local.get("/reads/nothing").statusCode()).isEqualTo(404);
    }
}
