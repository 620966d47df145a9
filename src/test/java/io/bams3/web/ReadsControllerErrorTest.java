package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.bams3.catalog.CacheSettings;
import io.bams3.catalog.DatasetCatalog;
import io.bams3.catalog.DatasetLocator;
import io.bams3.catalog.DatasetRoot;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.htsget.DataUrlSigner;
import io.bams3.htsget.HtsgetError;
import io.bams3.htsget.HtsgetJson;
import io.bams3.htsget.ReadsService;
import io.bams3.htsget.TicketMode;
import io.bams3.query.FetchPool;
import io.bams3.store.LocalObjectStore;
import io.bams3.store.S3Settings;
import io.bams3.testing.TestBams;
import io.bams3.web.security.AuthProperties;
import io.bams3.web.security.CallerAccess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;

/**
 * The web layer alone: {@link ReadsController} with the real {@link HtsgetErrorAdvice} in MockMvc
 * (no server, no Spring context) over a real reads service on a local root that holds a sound
 * dataset, a damaged one, and nothing else; every failure the error table knows, as a client sees it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadsControllerErrorTest {
    private static final String SECRET = "a-secret-of-some-length";

    @TempDir
    static Path root;

    private final StreamLimiter streams = new StreamLimiter(1, 2, Duration.ofSeconds(7));
    private DatasetCatalog catalog;
    private FetchPool fetchPool;
    private MockMvc mvc;
    private MockMvc signed;

    @BeforeAll
    void datasets() throws Exception {
        new Converter(new ConvertOptions(Codec.BGZF, 64 << 10, 1, false), ProgressListener.NONE)
                .convert(TestBams.path(TestBams.MPILEUP), new LocalObjectStore(root.resolve("demo.bams3")));
        Path damaged = Files.createDirectories(root.resolve("damaged.bams3"));
        Files.writeString(damaged.resolve("_metadata.json"), "{\"format\":\"bams3\",");
        catalog = new DatasetCatalog(
                new DatasetLocator(List.of(DatasetRoot.of(root.toString()))),
                S3Settings.defaults(),
                CacheSettings.defaults());
        fetchPool = new FetchPool(1);
    }

    @AfterAll
    void close() {
        fetchPool.close();
        catalog.close();
    }

    @BeforeEach
    void setUp() {
        mvc = mvc(null);
        signed = mvc(new DataUrlSigner(SECRET, Duration.ofHours(1), Clock.systemUTC()));
    }

    private MockMvc mvc(DataUrlSigner signer) {
        Bams3Properties.Tickets tickets = new Bams3Properties.Tickets(
                TicketMode.STREAMED,
                null,
                Duration.ofMinutes(10),
                null,
                List.of(),
                Duration.ofHours(1),
                DataSize.ofBytes(100),
                DataSize.ofMegabytes(8),
                DataSize.ofKilobytes(256));
        Bams3Properties props =
                new Bams3Properties(List.of(), tickets, null, null, null, null, null, null, null, null, List.of());
        ReadsService service = new ReadsService(
                catalog,
                new ReadsService.Settings(TicketMode.STREAMED, Duration.ofMinutes(10), 8 << 20, signer, 10),
                fetchPool);
        ReadsController controller = new ReadsController(
                service,
                props,
                new HtsgetMetrics(new SimpleMeterRegistry(), catalog, streams),
                new ServiceUrls(props),
                streams,
                new CallerAccess(AuthProperties.Mode.NONE, null));
        return MockMvcBuilders.standaloneSetup(controller)
                .setControllerAdvice(new HtsgetErrorAdvice())
                .build();
    }

    private static ResultActions htsgetError(ResultActions result, int status, HtsgetError error, String message)
            throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentType(HtsgetJson.MEDIA_TYPE))
                .andExpect(jsonPath("$.htsget.error").value(error.wireName()))
                .andExpect(jsonPath("$.htsget.message").value(message))
                .andExpect(jsonPath("$.htsget.length()").value(2))
                .andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    void aSoundDatasetAnswers() throws Exception {
        mvc.perform(get("/reads/demo").queryParam("referenceName", "17"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(HtsgetJson.MEDIA_TYPE))
                .andExpect(jsonPath("$.htsget.format").value("BAM"));
    }

    @Test
    void badParametersAreInvalidInputOrUnsupportedFormat() throws Exception {
        mvc.perform(get("/reads/demo").queryParam("format", "CRAM"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.htsget.error").value("UnsupportedFormat"));
        mvc.perform(get("/reads/demo").queryParam("start", "abc"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.htsget.error").value("InvalidInput"));
        StringBuilder regions = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            regions.append("&interval=17:").append(i * 10).append('-').append(i * 10 + 5);
        }
        htsgetError(
                mvc.perform(get("/reads/data/demo?class=body" + regions)),
                400,
                HtsgetError.INVALID_INPUT,
                "the request names 11 regions; at most 10 are allowed in one request");
    }

    @Test
    void anInvalidIdIs400() throws Exception {
        mvc.perform(get("/reads/a/.hidden"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.htsget.error").value("InvalidInput"));
    }

    @Test
    void aMissingDatasetOrReferenceIs404WithoutALocation() throws Exception {
        htsgetError(mvc.perform(get("/reads/nosuch")), 404, HtsgetError.NOT_FOUND, "no dataset with id 'nosuch'");
        htsgetError(
                mvc.perform(get("/reads/demo").queryParam("referenceName", "chrNo")),
                404,
                HtsgetError.NOT_FOUND,
                "reference 'chrNo' is not in dataset 'demo'");
    }

    @Test
    void damagedDataIs500WithoutALocation() throws Exception {
        htsgetError(
                mvc.perform(get("/reads/damaged")),
                500,
                HtsgetError.INTERNAL_ERROR,
                "the dataset cannot be read: its stored data is damaged or incomplete");
    }

    @Test
    void aPostBodyOverTheLimitIs413() throws Exception {
        String body = "{\"format\":\"BAM\",\"regions\":[" + "{\"referenceName\":\"11\"},".repeat(10) + "{}]}";
        htsgetError(
                mvc.perform(post("/reads/demo")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body)),
                413,
                HtsgetError.PAYLOAD_TOO_LARGE,
                "the request body has " + body.length() + " bytes; the limit is 100");
    }

    @Test
    void aDataRequestWhenEveryStreamIsTakenIs503WithRetryAfter() throws Exception {
        assertThat(streams.tryAcquire()).isTrue();
        try {
            htsgetError(
                            mvc.perform(get("/reads/data/demo").queryParam("referenceName", "17")),
                            503,
                            HtsgetError.UNAVAILABLE,
                            "the server is streaming 1 responses, its limit; try again shortly")
                    .andExpect(header().string("Retry-After", "7"));
        } finally {
            streams.release();
        }
        mvc.perform(get("/reads/data/demo").queryParam("referenceName", "17")).andExpect(status().isOk());
    }

    @Test
    void anUnsignedDataUrlIs403WhenUrlsAreSigned() throws Exception {
        signed.perform(get("/reads/data/demo").queryParam("referenceName", "17"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.htsget.error").value("PermissionDenied"));
    }

    @Test
    void otherMethodsOnServiceInfoAre405WithAllow() throws Exception {
        htsgetError(
                        mvc.perform(post("/reads/service-info")),
                        405,
                        HtsgetError.INVALID_INPUT,
                        "POST is not supported on /reads/service-info")
                .andExpect(header().string("Allow", "GET"));
    }
}
