package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.bams3.htsget.HtsgetJson;
import io.bams3.htsget.ReadsService;
import io.bams3.htsget.Ticket;
import io.bams3.query.Dataset;
import io.bams3.query.Region;
import io.bams3.store.LocalObjectStore;
import io.bams3.testing.HtsjdkOracle;
import io.bams3.testing.RegionsBody;
import io.bams3.testing.Samtools;
import io.bams3.testing.ServedDatasets;
import io.bams3.testing.TestBams;
import io.bams3.testing.TestServer;
import io.bams3.testing.TicketFetcher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Requests that are cheap to send stay cheap to answer and always followable: a POST of many
 * regions gives data URLs short enough for any server or proxy, whose records are exactly the
 * regions' (each once, even when one read overlaps regions of two URLs); too many regions is a
 * 400; HEAD on the data endpoint reads nothing; ids the filesystem cannot name are client errors
 * that leave no trace in the error log.
 */
@Tag("server")
@Tag("samtools")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLimitsTest {
    private static final String ID = "na12878";
    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(Map.of(
                "bams3.roots[0].location",
                ServedDatasets.localRoot().toString(),
                "bams3.tickets.mode",
                "streamed",
                "bams3.limits.max-regions",
                "400"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** {@code n} disjoint 50-base regions 80 bases apart on 11: 100-base reads overlap two or three of them. */
    private static List<Region> closeRegions(int n) {
        List<Region> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int beg = 5_000_000 + 80 * i;
            out.add(new Region(0, "11", beg, beg + 50));
        }
        return out;
    }

    @Test
    void manyRegionsAreSpreadOverShortDataUrlsAndEveryRecordComesOnce() throws Exception {
        List<Region> regions = closeRegions(300);
        String body = RegionsBody.of(regions);
        assertThat(body.length()).isLessThan(64 << 10);
        HttpResponse<byte[]> r = server.post("/reads/" + ID, body, "Content-Type", "application/json");
        assertThat(r.statusCode())
                .as(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        Ticket ticket = HtsgetJson.parseTicket(r.body());
        List<Ticket.Url> data = ticket.urls().stream().filter(u -> !u.inline()).toList();
        assertThat(data).as("300 regions do not fit one data URL").hasSizeGreaterThan(1);
        for (Ticket.Url u : data) {
            assertThat(u.url().length() - server.base().length()).isLessThanOrEqualTo(ReadsService.DATA_URL_BUDGET);
        }
        assertThat(data.subList(1, data.size()))
                .allSatisfy(u -> assertThat(u.url()).contains("startAt="));

        List<String> got = HtsjdkOracle.records(TicketFetcher.fetch(ticket));
        try (HtsjdkOracle oracle = new HtsjdkOracle(TestBams.path(TestBams.NA12878))) {
            int ref = Dataset.open(
                            new LocalObjectStore(ServedDatasets.localRoot().resolve(ID + ".bams3")))
                    .header()
                    .referenceIndex("11");
            List<String> expected = oracle.query(regions.stream()
                    .map(x -> new Region(ref, x.refName(), x.beg(), x.end()))
                    .toList());
            assertThat(expected).hasSizeGreaterThan(300);
            assertThat(got).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void samtoolsReadsTheDataUrlsOfManyRegionsAsOneValidBam() throws Exception {
        assumeTrue(Samtools.available(), "samtools is not installed");
        HttpResponse<byte[]> r =
                server.post("/reads/" + ID, RegionsBody.of(closeRegions(300)), "Content-Type", "application/json");
        assertThat(r.statusCode())
                .as(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        List<String> got = HtsjdkOracle.records(TicketFetcher.fetch(r.body()));
        assertThat(got).hasSizeGreaterThan(300);
        assertThat(samtoolsLines(r.body())).hasSize(got.size());
    }

    /** samtools reads what the ticket's URLs give, concatenated, as one valid BAM. */
    private static List<String> samtoolsLines(byte[] ticketJson) throws Exception {
        Path bam = Files.createTempFile("long-post", ".bam");
        try {
            Files.write(bam, TicketFetcher.fetch(ticketJson));
            return Samtools.run("view", bam.toString());
        } finally {
            Files.deleteIfExists(bam);
        }
    }

    @Test
    void moreRegionsThanTheLimitIsInvalidInput() {
        HttpResponse<byte[]> r =
                server.post("/reads/" + ID, RegionsBody.of(closeRegions(401)), "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .contains("\"InvalidInput\"")
                .contains("at most 400");
        StringBuilder q = new StringBuilder("/reads/data/" + ID + "?class=body");
        for (int i = 0; i < 401; i++) {
            q.append("&interval=11:").append(5_000_000 + 10 * i).append('-').append(5_000_001 + 10 * i);
        }
        assertThat(server.get(q.toString()).statusCode()).isEqualTo(400);
    }

    @Test
    void headOnTheDataEndpointChecksButReadsNothing() {
        // planning reads the chunk tables (kept afterwards); a HEAD must read nothing more
        assertThat(server.send("HEAD", "/reads/data/" + ID + "?format=SAM").statusCode())
                .isEqualTo(200);
        long before = dataBytes();
        long storeBefore = storeGets();
        HttpResponse<byte[]> head = server.send("HEAD", "/reads/data/" + ID + "?format=SAM");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(dataBytes()).isEqualTo(before);
        assertThat(storeGets()).as("no chunk was read").isEqualTo(storeBefore);
        assertThat(server.send("HEAD", "/reads/data/" + ID + "?referenceName=nosuch")
                        .statusCode())
                .isEqualTo(404);
        assertThat(server.send("HEAD", "/reads/data/nosuch").statusCode()).isEqualTo(404);
    }

    private long dataBytes() {
        return (long) metric("bams3_data_bytes_total\\{[^}]*format=\"SAM\"[^}]*} ([0-9.E]+)");
    }

    private long storeGets() {
        return (long) metric("bams3_store_requests_total\\{[^}]*kind=\"get\"[^}]*} ([0-9.E]+)");
    }

    private double metric(String pattern) {
        String prom = new String(server.get("/actuator/prometheus").body(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile(pattern).matcher(prom);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void idsTheFilesystemCannotNameAreClientErrorsWithoutLogNoise() {
        Logger log = (Logger) LoggerFactory.getLogger(ErrorResponses.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        try {
            for (int i = 0; i < 5; i++) {
                HttpResponse<byte[]> longSegment = server.get("/reads/" + "a".repeat(250));
                assertThat(longSegment.statusCode()).isEqualTo(400);
                assertThat(new String(longSegment.body(), StandardCharsets.UTF_8))
                        .contains("\"InvalidInput\"");
                // a file where the id needs a directory
                HttpResponse<byte[]> underFile = server.get("/reads/" + ID + ".bams3/_metadata.json/x");
                assertThat(underFile.statusCode()).isEqualTo(404);
                assertThat(new String(underFile.body(), StandardCharsets.UTF_8))
                        .contains("\"NotFound\"")
                        .doesNotContain(ServedDatasets.localRoot().toString());
            }
        } finally {
            log.detachAppender(events);
        }
        assertThat(events.list).as("client errors are in the access log only").isEmpty();
    }
}
