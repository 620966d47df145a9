package io.bams3.web.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.testing.HeadlessChromium;
import io.bams3.testing.RequiresChromium;
import io.bams3.testing.Samtools;
import io.bams3.testing.ServedDatasets;
import io.bams3.testing.TestServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The browse and view pages in a real browser (headless Chromium), for one ticket mode: the list
 * and its filter, reads drawn by igv.js at a locus with reads against an empty locus of the same
 * dataset, igv's coverage maximum against {@code samtools depth}, a new ticket when the locus
 * changes, readable errors, the hostile id kept as text, and a clean console. Each case leaves a
 * screenshot under target/browser-screenshots/MODE-CASE.png.
 *
 * <p>Ink is read from the alignment track's canvas ({@code getImageData}): pixels neither
 * transparent nor near-white. The coverage maximum is igv's own: the loaded alignment container's
 * coverage map over the visible range ({@code coverageMap.getMax}), which is what its coverage
 * track draws; samtools depth is asked for the same range.
 */
@Tag("browser")
@Tag("server")
@ExtendWith(RequiresChromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ViewerBrowserContract {
    /** na12878's deepest place (samtools depth: 298 at 20:6,077,651). */
    static final String READS_LOCUS = "20:6077151-6078150";
    /** Also with reads, 27 kb away: a locus change that igv cannot answer from what it holds. */
    static final String OTHER_LOCUS = "20:6050001-6051000";
    /** No read of na12878 starts or ends here (samtools view -c: 0): the negative control. */
    static final String EMPTY_LOCUS = "20:1-2000";

    static final String HOSTILE = "x\"><script>alert(1)</script>";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The alignment track's first viewport, or null while igv is not there yet. */
    private static final String VIEWPORT = "const b = window.bams3Browser; if (!b) return null;"
            + " const t = b.findTracks(t => t.type === 'alignment')[0]; if (!t || !t.trackView) return null;"
            + " const vp = t.trackView.viewports[0]; ";

    private TestServer server;
    private HeadlessChromium chrome;
    private Map<String, ServedDatasets.Spec> served;
    private List<String> allowedSevere = List.of();

    /**
     * igv.js reports a sequence-less genome (no FASTA configured; the page says so) with
     * console.error("No sequence for: CHR:START-END") for each region it loads: expected here.
     */
    private static final String NO_SEQUENCE = "\"No sequence for: ";

    /** Where the FASTA of chrm and zstd/chrm (na12878-chrM-Y-trunc.bam's reference) is configured. */
    static final String SEQUENCE_LOCUS = "chrM:1001-1100";

    /**
     * The reference setting every server under test has: the FASTA of na12878-chrM-Y-trunc.bam
     * (test data, with its samtools faidx index) for chrm and zstd/chrm; the other datasets have none.
     */
    static Map<String, String> withReference(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("bams3.references[0].id-pattern", "chrm|zstd/chrm");
        all.put("bams3.references[0].fasta", ReferenceServerTest.fastaPath().toString());
        return all;
    }

    /** The server under test, serving {@link ServedDatasets#all()} in this class's ticket mode. */
    abstract TestServer startServer();

    /** streamed or presigned: the screenshots' prefix. */
    abstract String mode();

    /** Where the browser must fetch reads' bytes in this mode: the server's data endpoint or the store. */
    abstract String dataPrefix(TestServer server);

    @BeforeAll
    void start() {
        served = ServedDatasets.all();
        server = startServer();
        chrome = HeadlessChromium.start(1400, 1000);
    }

    @AfterAll
    void stop() {
        if (chrome != null) {
            chrome.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Every case ends with a console free of errors, but for the ones the case expects. */
    @AfterEach
    void consoleIsClean(TestInfo test) {
        if (chrome == null) {
            return;
        }
        List<String> severe = new ArrayList<>(chrome.severe());
        List<String> unexpected = severe.stream()
                .filter(m -> !m.contains(NO_SEQUENCE))
                .filter(m -> allowedSevere.stream().noneMatch(m::contains))
                .toList();
        allowedSevere = List.of();
        assertThat(unexpected)
                .as("SEVERE console entries in " + test.getDisplayName())
                .isEmpty();
    }

    private void open(String pathAndQuery) {
        chrome.driver().get(server.base() + pathAndQuery);
    }

    private void awaitState(String selector, String state) {
        HeadlessChromium.await(
                WAIT,
                selector + "[data-state=" + state + "]",
                () -> state.equals(
                        chrome.driver().findElement(By.cssSelector(selector)).getDomAttribute("data-state")));
    }

    private List<String> rowIds() {
        return chrome.driver().findElements(By.cssSelector("#datasets tr.dataset-row")).stream()
                .map(r -> r.getDomAttribute("data-id"))
                .toList();
    }

    @Test
    void theIndexListsTheServedDatasetsAndTheFilterNarrowsThem() {
        open("/");
        awaitState("#datasets", "ready");
        assertThat(rowIds()).containsExactlyInAnyOrderElementsOf(served.keySet());
        assertThat(chrome.driver().findElement(By.id("datasets")).getDomAttribute("data-total"))
                .isEqualTo(String.valueOf(served.size()));
        assertThat(chrome.driver().findElements(By.cssSelector("#datasets a.view-link")))
                .hasSize(served.size());
        chrome.screenshot(mode() + "-index");

        chrome.driver().findElement(By.id("filter")).sendKeys("chrm");
        HeadlessChromium.await(
                WAIT, "the filter to narrow the rows", () -> rowIds().equals(List.of("chrm", "zstd/chrm")));
        awaitState("#datasets", "ready");
        assertThat(chrome.driver().findElement(By.id("datasets")).getDomAttribute("data-total"))
                .isEqualTo("2");
        chrome.screenshot(mode() + "-index-filtered");

        // the link of a row opens that dataset's view
        chrome.driver()
                .findElement(By.cssSelector("tr.dataset-row[data-id='zstd/chrm'] a.view-link"))
                .click();
        awaitState("#igv-status", "ready");
        assertThat(chrome.driver().getCurrentUrl()).endsWith("/view/zstd/chrm");
        assertThat(chrome.driver().findElement(By.id("title")).getText()).isEqualTo("zstd/chrm");
        awaitDrawn();
    }

    @Test
    void theViewDrawsReadsWhereThereAreReadsAndNoneAtAnEmptyLocus() {
        assumeTrue(Samtools.available(), "samtools is not installed");
        view("na12878", READS_LOCUS);
        long readsInk = awaitDrawn();
        Frame frame = frame();
        long igvMax = ((Number) chrome.script(
                        VIEWPORT + "return vp.featureCache.features.coverageMap.getMax(arguments[0], arguments[1]);",
                        frame.start(),
                        frame.end() - 1))
                .longValue();
        long samtoolsMax = samtoolsDepthMax("na12878", frame);
        chrome.screenshot(mode() + "-reads");
        // the bytes came from where this mode's tickets point: igv fetched at least one data URL there
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>)
                chrome.script(
                        "return performance.getEntriesByType('resource')"
                                + ".map(e => e.name).filter(n => !n.includes('/page/') && (!n.includes('/reads/') || n.includes('/reads/data/')));");
        assertThat(fetched).isNotEmpty().anySatisfy(u -> assertThat(u).startsWith(dataPrefix(server)));
        System.out.printf(
                "browser %s: %s ink %d px; coverage max igv %d, samtools depth %d%n",
                mode(), frame, readsInk, igvMax, samtoolsMax);
        assertThat(samtoolsMax).isGreaterThan(100);
        assertThat(igvMax)
                .isBetween(samtoolsMax - Math.max(2, samtoolsMax / 50), samtoolsMax + Math.max(2, samtoolsMax / 50));

        view("na12878", EMPTY_LOCUS);
        long emptyInk = awaitDrawn();
        assertThat(samtoolsDepthMax("na12878", frame())).isZero();
        chrome.screenshot(mode() + "-empty-locus");
        System.out.printf("browser %s: %s ink %d px (negative control)%n", mode(), frame(), emptyInk);
        assertThat(readsInk).isGreaterThan(20 * emptyInk + 5_000);
    }

    @Test
    void changingTheLocusAsksForANewTicketAndRedraws() {
        view("na12878", READS_LOCUS);
        long firstInk = awaitDrawn();
        String firstPixels = pixelHash();
        long before = tickets();
        // igv.js draws inside an open shadow root of #igv-container
        WebElement box = chrome.driver()
                .findElement(By.id("igv-container"))
                .getShadowRoot()
                .findElement(By.cssSelector(".igv-search-input"));
        box.clear();
        box.sendKeys(OTHER_LOCUS, Keys.ENTER);
        HeadlessChromium.await(WAIT, "a ticket request for " + OTHER_LOCUS, () -> tickets() > before);
        HeadlessChromium.await(
                WAIT,
                "igv to hold reads of " + OTHER_LOCUS,
                () -> Boolean.TRUE.equals(chrome.script(VIEWPORT
                        + "const f = vp.featureCache; return !!f && f.bpStart <= 6050000 && f.bpEnd >= 6051000;")));
        long secondInk = awaitDrawn();
        Frame moved = frame();
        assertThat(moved.chr()).isEqualTo("20");
        assertThat(moved.start()).isEqualTo(6_050_000);
        assertThat(moved.end()).isCloseTo(6_051_000, org.assertj.core.data.Offset.offset(50L));
        // the ticket the browser asked for names the new place
        @SuppressWarnings("unchecked")
        List<String> urls =
                (List<String>) chrome.script("return performance.getEntriesByType('resource').map(e => e.name)"
                        + ".filter(n => n.includes('/reads/') && !n.includes('/reads/data/'));");
        assertThat(urls)
                .anySatisfy(u -> assertThat(u).contains("referenceName=20").containsPattern("start=60[45]"));
        assertThat(pixelHash()).isNotEqualTo(firstPixels);
        chrome.screenshot(mode() + "-locus-changed");
        System.out.printf(
                "browser %s: locus %s -> %s, tickets %d -> %d, ink %d -> %d px%n",
                mode(), READS_LOCUS, OTHER_LOCUS, before, tickets(), firstInk, secondInk);
        assertThat(secondInk).isPositive();
    }

    @Test
    void anUnknownIdIsAReadableMessageOnThePage() {
        // the overview's 404 is logged by Chromium as a failed resource: that line only
        allowedSevere = List.of("Failed to load resource: the server responded with a status of 404");
        open("/view/no/such");
        awaitState("#igv-status", "error");
        WebElement error = chrome.driver().findElement(By.id("view-error"));
        assertThat(error.isDisplayed()).isTrue();
        assertThat(error.getText()).contains("no/such").contains("no such dataset");
        assertThat(chrome.driver().findElement(By.tagName("body")).getText())
                .doesNotContain("Exception")
                .doesNotContain("Whitelabel");
        chrome.screenshot(mode() + "-unknown-id");
    }

    @Test
    void theHostileIdIsShownAsTextAndNeverRuns() {
        // the id is refused (400) by the overview: Chromium logs the failed resource, nothing else
        allowedSevere = List.of("Failed to load resource: the server responded with a status of 400");
        open("/view/x%22%3E%3Cscript%3Ealert(1)%3C/script%3E");
        awaitState("#igv-status", "error");
        assertThatThrownBy(() -> chrome.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(chrome.driver().findElement(By.id("title")).getText()).isEqualTo(HOSTILE);
        WebElement error = chrome.driver().findElement(By.id("view-error"));
        assertThat(error.isDisplayed()).isTrue();
        assertThat(error.getText()).contains(HOSTILE).contains("is not a valid dataset id");
        // no element came out of the id: every script of the page is one of its files
        assertThat(chrome.driver().findElements(By.cssSelector("main script, header script")))
                .isEmpty();
        assertThat(chrome.driver().getTitle()).startsWith(HOSTILE);
        chrome.screenshot(mode() + "-hostile-id");
    }

    @Test
    void withAReferenceFastaIgvReadsTheSequenceThroughTheServer() {
        assumeTrue(Samtools.available(), "samtools is not installed");
        view("chrm", SEQUENCE_LOCUS);
        long ink = awaitDrawn();
        assertThat(chrome.driver().findElement(By.id("reference-note")).isDisplayed())
                .isFalse();
        assertThat(chrome.script("return window.bams3Browser.findTracks(t => t.type === 'sequence').length;"))
                .isEqualTo(1L);
        // igv's genome reads its bases (ranges of page/api/reference/chrm/sequence.fa) as samtools faidx does
        String igv = (String) chrome.script("return window.bams3Browser.genome.getSequence('chrM', 1000, 1100);");
        List<String> faidx =
                Samtools.run("faidx", ReferenceServerTest.fastaPath().toString(), SEQUENCE_LOCUS);
        String expected = String.join("", faidx.subList(1, faidx.size()));
        assertThat(expected).hasSize(100);
        assertThat(igv).isEqualTo(expected);
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) chrome.script("return performance.getEntriesByType('resource')"
                + ".map(e => e.name).filter(n => n.includes('/page/api/reference/'));");
        assertThat(fetched)
                .anySatisfy(u -> assertThat(u).endsWith("/page/api/reference/chrm/sequence.fa"))
                .anySatisfy(u -> assertThat(u).endsWith("/page/api/reference/chrm/sequence.fa.fai"));
        // no "No sequence for" (nor anything else) on the console: igv had bases for every region
        assertThat(chrome.severe()).isEmpty();
        chrome.screenshot(mode() + "-reference");
        System.out.printf(
                "browser %s: %s with the reference FASTA, ink %d px, igv bases %s...%n",
                mode(), SEQUENCE_LOCUS, ink, igv.substring(0, 20));
        assertThat(ink).isPositive();

        // a dataset without a reference keeps the sequence-less genome and the page says so
        view("na12878", READS_LOCUS);
        awaitDrawn();
        assertThat(chrome.driver().findElement(By.id("reference-note")).isDisplayed())
                .isTrue();
        assertThat(chrome.script("return window.bams3Browser.genome.getSequence('20', 6077150, 6077250);"))
                .isNull();
    }

    private void view(String id, String locus) {
        open("/view/" + id + "?locus=" + locus);
        awaitState("#overview", "ready");
        awaitState("#igv-status", "ready");
    }

    /** The visible range of the first reference frame: 0-based start, exclusive end. */
    record Frame(String chr, long start, long end) {
        @Override
        public String toString() {
            return chr + ":" + (start + 1) + "-" + end;
        }
    }

    private Frame frame() {
        @SuppressWarnings("unchecked")
        Map<String, Object> f =
                (Map<String, Object>) chrome.script("const r = window.bams3Browser.referenceFrameList[0];"
                        + " return {chr: r.chr, start: Math.round(r.start), end: Math.round(r.end)};");
        return new Frame(
                (String) f.get("chr"), ((Number) f.get("start")).longValue(), ((Number) f.get("end")).longValue());
    }

    /**
     * Waits until igv holds the alignments of the visible range and its canvas has stopped
     * changing (two equal reads 200 ms apart); returns the ink on the alignment track's canvas.
     */
    private long awaitDrawn() {
        HeadlessChromium.await(
                WAIT,
                "igv to load the alignments of the visible range",
                () -> Boolean.TRUE.equals(
                        chrome.script(VIEWPORT + "const f = vp.featureCache; const r = b.referenceFrameList[0];"
                                + " return !!f && !vp.loading && !!vp.canvas && f.chr === r.chr"
                                + " && f.bpStart <= Math.floor(r.start) && f.bpEnd >= Math.floor(r.end);")));
        long[] last = {-1};
        HeadlessChromium.await(WAIT, "the alignment track to settle", () -> {
            long now = ink();
            boolean same = now == last[0];
            last[0] = now;
            if (!same) {
                sleep(200);
            }
            return same;
        });
        return last[0];
    }

    private long ink() {
        return ((Number) chrome.script(VIEWPORT + "const c = vp.canvas; const ctx = c.getContext('2d');"
                        + " const d = ctx.getImageData(0, 0, c.width, c.height).data; let n = 0;"
                        + " for (let i = 0; i < d.length; i += 4) {"
                        + "   if (d[i + 3] > 0 && !(d[i] > 240 && d[i + 1] > 240 && d[i + 2] > 240)) n++; }"
                        + " return n;"))
                .longValue();
    }

    private String pixelHash() {
        return String.valueOf(chrome.script(VIEWPORT + "const c = vp.canvas;"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let h = 0;"
                + " for (let i = 0; i < d.length; i++) { h = (h * 31 + d[i]) | 0; } return h;"));
    }

    /** Tickets this server has answered (the bams3.tickets timers, every mode and outcome). */
    private long tickets() {
        return server.context().getBean(MeterRegistry.class).find("bams3.tickets").timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }

    private long samtoolsDepthMax(String id, Frame frame) {
        long max = 0;
        for (String line : Samtools.run(
                "depth", "-a", "-r", frame.toString(), served.get(id).source().toString())) {
            max = Math.max(max, Long.parseLong(line.split("\t")[2]));
        }
        return max;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
