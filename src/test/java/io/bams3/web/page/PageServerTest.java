package io.bams3.web.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.cohort.CohortObject;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.format.CohortManifest;
import io.bams3.store.LocalObjectStore;
import io.bams3.testing.Samtools;
import io.bams3.testing.ServedDatasets;
import io.bams3.testing.TestBams;
import io.bams3.testing.TestServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The browse and view pages over HTTP against the real server: the dataset list (filter, paging,
 * what is left out), the overview against {@code samtools idxstats}, the genome, errors, the
 * Content-Security-Policy, hostile ids, and relative asset URLs under a proxy's path prefix.
 */
@Tag("server")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageServerTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HOSTILE = "x\"><script>alert(1)</script>";
    /** The closest a stored name can come to the hostile id (no '/' in a file name). */
    private static final String HOSTILE_NAME = "x\"><script>alert(1)<";

    @TempDir
    static Path extra;

    @TempDir
    static Path shadowed;

    private TestServer server;
    private Map<String, ServedDatasets.Spec> served;

    @BeforeAll
    void start() throws IOException {
        served = ServedDatasets.all();
        new Converter(new ConvertOptions(Codec.BGZF, 64 << 10, 1, false), ProgressListener.NONE)
                .convert(TestBams.path(TestBams.MPILEUP), new LocalObjectStore(extra.resolve("x--script.bams3")));
        // a directory whose name no id can have: never listed
        Files.createDirectories(extra.resolve(HOSTILE_NAME + ".bams3"));
        // a dataset directory without a metadata object: listed with a readable error
        Files.createDirectories(extra.resolve("broken.bams3"));
        // a cohort of a dataset in this root (relative) and one in the served root (absolute)
        CohortObject.write(
                new LocalObjectStore(extra),
                "duo.cohort",
                new CohortManifest(List.of(
                        new CohortManifest.Member("MP", "x--script.bams3"),
                        new CohortManifest.Member(
                                "NA",
                                ServedDatasets.localRoot()
                                        .resolve("na12878.bams3")
                                        .toAbsolutePath()
                                        .toString()))));
        Map<String, String> settings = new HashMap<>();
        // the prefixed root first: with an empty prefix, the served root answers for every id
        settings.put("bams3.roots[0].location", extra.toString());
        settings.put("bams3.roots[0].id-prefix", "extra/");
        settings.put("bams3.roots[1].location", ServedDatasets.localRoot().toString());
        // behind a root with no prefix: every id goes to that one, so nothing here is listed
        Files.createDirectories(shadowed.resolve("only-here.bams3"));
        settings.put("bams3.roots[2].location", shadowed.toString());
        settings.put("bams3.tickets.mode", "streamed");
        server = TestServer.start(settings);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode json(String pathAndQuery, int status) {
        HttpResponse<byte[]> r = server.get(pathAndQuery);
        assertThat(r.statusCode())
                .as(pathAndQuery + ": " + new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        return JSON.readTree(r.body());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get("id").asString()));
        return ids;
    }

    @Test
    void theListHoldsEveryServedDatasetWithItsMetadata() {
        JsonNode page = json("/page/api/datasets?limit=500", 200);
        List<String> expected = new ArrayList<>(served.keySet());
        expected.add("extra/x--script");
        expected.add("extra/broken");
        assertThat(ids(page)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(page.get("total").asInt()).isEqualTo(expected.size());
        for (JsonNode item : page.get("items")) {
            String id = item.get("id").asString();
            if (id.equals("extra/broken")) {
                assertThat(item.get("error").asString()).isEqualTo("no such dataset");
                assertThat(item.toString()).doesNotContain(extra.toString());
                continue;
            }
            assertThat(item.get("error").isNull()).as(id).isTrue();
            assertThat(item.get("records").asLong()).as(id).isPositive();
            assertThat(item.get("chunks").asInt()).as(id).isPositive();
            assertThat(item.get("dataBytes").asLong()).as(id).isPositive();
            assertThat(item.get("created").asString()).as(id).isNotEmpty();
        }
        JsonNode zstd = find(page, "zstd/chrm");
        assertThat(zstd.get("codec").asString()).isEqualTo("zstd");
        assertThat(find(page, "chrm").get("codec").asString()).isEqualTo("bgzf");
        // na12878 has 39,918 records (../shared/data/README.md)
        assertThat(find(page, "na12878").get("records").asLong()).isEqualTo(39_918);
    }

    private static JsonNode find(JsonNode page, String id) {
        for (JsonNode item : page.get("items")) {
            if (item.get("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no " + id + " in " + page);
    }

    @Test
    void aFilterNarrowsTheListAndPagesWindowIt() {
        assertThat(ids(json("/page/api/datasets?filter=CHRM", 200))).containsExactly("chrm", "zstd/chrm");
        assertThat(ids(json("/page/api/datasets?filter=nothing-like-this", 200)))
                .isEmpty();
        JsonNode all = json("/page/api/datasets?limit=500", 200);
        List<String> everything = ids(all);
        assertThat(everything).isSorted();
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < everything.size(); offset += 3) {
            JsonNode page = json("/page/api/datasets?limit=3&offset=" + offset, 200);
            assertThat(page.get("total").asInt()).isEqualTo(everything.size());
            assertThat(page.get("items").size()).isLessThanOrEqualTo(3);
            paged.addAll(ids(page));
        }
        assertThat(paged).isEqualTo(everything);
        assertThat(ids(json("/page/api/datasets?offset=1000", 200))).isEmpty();
    }

    @Test
    void badPagingIsAReadableError() {
        for (String q : List.of("limit=0", "limit=100000", "offset=-1", "limit=abc")) {
            JsonNode error = json("/page/api/datasets?" + q, 400);
            assertThat(error.at("/htsget/error").asString()).isEqualTo("InvalidInput");
            assertThat(error.at("/htsget/message").asString()).isNotBlank();
        }
    }

    @Test
    void aNameNoIdCanHaveIsNeverListed() {
        String body = new String(server.get("/page/api/datasets?limit=500").body(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("script>").doesNotContain("<");
        // nor a dataset that another root shadows (its id would open something else)
        assertThat(body).doesNotContain("only-here");
    }

    @Test
    void overviewCountsEqualSamtoolsIdxstats() {
        assumeTrue(Samtools.available(), "samtools is not installed");
        for (String id : List.of("na12878", "chrm", "zstd/chrm", "edge", "mpileup")) {
            JsonNode overview = json("/page/api/overview/" + id, 200);
            List<String> expected =
                    Samtools.run("idxstats", served.get(id).source().toString());
            List<String> actual = new ArrayList<>();
            overview.get("references")
                    .forEach(r -> actual.add(r.get("name").asString() + "\t"
                            + r.get("length").asLong() + "\t" + r.get("mapped").asLong() + "\t"
                            + r.get("unmapped").asLong()));
            actual.add("*\t0\t0\t" + overview.get("unplaced").asLong());
            assertThat(actual).as(id).isEqualTo(expected);
        }
    }

    @Test
    void aCohortsOverviewAddsUpItsMembersAndNamesTheirDatasetIds() {
        assumeTrue(Samtools.available(), "samtools is not installed");
        JsonNode overview = json("/page/api/overview/extra/duo", 200);
        List<String> members = new ArrayList<>();
        overview.get("members")
                .forEach(m -> members.add(
                        m.get("sample").asString() + "=" + m.get("id").asString()));
        assertThat(members).containsExactly("MP=extra/x--script", "NA=na12878");
        List<String> mp =
                Samtools.run("idxstats", TestBams.path(TestBams.MPILEUP).toString());
        List<String> na =
                Samtools.run("idxstats", TestBams.path(TestBams.NA12878).toString());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < mp.size(); i++) {
            String[] a = mp.get(i).split("\t");
            String[] b = na.get(i).split("\t");
            assertThat(a[0]).isEqualTo(b[0]);
            expected.add(a[0] + "\t" + a[1] + "\t" + (Long.parseLong(a[2]) + Long.parseLong(b[2])) + "\t"
                    + (Long.parseLong(a[3]) + Long.parseLong(b[3])));
        }
        List<String> actual = new ArrayList<>();
        overview.get("references")
                .forEach(r -> actual.add(r.get("name").asString() + "\t"
                        + r.get("length").asLong() + "\t" + r.get("mapped").asLong() + "\t"
                        + r.get("unmapped").asLong()));
        actual.add("*\t0\t0\t" + overview.get("unplaced").asLong());
        assertThat(actual).isEqualTo(expected);
        JsonNode density = overview.get("density");
        long busiest = 0;
        for (JsonNode r : overview.get("references")) {
            if (r.get("name").asString().equals(density.get("reference").asString())) {
                busiest = r.get("mapped").asLong() + r.get("unmapped").asLong();
            }
        }
        assertThat(sum(density)).isCloseTo(busiest, org.assertj.core.data.Offset.offset(0.01));
        assertThat(new String(server.get("/page/api/chrom-sizes/extra/duo").body(), StandardCharsets.UTF_8))
                .isEqualTo(
                        new String(server.get("/page/api/chrom-sizes/na12878").body(), StandardCharsets.UTF_8));
        // a dataset lists no members
        assertThat(json("/page/api/overview/na12878", 200).get("members")).isEmpty();
    }

    @Test
    void theDensityAddsUpToTheSelectedReferencesRecords() {
        JsonNode overview = json("/page/api/overview/na12878", 200);
        JsonNode density = overview.get("density");
        // the reference with the most records is selected by default
        String busiest = null;
        long most = -1;
        for (JsonNode r : overview.get("references")) {
            long n = r.get("mapped").asLong() + r.get("unmapped").asLong();
            if (n > most) {
                most = n;
                busiest = r.get("name").asString();
            }
        }
        assertThat(density.get("reference").asString()).isEqualTo(busiest);
        assertThat(sum(density)).isCloseTo(most, org.assertj.core.data.Offset.offset(0.01));
        long span = density.get("end").asLong() - density.get("start").asLong();
        assertThat((long) density.get("binSize").asInt() * density.get("counts").size())
                .isGreaterThanOrEqualTo(span);
        // the reads of na12878 lie in a small part of contig 11: the plot shows their span
        assertThat(span * 2).isLessThan(density.get("length").asLong());
        JsonNode chrm = json("/page/api/overview/chrm", 200).get("density");
        assertThat(chrm.get("start").asLong()).isZero();
        assertThat(chrm.get("end").asLong()).isEqualTo(chrm.get("length").asLong());

        JsonNode chr20 =
                json("/page/api/overview/small/na12878?reference=20", 200).get("density");
        long records20 = 0;
        for (JsonNode r : overview.get("references")) {
            if (r.get("name").asString().equals("20")) {
                records20 = r.get("mapped").asLong() + r.get("unmapped").asLong();
            }
        }
        assertThat(chr20.get("reference").asString()).isEqualTo("20");
        assertThat(sum(chr20)).isCloseTo(records20, org.assertj.core.data.Offset.offset(0.01));
        // reads lie only where samtools finds them: no density before the first read's bin
        assertThat(chr20.get("source").asString()).isIn("block-index", "chunk-table");

        JsonNode empty = json("/page/api/overview/na12878?reference=1", 200).get("density");
        assertThat(sum(empty)).isZero();
        JsonNode missing = json("/page/api/overview/na12878?reference=nope", 404);
        assertThat(missing.at("/htsget/message").asString()).contains("no reference named 'nope'");
    }

    @Test
    void theDensityFollowsTheReadsAlongTheReference() {
        assumeTrue(Samtools.available(), "samtools is not installed");
        // mpileup.1.bam: 569 reads on 17 in a narrow window; every bin with density holds samtools reads nearby
        JsonNode density = json("/page/api/overview/mpileup", 200).get("density");
        int binSize = density.get("binSize").asInt();
        JsonNode counts = density.get("counts");
        long start = density.get("start").asLong();
        for (int i = 0; i < counts.size(); i++) {
            double c = counts.get(i).asDouble();
            String region = "17:" + (start + (long) i * binSize + 1) + "-" + (start + (long) (i + 1) * binSize);
            long reads = Long.parseLong(
                    Samtools.run("view", "-c", served.get("mpileup").source().toString(), region)
                            .get(0));
            if (reads == 0) {
                assertThat(c).as(region).isZero();
            }
        }
    }

    private static double sum(JsonNode density) {
        double s = 0;
        for (JsonNode c : density.get("counts")) {
            s += c.asDouble();
        }
        return s;
    }

    @Test
    void theGenomeListsTheHeadersReferences() {
        assumeTrue(Samtools.available(), "samtools is not installed");
        for (String id : List.of("na12878", "chrm")) {
            List<String> sq = new ArrayList<>();
            Pattern p = Pattern.compile("^@SQ\\tSN:([^\\t]+)\\tLN:(\\d+)");
            for (String line :
                    Samtools.run("view", "-H", served.get(id).source().toString())) {
                Matcher m = p.matcher(line.replaceAll("\\t(?!SN:|LN:)[A-Z][A-Z0-9]:[^\\t]*", ""));
                if (m.find()) {
                    sq.add(m.group(1) + "\t" + m.group(2));
                }
            }
            List<String> genome = new ArrayList<>();
            json("/page/api/genome/" + id, 200)
                    .forEach(r -> genome.add(
                            r.get("name").asString() + "\t" + r.get("length").asInt()));
            assertThat(genome).as(id).isNotEmpty().isEqualTo(sq);
            HttpResponse<byte[]> sizes = server.get("/page/api/chrom-sizes/" + id);
            assertThat(sizes.statusCode()).isEqualTo(200);
            assertThat(sizes.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(new String(sizes.body(), StandardCharsets.UTF_8)).isEqualTo(String.join("\n", sq) + "\n");
        }
    }

    @Test
    void anUnknownIdIsAReadable404() {
        for (String path :
                List.of("/page/api/overview/no/such", "/page/api/genome/no/such", "/page/api/chrom-sizes/no/such")) {
            JsonNode error = json(path, 404);
            assertThat(error.at("/htsget/error").asString()).isEqualTo("NotFound");
            assertThat(error.at("/htsget/message").asString()).isEqualTo("no such dataset");
        }
        JsonNode broken = json("/page/api/overview/extra/broken", 404);
        assertThat(broken.toString()).doesNotContain(extra.toString()).doesNotContain("Exception");
    }

    @Test
    void theHostileIdIsRefusedAsJsonAndNeverReachesHtml() {
        String encoded = encodePath(HOSTILE);
        JsonNode refused = json("/page/api/overview/" + encoded, 400);
        assertThat(refused.at("/htsget/error").asString()).isEqualTo("InvalidInput");
        assertThat(refused.at("/htsget/message").asString()).contains("is not a valid dataset id");
        for (String path : List.of(
                "/view/" + encoded,
                "/view/" + encoded + "?locus=" + URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8),
                "/view?ids=" + URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8),
                "/?filter=" + URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8))) {
            HttpResponse<byte[]> r = server.get(path);
            String html = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(html).as(path).doesNotContain("alert(1)").doesNotContain(HOSTILE_NAME);
            // the page has no inline script: every script element loads a file of this server
            Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL)
                    .matcher(html);
            int count = 0;
            while (scripts.find()) {
                count++;
                assertThat(scripts.group(1)).as(path).containsPattern("src=\"(\\.\\./)*(\\./)?page/assets/");
                assertThat(scripts.group(2)).as(path).isBlank();
            }
            assertThat(count).as(path).isPositive();
            assertThat(html).doesNotContainPattern("(?i)\\son[a-z]+=");
        }
    }

    private static String encodePath(String id) {
        List<String> parts = new ArrayList<>();
        for (String s : id.split("/", -1)) {
            parts.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", parts);
    }

    @Test
    void pagesCarryAContentSecurityPolicyWithoutInlineScriptOrEval() {
        for (String path :
                List.of("/", "/view/na12878", "/view/small/na12878?locus=20:1-1000", "/view?ids=chrm,zstd/chrm")) {
            HttpResponse<byte[]> r = server.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp)
                    .contains("default-src 'self'")
                    .contains("script-src 'self';")
                    .contains("connect-src 'self';")
                    .contains("object-src 'none'")
                    .doesNotContain("unsafe-eval");
            assertThat(csp.substring(csp.indexOf("script-src"))).startsWith("script-src 'self';");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void assetUrlsAreRelativeSoThePagesWorkUnderAPathPrefix() {
        Map<String, String> depths = Map.of(
                "/", "./",
                "/view?ids=chrm", "./",
                "/view/chrm", "../",
                "/view/small/na12878?locus=20:1-1000", "../../");
        depths.forEach((path, base) -> {
            HttpResponse<byte[]> r = server.get(path, "X-Forwarded-Prefix", "/genomics/bams3");
            String html = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(html).as(path).contains("<meta name=\"bams3-base\" content=\"" + base + "\">");
            Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
            List<String> assets = new ArrayList<>();
            while (refs.find()) {
                String ref = refs.group(1);
                assertThat(ref).as(path).doesNotStartWith("/").doesNotContain("//");
                if (ref.contains("page/assets/")) {
                    assets.add(ref.substring(base.length()));
                }
            }
            assertThat(assets).as(path).isNotEmpty();
            for (String asset : assets) {
                // resolved against the page's URL, each asset is served by this server
                HttpResponse<byte[]> a = server.get("/" + asset);
                assertThat(a.statusCode()).as(asset).isEqualTo(200);
                assertThat(a.body().length).as(asset).isPositive();
            }
        });
    }

    @Test
    void theVendoredViewerIsServedWithItsLicence() {
        HttpResponse<byte[]> igv = server.get("/page/assets/igv-3.8.10/igv.min.js");
        assertThat(igv.statusCode()).isEqualTo(200);
        assertThat(igv.headers().firstValue("Content-Type").orElse("")).contains("javascript");
        assertThat(igv.body().length).isGreaterThan(1_000_000);
        assertThat(new String(server.get("/page/assets/igv-3.8.10/LICENSE").body(), StandardCharsets.UTF_8))
                .contains("MIT License");
    }
}
