package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.bams3.catalog.InvalidIdException;
import io.bams3.codec.FormatException;
import io.bams3.htsget.DataFormat;
import io.bams3.htsget.HtsgetError;
import io.bams3.htsget.HtsgetJson;
import io.bams3.htsget.ReadsService;
import io.bams3.htsget.TicketMode;
import io.bams3.query.DatasetNotFoundException;
import io.bams3.store.StoreException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;

/**
 * The web layer alone: {@link ReadsController} with the real {@link HtsgetErrorAdvice} in MockMvc
 * (no server, no Spring context), the service mocked to fail in each way the error table knows.
 */
class ReadsControllerErrorTest {
    private static final String LOCATION = "s3://private-bucket/datasets/demo.bams3/_metadata.json";

    private final ReadsService service = mock(ReadsService.class);
    private final StreamLimiter streams = new StreamLimiter(1, 2, Duration.ofSeconds(7));
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        Bams3Properties.Tickets tickets = new Bams3Properties.Tickets(
                TicketMode.AUTO,
                null,
                Duration.ofMinutes(10),
                null,
                Duration.ofHours(1),
                DataSize.ofBytes(100),
                DataSize.ofMegabytes(8));
        Bams3Properties props = new Bams3Properties(List.of(), tickets, null, null, null, null, null, null);
        ReadsController controller =
                new ReadsController(service, props, mock(HtsgetMetrics.class), new ServiceUrls(props), streams);
        mvc = MockMvcBuilders.standaloneSetup(controller)
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
    void badParametersAreInvalidInputOrUnsupportedFormat() throws Exception {
        ResultActions cram = mvc.perform(get("/reads/demo").queryParam("format", "CRAM"));
        cram.andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.htsget.error").value("UnsupportedFormat"));
        mvc.perform(get("/reads/demo").queryParam("start", "abc"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.htsget.error").value("InvalidInput"));
        verify(service, never()).ticket(any(), any());
    }

    @Test
    void anInvalidIdIs400() throws Exception {
        when(service.ticket(any(), any())).thenThrow(new InvalidIdException("the id 'a//b' has an empty segment"));
        htsgetError(
                mvc.perform(get("/reads/a//b")), 400, HtsgetError.INVALID_INPUT, "the id 'a//b' has an empty segment");
    }

    @Test
    void aMissingDatasetIs404WithoutItsLocation() throws Exception {
        when(service.ticket(any(), any())).thenThrow(new DatasetNotFoundException(LOCATION));
        htsgetError(mvc.perform(get("/reads/demo")), 404, HtsgetError.NOT_FOUND, "no such dataset");
    }

    @Test
    void damagedDataIs500AndAFailingStoreIs503() throws Exception {
        when(service.ticket(any(), any())).thenThrow(new FormatException(LOCATION + ": bad magic number"));
        htsgetError(
                mvc.perform(get("/reads/demo")),
                500,
                HtsgetError.INTERNAL_ERROR,
                "the dataset cannot be read: its stored data is damaged or incomplete");
        doThrow(new StoreException(LOCATION + ": timed out")).when(service).ticket(any(), any());
        htsgetError(
                        mvc.perform(get("/reads/demo")),
                        503,
                        HtsgetError.UNAVAILABLE,
                        "the storage did not answer; try again later")
                .andExpect(header().doesNotExist("Retry-After"));
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
        verify(service, never()).ticket(any(), any());
    }

    @Test
    void aDataRequestWhenEveryStreamIsTakenIs503WithRetryAfter() throws Exception {
        ReadsService.DataStream stream = mock(ReadsService.DataStream.class);
        when(stream.format()).thenReturn(DataFormat.BAM);
        when(service.data(any(), any(), any(), any())).thenReturn(stream);
        assertThat(streams.tryAcquire()).isTrue();
        htsgetError(
                        mvc.perform(get("/reads/data/demo").queryParam("format", "BAM")),
                        503,
                        HtsgetError.UNAVAILABLE,
                        "the server is streaming 1 responses, its limit; try again shortly")
                .andExpect(header().string("Retry-After", "7"));
        streams.release();
    }

    @Test
    void aRefusedDataUrlIs403() throws Exception {
        when(service.data(any(), any(), any(), any()))
                .thenThrow(HtsgetError.PERMISSION_DENIED.exception(
                        "this data URL expired; get a fresh one from a ticket"));
        htsgetError(
                mvc.perform(get("/reads/data/demo")),
                403,
                HtsgetError.PERMISSION_DENIED,
                "this data URL expired; get a fresh one from a ticket");
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
