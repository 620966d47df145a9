package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;

import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SamInputResource;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.samtools.ValidationStringency;
import htsjdk.samtools.util.BlockCompressedStreamConstants;
import io.bams3.htsget.HtsgetJson;
import io.bams3.htsget.Ticket;
import io.bams3.query.Dataset;
import io.bams3.query.Region;
import io.bams3.query.RegionIdentityTest;
import io.bams3.store.LocalObjectStore;
import io.bams3.testing.HtsjdkOracle;
import io.bams3.testing.ServedDatasets;
import io.bams3.testing.TestServer;
import io.bams3.testing.TicketFetcher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The htsget API over HTTP: ticket shape, records against the oracle, every error, POST, CORS, service-info. */
@Tag("server")
@Tag("samtools")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtsgetServerTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private TestServer server;
    private Map<String, ServedDatasets.Spec> datasets;

    @BeforeAll
    void start() {
        datasets = ServedDatasets.all();
        server = TestServer.start(Map.of(
                "bams3.roots[0].location",
                ServedDatasets.localRoot().toString(),
                "bams3.tickets.max-request-body",
                "4KB"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static JsonNode json(HttpResponse<byte[]> r) {
        return JSON.readTree(r.body());
    }

    private List<String> oracle(String id, List<Region> regions) {
        try (HtsjdkOracle oracle = new HtsjdkOracle(datasets.get(id).source())) {
            return regions == null ? oracle.all() : oracle.query(regions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] ticket(String pathAndQuery) {
        HttpResponse<byte[]> r = server.get(pathAndQuery);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(HtsgetJson.MEDIA_TYPE);
        return r.body();
    }

    @Test
    void ticketHasOnlyTheSpecsKeysInlineDataWithoutMediaTypeAndHeadersOnEveryHttpUrl() {
        byte[] body = ticket("/reads/small/na12878?referenceName=11&start=5000000&end=5100000");
        JsonNode root = JSON.readTree(body);
        assertThat(root.propertyNames()).containsExactly("htsget");
        assertThat(root.get("htsget").propertyNames())
                .isSubsetOf("format", "urls", "md5")
                .contains("format", "urls");
        assertThat(root.get("htsget").get("format").stringValue()).isEqualTo("BAM");
        int http = 0;
        for (JsonNode u : root.get("htsget").get("urls")) {
            String url = u.get("url").stringValue();
            assertThat(u.has("class")).as("class on every URL").isTrue();
            if (url.startsWith("data:")) {
                assertThat(url).startsWith("data:;base64,");
            } else {
                http++;
                assertThat(url).startsWith(server.base() + "/reads/data/small/na12878?");
                assertThat(u.get("headers").isObject())
                        .as("headers object on %s", url)
                        .isTrue();
            }
        }
        assertThat(http).isEqualTo(1);
        Ticket t = HtsgetJson.parseTicket(body);
        assertThat(t.urls().get(0).dataClass()).isEqualTo("header");
        assertThat(t.urls().get(t.urls().size() - 1).url())
                .isEqualTo("data:;base64,H4sIBAAAAAAA/wYAQkMCABsAAwAAAAAAAAAAAA==");
    }

    @Test
    void regionsUnplacedAndEverythingAreTheOraclesRecords() {
        String[][] cases = {
            {"na12878", "referenceName=11&start=5000000&end=5050000", "11", "5000000", "5050000"},
            {"small/na12878", "referenceName=20&start=0&end=64000000", "20", "0", "64000000"},
            {"small/na12878", "referenceName=11", "11", null, null},
            {"chrm", "referenceName=chrM&start=1000&end=1001", "chrM", "1000", "1001"},
            {"zstd/chrm", "referenceName=chrM&start=100&end=9000", "chrM", "100", "9000"},
            {"edge", "referenceName=chrA", "chrA", null, null},
        };
        for (String[] c : cases) {
            byte[] bam = TicketFetcher.fetch(ticket("/reads/" + c[0] + "?" + c[1]));
            List<String> expected = oracle(c[0], List.of(region(c[0], c[2], c[3], c[4])));
            assertThat(HtsjdkOracle.records(bam)).as("%s %s", c[0], c[1]).containsExactlyElementsOf(expected);
            assertThat(expected).as("%s %s hits records", c[0], c[1]).isNotEmpty();
        }
        assertThat(HtsjdkOracle.records(TicketFetcher.fetch(ticket("/reads/small/na12878?referenceName=*"))))
                .hasSize(12_475)
                .containsExactlyElementsOf(oracle("na12878", List.of(Region.unplaced())));
        assertThat(HtsjdkOracle.records(TicketFetcher.fetch(ticket("/reads/small/na12878"))))
                .hasSize(39_918)
                .containsExactlyElementsOf(oracle("na12878", null));
        assertThat(HtsjdkOracle.records(
                        TicketFetcher.fetch(ticket("/reads/edge?format=BAM&encryptionScheme=none&x=1"))))
                .as("unknown parameters are ignored")
                .containsExactlyElementsOf(oracle("edge", null));
    }

    private Region region(String id, String name, String start, String end) {
        try (SamReader r = reader(datasets.get(id).source())) {
            var seq = r.getFileHeader().getSequence(name);
            return new Region(
                    seq.getSequenceIndex(),
                    name,
                    start == null ? 0 : Integer.parseInt(start),
                    end == null ? seq.getSequenceLength() : Integer.parseInt(end));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SamReader reader(Path bam) {
        return SamReaderFactory.makeDefault()
                .validationStringency(ValidationStringency.SILENT)
                .open(bam);
    }

    private static SamReader reader(byte[] bam) {
        return SamReaderFactory.makeDefault()
                .validationStringency(ValidationStringency.SILENT)
                .open(SamInputResource.of(new ByteArrayInputStream(bam)));
    }

    @Test
    void headerOnlyIsTheSourceHeaderInOneInlineBlock() throws IOException {
        Ticket t = HtsgetJson.parseTicket(ticket("/reads/na12878?class=header"));
        assertThat(t.urls()).hasSize(1);
        assertThat(t.urls().get(0).inline()).isTrue();
        assertThat(t.urls().get(0).dataClass()).isEqualTo("header");
        byte[] bam = TicketFetcher.fetch(t);
        try (SamReader ours = reader(bam);
                SamReader source = reader(datasets.get("na12878").source())) {
            assertThat(ours.getFileHeader().getSAMString())
                    .isEqualTo(source.getFileHeader().getSAMString());
            assertThat(ours.iterator().hasNext()).isFalse();
        }
    }

    @Test
    void aReferenceWithoutReadsAndAnEmptyIntervalAreHeaderPlusEof() throws IOException {
        for (String q : List.of(
                "referenceName=1",
                "referenceName=11&start=5000000&end=5000000",
                "referenceName=11&start=200000000&end=300000000")) {
            Ticket t = HtsgetJson.parseTicket(ticket("/reads/na12878?" + q));
            assertThat(t.urls()).as(q).allMatch(Ticket.Url::inline);
            byte[] bam = TicketFetcher.fetch(t);
            try (SamReader r = reader(bam)) {
                assertThat(r.getFileHeader().getSequenceDictionary().size()).isEqualTo(86);
                assertThat(r.iterator().hasNext()).as(q).isFalse();
            }
            assertThat(new String(Arrays.copyOfRange(bam, bam.length - 28, bam.length), StandardCharsets.ISO_8859_1))
                    .isEqualTo(
                            new String(BlockCompressedStreamConstants.EMPTY_GZIP_BLOCK, StandardCharsets.ISO_8859_1));
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET|/reads/nope|404|NotFound",
                "GET|/reads/nested/nope|404|NotFound",
                "GET|/reads/na12878?referenceName=chrZ|404|NotFound",
                "GET|/reads/na12878?referenceMD5=00000000000000000000000000000000|404|NotFound",
                "GET|/reads/na12878?referenceMD5=XYZ|400|InvalidInput",
                "GET|/reads/na12878?start=10|400|InvalidInput",
                "GET|/reads/na12878?end=10|400|InvalidInput",
                "GET|/reads/na12878?referenceName=*&start=10|400|InvalidInput",
                "GET|/reads/na12878?referenceName=11&start=20&end=10|400|InvalidRange",
                "GET|/reads/na12878?referenceName=11&start=-1|400|InvalidInput",
                "GET|/reads/na12878?referenceName=11&start=4294967296|400|InvalidInput",
                "GET|/reads/na12878?referenceName=11&start=1e3|400|InvalidInput",
                "GET|/reads/na12878?referenceName=11&referenceName=20|400|InvalidInput",
                "GET|/reads/na12878?referenceName=|400|InvalidInput",
                "GET|/reads/na12878?format=CRAM|400|UnsupportedFormat",
                "GET|/reads/na12878?format=SAM|400|UnsupportedFormat",
                "GET|/reads/na12878?format=bam|400|UnsupportedFormat",
                "GET|/reads/na12878?class=body|400|InvalidInput",
                "GET|/reads/na12878?class=header&referenceName=11|400|InvalidInput",
                "GET|/reads/na12878?fields=QNAME,BOGUS|400|InvalidInput",
                "GET|/reads/na12878?tags=NM,MD&notags=MD|400|InvalidInput",
                "GET|/reads/na12878?tags=NMX|400|InvalidInput",
                "GET|/reads/..%2Fna12878|400|InvalidInput",
                "GET|/reads/%2e%2e/na12878|400|InvalidInput",
                "GET|/reads/small/..%2F..%2Fetc|400|InvalidInput",
                "GET|/reads/.hidden|400|InvalidInput",
                "GET|/reads/a%5Cb|400|InvalidInput",
                "GET|/reads/a%25b|400|InvalidInput",
                "GET|/reads/data/na12878?format=CRAM|400|UnsupportedFormat",
                "GET|/reads/data/na12878?interval=11|400|InvalidInput",
                "GET|/reads/data/nope|404|NotFound",
                "GET|/nothing/here|404|NotFound",
                "GET|/reads|404|NotFound",
                "DELETE|/reads/na12878|405|InvalidInput",
                "PUT|/reads/na12878|405|InvalidInput",
                "POST|/reads/service-info|405|InvalidInput",
            })
    void everyFailureIsHtsgetErrorJson(String method, String path, int status, String error) {
        HttpResponse<byte[]> r = server.send(method, path);
        assertError(r, status, error);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/reads/a%zz", "/reads/na12878?referenceName=%zz", "/reads/a|b", "/reads/x%00y", "/reads/..%2F..%2Fetc"
    })
    void targetsTheContainerRejectsAreHtsgetErrorJsonToo(String target) {
        TestServer.RawResponse r = server.raw("GET", target);
        assertThat(r.status()).as(r.head() + r.body()).isEqualTo(400);
        assertThat(r.head()).containsIgnoringCase("Content-Type: " + HtsgetJson.MEDIA_TYPE);
        JsonNode root = JSON.readTree(r.body());
        assertThat(root.get("htsget").get("error").stringValue()).isEqualTo("InvalidInput");
    }

    private static void assertError(HttpResponse<byte[]> r, int status, String error) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(body).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(HtsgetJson.MEDIA_TYPE);
        JsonNode root = JSON.readTree(r.body());
        assertThat(root.propertyNames()).containsExactly("htsget");
        assertThat(root.get("htsget").propertyNames()).containsExactlyInAnyOrder("error", "message");
        assertThat(root.get("htsget").get("error").stringValue()).as(body).isEqualTo(error);
        assertThat(root.get("htsget").get("message").stringValue())
                .isNotBlank()
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void postMergesOverlappingRegionsAndReturnsEachRecordOnceInFileOrder() throws IOException {
        String body = """
                {"format":"BAM","regions":[
                  {"referenceName":"20","start":30000000,"end":30100000},
                  {"referenceName":"11","start":5010000,"end":5030000},
                  {"referenceName":"11","start":5000000,"end":5020000},
                  {"referenceName":"*"}]}""";
        HttpResponse<byte[]> r = server.post("/reads/small/na12878", body, "Content-Type", "application/json");
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(HtsgetJson.MEDIA_TYPE);
        List<String> actual = HtsjdkOracle.records(TicketFetcher.fetch(r.body()));
        List<String> expected = oracle(
                "na12878",
                List.of(
                        new Region(10, "11", 5_000_000, 5_030_000),
                        new Region(19, "20", 30_000_000, 30_100_000),
                        Region.unplaced()));
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(actual).doesNotHaveDuplicates();
        assertThat(expected.size()).isGreaterThan(12_475);
    }

    @Test
    void randomMultiRegionPostsAreSamtoolsMinusMSemantics() throws IOException {
        Random rnd = new Random(7);
        for (String id : List.of("small/na12878", "edge")) {
            List<Region> all;
            try (var store = new LocalObjectStore(ServedDatasets.localRoot().resolve(id + ".bams3"))) {
                all = RegionIdentityTest.regions(Dataset.open(store), rnd);
            }
            int records = 0;
            for (int n = 0; n < 25; n++) {
                List<Region> set = new ArrayList<>();
                for (int k = 1 + rnd.nextInt(5); k > 0; k--) {
                    set.add(all.get(rnd.nextInt(all.size())));
                }
                StringBuilder body = new StringBuilder("{\"regions\":[");
                for (Region r : set) {
                    body.append(
                                    r.isUnplaced()
                                            ? "{\"referenceName\":\"*\"}"
                                            : "{\"referenceName\":\"" + r.refName() + "\",\"start\":" + r.beg()
                                                    + ",\"end\":" + r.end() + "}")
                            .append(',');
                }
                body.setLength(body.length() - 1);
                body.append("]}");
                HttpResponse<byte[]> t =
                        server.post("/reads/" + id, body.toString(), "Content-Type", "application/json");
                assertThat(t.statusCode()).as(new String(t.body())).isEqualTo(200);
                List<String> actual = HtsjdkOracle.records(TicketFetcher.fetch(t.body()));
                assertThat(actual).as("%s %s", id, set).containsExactlyElementsOf(oracle(id, set));
                records += actual.size();
            }
            assertThat(records).isPositive();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json|InvalidInput",
                "[]|InvalidInput",
                "{\"regions\":[]}|InvalidInput",
                "{\"regions\":{}}|InvalidInput",
                "{\"regions\":[{\"start\":5}]}|InvalidInput",
                "{\"regions\":[{\"referenceName\":\"11\",\"start\":\"5\"}]}|InvalidInput",
                "{\"regions\":[{\"referenceName\":\"11\",\"start\":9,\"end\":5}]}|InvalidRange",
                "{\"regions\":[{\"referenceName\":\"*\",\"start\":9}]}|InvalidInput",
                "{\"regions\":[{\"referenceName\":\"chrZ\"}]}|NotFound",
                "{\"format\":\"CRAM\"}|UnsupportedFormat",
                "{\"fields\":\"QNAME\"}|InvalidInput",
                "{\"tags\":[\"NM\"],\"notags\":[\"NM\"]}|InvalidInput",
            })
    void badPostBodiesAreRejected(String body, String error) {
        HttpResponse<byte[]> r = server.post("/reads/na12878", body, "Content-Type", "application/json");
        assertError(r, error.equals("NotFound") ? 404 : 400, error);
    }

    @Test
    void postWithQueryParametersOrTooLargeABodyIsRejected() {
        assertError(
                server.post("/reads/na12878?referenceName=11", "{}", "Content-Type", "application/json"),
                400,
                "InvalidInput");
        String big = "{\"regions\":[" + "{\"referenceName\":\"11\",\"start\":1,\"end\":2},".repeat(200)
                + "{\"referenceName\":\"11\"}]}";
        assertError(server.post("/reads/na12878", big, "Content-Type", "application/json"), 413, "PayloadTooLarge");
        HttpResponse<byte[]> ok = server.post("/reads/na12878", "{}", "Content-Type", "application/json");
        assertThat(HtsjdkOracle.records(TicketFetcher.fetch(ok.body()))).hasSize(39_918);
    }

    @Test
    void corsPreflightAndResponsesEchoTheOrigin() {
        for (String path : List.of("/reads/na12878", "/reads/data/na12878", "/reads/service-info")) {
            HttpResponse<byte[]> pre = server.send(
                    "OPTIONS",
                    path,
                    "Origin",
                    "https://igv.example.org",
                    "Access-Control-Request-Method",
                    "GET",
                    "Access-Control-Request-Headers",
                    "range,authorization");
            assertThat(pre.statusCode()).as(path).isEqualTo(200);
            assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://igv.example.org");
            assertThat(pre.headers()
                            .firstValue("Access-Control-Allow-Headers")
                            .orElse("")
                            .toLowerCase())
                    .contains("range")
                    .contains("authorization");
            assertThat(pre.headers().firstValue("Access-Control-Max-Age")).hasValue("2592000");
        }
        HttpResponse<byte[]> get = server.get(
                "/reads/data/na12878?referenceName=11&start=5000000&end=5001000", "Origin", "https://igv.example.org");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://igv.example.org");
        assertThat(get.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .contains("Content-Range")
                .contains("Content-Length");
        HttpResponse<byte[]> err = server.get("/reads/nope", "Origin", "https://igv.example.org");
        assertThat(err.headers().firstValue("Access-Control-Allow-Origin"))
                .as("errors carry CORS too")
                .hasValue("https://igv.example.org");
    }

    @Test
    void serviceInfoDescribesAnHtsget13ReadsService() {
        HttpResponse<byte[]> r = server.get("/reads/service-info");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode n = json(r);
        assertThat(n.get("type").get("group").stringValue()).isEqualTo("org.ga4gh");
        assertThat(n.get("type").get("artifact").stringValue()).isEqualTo("htsget");
        assertThat(n.get("type").get("version").stringValue()).isEqualTo("1.3.0");
        assertThat(n.get("organization").get("url").stringValue()).isEqualTo(server.base());
        JsonNode h = n.get("htsget");
        assertThat(h.get("datatype").stringValue()).isEqualTo("reads");
        assertThat(h.get("formats").get(0).stringValue()).isEqualTo("BAM");
        assertThat(h.get("formats").size()).isEqualTo(1);
        assertThat(h.get("fieldsParameterEffective").booleanValue()).isTrue();
        assertThat(h.get("tagsParametersEffective").booleanValue()).isTrue();
    }

    @Test
    void fieldsAndTagsAreAppliedByTheStreamedData() throws IOException {
        byte[] bam = TicketFetcher.fetch(ticket(
                "/reads/chrm?referenceName=chrM&start=2000&end=2600&fields=QNAME,FLAG,RNAME,POS&tags=NM,MD&notags="));
        List<SAMRecord> ours = records(bam);
        List<SAMRecord> expected;
        try (SamReader source = reader(datasets.get("chrm").source())) {
            expected = source.queryOverlapping("chrM", 2001, 2600).toList();
        }
        assertThat(ours).hasSameSizeAs(expected).isNotEmpty();
        int withTags = 0;
        for (int i = 0; i < ours.size(); i++) {
            SAMRecord o = ours.get(i);
            SAMRecord e = expected.get(i);
            assertThat(o.getReadName()).isEqualTo(e.getReadName());
            assertThat(o.getFlags()).isEqualTo(e.getFlags());
            assertThat(o.getAlignmentStart()).isEqualTo(e.getAlignmentStart());
            assertThat(o.getCigarString()).isEqualTo("*");
            assertThat(o.getReadString()).isEqualTo("*");
            assertThat(o.getMappingQuality()).isEqualTo(255);
            assertThat(o.getAttributes().stream().map(a -> a.tag)).isSubsetOf("NM", "MD");
            assertThat(o.getAttribute("NM")).isEqualTo(e.getAttribute("NM"));
            withTags += o.getAttributes().isEmpty() ? 0 : 1;
        }
        assertThat(withTags).isPositive();
    }

    private static List<SAMRecord> records(byte[] bam) throws IOException {
        try (SamReader r = reader(bam)) {
            List<SAMRecord> out = new ArrayList<>();
            r.forEach(out::add);
            return out;
        }
    }

    @Test
    void dataEndpointServesSamTextForCurlUsers() {
        HttpResponse<byte[]> r = server.get("/reads/data/chrm?format=SAM&referenceName=chrM&start=5000&end=5100");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String text = new String(r.body(), StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("@HD");
        List<String> records = text.lines().filter(l -> !l.startsWith("@")).toList();
        List<String> expected = oracle("chrm", List.of(new Region(0, "chrM", 5000, 5100)));
        assertThat(records).hasSameSizeAs(expected).isNotEmpty();
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).split("\t", 12)[0])
                    .isEqualTo(expected.get(i).split("\t", 12)[0]);
        }
        HttpResponse<byte[]> body =
                server.get("/reads/data/chrm?format=SAM&class=body&referenceName=chrM&start=5000&end=5100");
        assertThat(new String(body.body(), StandardCharsets.ISO_8859_1).lines().toList())
                .containsExactlyElementsOf(records);
    }

    @Test
    void metricsAndProbesAreExposed() {
        ticket("/reads/na12878?referenceName=11&start=5000000&end=5000100");
        server.get("/reads/nope");
        TicketFetcher.fetch(ticket("/reads/na12878?referenceName=11&start=5000000&end=5000100"));
        String prom = new String(server.get("/actuator/prometheus").body(), StandardCharsets.UTF_8);
        assertThat(prom)
                .containsPattern("bams3_tickets_seconds_count\\{[^}]*mode=\"streamed\"[^}]*outcome=\"ok\"[^}]*} [1-9]")
                .containsPattern("bams3_tickets_seconds_count\\{[^}]*outcome=\"NotFound\"[^}]*} [1-9]")
                .containsPattern("bams3_data_requests_seconds_count\\{[^}]*outcome=\"ok\"[^}]*} [1-9]")
                .containsPattern("bams3_store_bytes_total [1-9]")
                .contains("bams3_data_bytes_total")
                .contains("cache_gets_total{cache=\"bams3.datasets\"");
        for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<byte[]> r = server.get(probe);
            assertThat(r.statusCode()).as(probe).isEqualTo(200);
            assertThat(new String(r.body())).contains("\"UP\"");
        }
    }
}
