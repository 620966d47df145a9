package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.bams3.htsget.HtsgetJson;
import io.bams3.testing.Cli;
import io.bams3.testing.CraftedDatasets;
import io.bams3.testing.CraftedDatasets.Case;
import io.bams3.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every crafted dataset (src/test/resources/crafted/README.md) is an error for every reader, never
 * a clean short or empty answer: {@code bams3 view -c} on the target region exits non-zero with
 * one line and without allocating for a size it was only told; {@code bams3 validate} reports a
 * problem within seconds; the htsget ticket endpoint answers 500 InternalError when planning
 * meets the damage, and the data endpoint fails (an error status, or a cut transfer) when decoding does. The untouched base dataset passes all three, so the failures come from the
 * rewritten value.
 */
@Tag("server")
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CraftedDatasetsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Far below the 1 GiB a lying block_size asks for; far above what a query of this dataset needs. */
    private static final long ALLOCATION_LIMIT = 256L << 20;

    private static final long VALIDATE_SECONDS = 20;

    @TempDir
    static Path root;

    private Path base;
    private CraftedDatasets.Target target;
    private TestServer server;

    @BeforeAll
    void build() throws IOException {
        base = CraftedDatasets.base(root);
        target = CraftedDatasets.target(base);
        for (Case c : CraftedDatasets.cases()) {
            CraftedDatasets.build(base, c, root);
        }
        server = TestServer.start(Map.of("bams3.roots[0].location", root.toString()));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static List<Case> cases() {
        return CraftedDatasets.cases();
    }

    static List<Case> planningCases() {
        return CraftedDatasets.cases().stream()
                .filter(c -> c.layer().failsPlanning())
                .toList();
    }

    private String dataset(Case c) {
        return root.resolve(c.name() + ".bams3").toString();
    }

    @Test
    void theBaseDatasetIsSound() {
        Cli.Result view = Cli.run("view", "-c", base.toString(), target.region());
        assertThat(view.exit()).as(view.stderr()).isZero();
        assertThat(Long.parseLong(view.out().trim())).isPositive();
        assertThat(Cli.run("view", "-c", base.toString(), "*").exit()).isZero();
        Cli.Result validate = Cli.run("validate", base.toString());
        assertThat(validate.exit()).as(validate.stderr()).isZero();
        assertThat(server.get("/reads/base?" + target.htsgetQuery()).statusCode())
                .isEqualTo(200);
        assertThat(server.get("/reads/base?referenceName=*").statusCode()).isEqualTo(200);
    }

    static List<Case> queryCases() {
        return CraftedDatasets.cases().stream()
                .filter(c -> c.layer().failsQueries())
                .toList();
    }

    static List<Case> totalsCases() {
        return CraftedDatasets.cases().stream()
                .filter(c -> !c.layer().failsQueries())
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("totalsCases")
    void wrongTotalsAreAnErrorForStatsAndNotForQueries(Case c) {
        Cli.Result view = Cli.run("view", "-c", dataset(c), c.region(target));
        assertThat(view.exit()).as(view.stderr()).isZero();
        assertThat(view.out())
                .isEqualTo(
                        Cli.run("view", "-c", base.toString(), c.region(target)).out());
        Cli.Result stats = Cli.run("stats", dataset(c));
        assertThat(stats.exit()).isNotZero();
        assertThat(stats.out()).isEmpty();
        assertThat(stats.stderr().lines().toList()).singleElement().asString().startsWith("bams3 stats: ");
        assertThat(server.get("/reads/" + c.name() + "?" + c.htsgetQuery(target))
                        .statusCode())
                .isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queryCases")
    void viewCountIsOneErrorLine(Case c) {
        var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Cli.Result r = Cli.run("view", "-c", dataset(c), c.region(target));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(r.exit())
                .as("%s: exit of view -c (stdout %s)", c.name(), r.out())
                .isNotZero();
        assertThat(r.out()).as("%s: no count printed", c.name()).isEmpty();
        List<String> lines = r.stderr().lines().toList();
        assertThat(lines).as(c.name()).hasSize(1);
        assertThat(lines.get(0))
                .startsWith("bams3 view: ")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(allocated).as("%s: bytes allocated by view -c", c.name()).isLessThan(ALLOCATION_LIMIT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validateReportsAProblemQuickly(Case c) {
        long start = System.nanoTime();
        Cli.Result r = Cli.run("validate", dataset(c));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(r.exit())
                .as("%s: exit of validate (stdout %s)", c.name(), r.out())
                .isNotZero();
        assertThat(r.stderr())
                .as(c.name())
                .contains("INVALID")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(r.stderr().lines()).as(c.name()).allMatch(l -> l.startsWith("bams3 validate: "));
        assertThat(seconds).as("%s: seconds validate ran", c.name()).isLessThan(VALIDATE_SECONDS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("planningCases")
    void ticketIsInternalError(Case c) {
        HttpResponse<byte[]> r = server.get("/reads/" + c.name() + "?" + c.htsgetQuery(target));
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as("%s: %s", c.name(), body).isEqualTo(500);
        JsonNode error = JSON.readTree(body).get("htsget");
        assertThat(error.get("error").stringValue()).isEqualTo("InternalError");
        assertThat(error.get("message").stringValue())
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    static List<Case> recordCases() {
        return CraftedDatasets.cases().stream()
                .filter(c -> c.layer() == CraftedDatasets.Layer.RECORD)
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordCases")
    void theDataEndpointNeverEndsCleanly(Case c) throws Exception {
        HttpResponse<byte[]> ticket = server.get("/reads/" + c.name() + "?" + c.htsgetQuery(target));
        assertThat(ticket.statusCode()).as(c.name()).isEqualTo(200);
        String url = HtsgetJson.parseTicket(ticket.body()).urls().stream()
                .filter(u -> !u.inline())
                .findFirst()
                .orElseThrow()
                .url();
        int status;
        try {
            HttpResponse<InputStream> r = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
            status = r.statusCode();
            try (InputStream in = r.body()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            return; // the transfer failed: the client knows the answer is incomplete
        }
        assertThat(status)
                .as("%s: a data stream that ended cleanly must have failed with a status", c.name())
                .isEqualTo(500);
    }

    @Test
    void theReadmeListsEveryCaseAndNothingElse() throws IOException {
        String readme = Files.readString(Path.of("src/test/resources/crafted/README.md"));
        List<String> rows = readme.lines()
                .filter(l -> l.startsWith("| `"))
                .map(l -> l.substring(3, l.indexOf('`', 3)))
                .toList();
        assertThat(rows)
                .containsExactlyElementsOf(
                        CraftedDatasets.cases().stream().map(Case::name).toList());
    }
}
