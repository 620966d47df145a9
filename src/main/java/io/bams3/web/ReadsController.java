package io.bams3.web;

import io.bams3.BuildInfo;
import io.bams3.auth.Access;
import io.bams3.htsget.ErrorTable;
import io.bams3.htsget.HtsgetError;
import io.bams3.htsget.HtsgetJson;
import io.bams3.htsget.HtsgetRequest;
import io.bams3.htsget.ReadsService;
import io.bams3.htsget.RequestParser;
import io.bams3.htsget.ServiceInfo;
import io.bams3.htsget.Ticket;
import io.bams3.web.security.CallerAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** The htsget reads API: tickets (GET and POST), the data endpoint the tickets point at, service-info. */
@RestController
@RequestMapping("/reads")
@Tag(name = "reads", description = "GA4GH htsget 1.3 reads")
class ReadsController {
    static final String DATA_PATH = "/reads/data/";
    private static final Logger LOG = LoggerFactory.getLogger(ReadsController.class);
    private static final MediaType HTSGET = MediaType.parseMediaType(HtsgetJson.MEDIA_TYPE);

    private final ReadsService service;
    private final Bams3Properties props;
    private final HtsgetMetrics metrics;
    private final ServiceUrls urls;
    private final StreamLimiter streams;
    private final CallerAccess callers;

    ReadsController(
            ReadsService service,
            Bams3Properties props,
            HtsgetMetrics metrics,
            ServiceUrls urls,
            StreamLimiter streams,
            CallerAccess callers) {
        this.service = service;
        this.props = props;
        this.metrics = metrics;
        this.urls = urls;
        this.streams = streams;
        this.callers = callers;
    }

    @GetMapping("/service-info")
    @SecurityRequirements // open without a token
    @Operation(summary = "GA4GH service-info of this htsget service")
    ResponseEntity<byte[]> serviceInfo(HttpServletRequest request) {
        Bams3Properties.Info info = props.info();
        boolean filters = service.filtersEffective();
        String orgUrl = info.organizationUrl() == null ? urls.base(request) : info.organizationUrl();
        byte[] body = new ServiceInfo(
                        info.id(),
                        info.name(),
                        "htsget 1.3 reads over BAMS3 datasets",
                        BuildInfo.version(),
                        info.organization(),
                        orgUrl,
                        filters,
                        filters,
                        callers.required() ? new ServiceInfo.Authentication(callers.issuer()) : null)
                .json();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @GetMapping("/data/{*id}")
    @SecurityRequirements // the URL's signature is the credential
    @Operation(
            summary = "Stream the records of a dataset or region (the URL tickets point at)",
            description = "Takes the ticket parameters plus format=SAM (text), class=body (records only, no header "
                    + "or EOF), repeated " + RequestParser.INTERVAL + "=NAME:BEG-END (0-based, half-open, unlike the "
                    + "1-based NAME:START-END of the CLI; 'region' is refused) or " + RequestParser.INTERVAL + "=*, "
                    + "and startAt=NAME:POS "
                    + "(records of NAME whose 0-based POS is below POS are left out; a ticket whose regions are spread "
                    + "over several data URLs uses it so that every record comes once). HEAD checks the request "
                    + "without reading data. A stream that fails before its first byte is an htsget error; after it, "
                    + "the connection is cut.",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "BAM (or SAM text)",
                        content = @Content(mediaType = "application/octet-stream")),
                @ApiResponse(
                        responseCode = "503",
                        description = "Unavailable: every data stream slot is taken "
                                + "(Retry-After says when to try again) or the storage did not answer",
                        content =
                                @Content(
                                        mediaType = HtsgetJson.MEDIA_TYPE,
                                        schema = @Schema(implementation = ErrorSchema.class)))
            })
    void data(
            @Parameter(description = "dataset id (may contain '/')") @PathVariable("id") String id,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        long started = System.nanoTime();
        String uri = request.getRequestURI();
        String encodedPath = uri.substring(uri.indexOf(DATA_PATH) + DATA_PATH.length());
        Map<String, List<String>> params = QueryString.parse(request.getQueryString());
        ReadsService.DataStream stream;
        try {
            stream = service.data(strip(id), params, encodedPath, request.getQueryString());
        } catch (RuntimeException e) {
            metrics.data("unknown", ErrorTable.classify(e).error().wireName(), System.nanoTime() - started, 0);
            throw e;
        }
        String format = stream.format().name();
        if ("HEAD".equals(request.getMethod())) {
            // checked and planned like a GET, but nothing is read or counted
            response.setStatus(200);
            response.setContentType(stream.contentType());
            return;
        }
        if (!streams.tryAcquire()) {
            metrics.data(format, "busy", System.nanoTime() - started, 0);
            throw new StreamsBusyException(streams.max(), streams.retryAfterSeconds());
        }
        try {
            stream(stream, format, started, request, response);
        } finally {
            streams.release();
        }
    }

    /**
     * Writes a planned stream. A failure before the response is committed becomes an htsget error
     * response; after, the connection is cut (the client sees a failed transfer, never a short
     * but complete file). Either way it is one log line.
     */
    private void stream(
            ReadsService.DataStream stream,
            String format,
            long started,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        response.setStatus(200);
        response.setContentType(stream.contentType());
        CountingResponseStream out = new CountingResponseStream(response.getOutputStream());
        try {
            stream.writeTo(out);
            metrics.data(format, "ok", System.nanoTime() - started, out.bytes());
        } catch (IOException | RuntimeException e) {
            if (out.clientGone()) {
                metrics.data(format, "cancelled", System.nanoTime() - started, out.bytes());
                LOG.debug("client went away after {} bytes of {}", out.bytes(), request.getRequestURI());
                return;
            }
            String outcome = ErrorTable.classify(e).error().wireName();
            metrics.data(format, outcome, System.nanoTime() - started, out.bytes());
            LOG.warn("stream of {} failed after {} bytes: {}", request.getRequestURI(), out.bytes(), e.toString());
            if (!response.isCommitted()) {
                // the body is dropped, the headers (CORS among them) stay for the error response
                response.resetBuffer();
                ErrorResponses.write(
                        ErrorResponses.of(e, request.getMethod(), request.getRequestURI(), false), response);
                return;
            }
            // no cause: a cause chain with an EOFException would be taken for a client that went away,
            // and the container would end the response cleanly instead of cutting it
            throw new StreamFailedException(outcome);
        }
    }

    @GetMapping("/{*id}")
    @Operation(
            summary = "Get a ticket for the reads of a dataset or a cohort, or of one region of it",
            description = "A cohort id (a manifest ID.cohort where there is no dataset ID) answers with its"
                    + " members' records merged in coordinate order, each with its sample's read group, under a"
                    + " merged header; it is always streamed (presigned URLs cannot merge).",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "htsget ticket",
                        content =
                                @Content(
                                        mediaType = HtsgetJson.MEDIA_TYPE,
                                        schema = @Schema(implementation = TicketSchema.class))),
                @ApiResponse(
                        responseCode = "400",
                        description = "InvalidInput, InvalidRange or UnsupportedFormat",
                        content =
                                @Content(
                                        mediaType = HtsgetJson.MEDIA_TYPE,
                                        schema = @Schema(implementation = ErrorSchema.class))),
                @ApiResponse(
                        responseCode = "404",
                        description = "NotFound: no such dataset or reference",
                        content =
                                @Content(
                                        mediaType = HtsgetJson.MEDIA_TYPE,
                                        schema = @Schema(implementation = ErrorSchema.class)))
            })
    @Parameter(
            name = "format",
            in = ParameterIn.QUERY,
            description = "BAM (default); CRAM is UnsupportedFormat",
            schema = @Schema(type = "string"))
    @Parameter(
            name = "class",
            in = ParameterIn.QUERY,
            description = "'header' for the header only",
            schema = @Schema(type = "string"))
    @Parameter(
            name = "referenceName",
            in = ParameterIn.QUERY,
            description = "reference name, or * for unplaced unmapped reads",
            schema = @Schema(type = "string"))
    @Parameter(
            name = "referenceMD5",
            in = ParameterIn.QUERY,
            description = "MD5 of the reference (the header's SQ M5)",
            schema = @Schema(type = "string"))
    @Parameter(
            name = "start",
            in = ParameterIn.QUERY,
            description = "0-based inclusive start",
            schema = @Schema(type = "integer", format = "int64"))
    @Parameter(
            name = "end",
            in = ParameterIn.QUERY,
            description = "0-based exclusive end",
            schema = @Schema(type = "integer", format = "int64"))
    @Parameter(
            name = "fields",
            in = ParameterIn.QUERY,
            description = "fields to include: QNAME,FLAG,RNAME,POS,MAPQ,CIGAR,RNEXT,PNEXT,TLEN,SEQ,QUAL",
            schema = @Schema(type = "string"))
    @Parameter(
            name = "tags",
            in = ParameterIn.QUERY,
            description = "tags to include (empty: none)",
            schema = @Schema(type = "string"))
    @Parameter(
            name = "notags",
            in = ParameterIn.QUERY,
            description = "tags to exclude",
            schema = @Schema(type = "string"))
    @Parameter(
            name = "samples",
            in = ParameterIn.QUERY,
            description = "Extension (not in htsget 1.3), for cohort ids only: comma-separated sample names of the"
                    + " members to read (default: all). A name that is not a member's, or the parameter on a"
                    + " dataset id, is InvalidInput",
            schema = @Schema(type = "string"))
    ResponseEntity<byte[]> ticket(
            @Parameter(description = "dataset id (may contain '/')") @PathVariable("id") String id,
            HttpServletRequest request)
            throws IOException {
        return timedTicket(
                request, () -> RequestParser.parseQuery(strip(id), QueryString.parse(request.getQueryString())));
    }

    @PostMapping("/{*id}")
    @Operation(
            summary = "Get a ticket for several regions (JSON body: format, class, fields, tags, notags, regions;"
                    + " samples for a cohort id, an extension)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            description = "htsget 1.3 POST body",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = PostBodySchema.class))),
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "htsget ticket",
                        content =
                                @Content(
                                        mediaType = HtsgetJson.MEDIA_TYPE,
                                        schema = @Schema(implementation = TicketSchema.class))),
                @ApiResponse(
                        responseCode = "400",
                        description = "InvalidInput, InvalidRange or UnsupportedFormat",
                        content =
                                @Content(
                                        mediaType = HtsgetJson.MEDIA_TYPE,
                                        schema = @Schema(implementation = ErrorSchema.class))),
                @ApiResponse(
                        responseCode = "404",
                        description = "NotFound: no such dataset or reference",
                        content =
                                @Content(
                                        mediaType = HtsgetJson.MEDIA_TYPE,
                                        schema = @Schema(implementation = ErrorSchema.class)))
            })
    ResponseEntity<byte[]> ticketPost(
            @Parameter(description = "dataset id (may contain '/')") @PathVariable("id") String id,
            HttpServletRequest request)
            throws IOException {
        return timedTicket(
                request,
                () -> RequestParser.parseBody(
                        strip(id),
                        QueryString.parse(request.getQueryString()),
                        readBody(request, props.tickets().maxRequestBody().toBytes())));
    }

    /** What the caller may read; with tokens, its subject goes into the access log line. */
    private Access caller(HttpServletRequest request) {
        Access access = callers.current();
        if (callers.required()) {
            request.setAttribute(RequestLogFilter.SUBJECT, access.subject());
        }
        return access;
    }

    /** A request that parses into an htsget request (and may fail reading its body). */
    @FunctionalInterface
    private interface Parse {
        HtsgetRequest get() throws IOException;
    }

    /** Parses, answers with a ticket, and records the outcome and latency either way. */
    private ResponseEntity<byte[]> timedTicket(HttpServletRequest request, Parse parse) throws IOException {
        long started = System.nanoTime();
        try {
            ReadsService.Answer<Ticket> answer = service.ticket(
                    parse.get(), urls.base(request) + DATA_PATH.substring(0, DATA_PATH.length() - 1), caller(request));
            metrics.ticket(answer.mode().name().toLowerCase(Locale.ROOT), "ok", System.nanoTime() - started);
            // a ticket may hold signed or presigned URLs: no cache is to keep it or hand it to others
            return ResponseEntity.ok()
                    .cacheControl(CacheControl.noStore())
                    .contentType(HTSGET)
                    .body(HtsgetJson.ticket(answer.value()));
        } catch (RuntimeException e) {
            metrics.ticket("none", ErrorTable.classify(e).error().wireName(), System.nanoTime() - started);
            throw e;
        }
    }

    private static byte[] readBody(HttpServletRequest request, long limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw HtsgetError.PAYLOAD_TOO_LARGE.exception(
                    "the request body has " + declared + " bytes; the limit is " + limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) limit + 1);
            if (body.length > limit) {
                throw HtsgetError.PAYLOAD_TOO_LARGE.exception(
                        "the request body exceeds the limit of " + limit + " bytes");
            }
            return body;
        }
    }

    /** Only GET reaches service-info; without this, other methods would be taken for a dataset id. */
    @org.springframework.web.bind.annotation.RequestMapping(
            path = "/service-info",
            method = {RequestMethod.POST, RequestMethod.PUT, RequestMethod.DELETE, RequestMethod.PATCH})
    @io.swagger.v3.oas.annotations.Hidden
    void serviceInfoOtherMethods(HttpServletRequest request) throws HttpRequestMethodNotSupportedException {
        throw new HttpRequestMethodNotSupportedException(request.getMethod(), List.of("GET"));
    }

    /**
     * Only GET and HEAD reach the data endpoint; without this, other methods would be taken for a
     * ticket request for the id {@code data/...}, which GET reserves for the data endpoint.
     */
    @org.springframework.web.bind.annotation.RequestMapping(
            path = "/data/{*id}",
            method = {RequestMethod.POST, RequestMethod.PUT, RequestMethod.DELETE, RequestMethod.PATCH})
    @io.swagger.v3.oas.annotations.Hidden
    void dataOtherMethods(HttpServletRequest request) throws HttpRequestMethodNotSupportedException {
        throw new HttpRequestMethodNotSupportedException(request.getMethod(), List.of("GET", "HEAD"));
    }

    /** {@code {*id}} captures the rest of the path with its leading '/'; "/reads" alone names no dataset. */
    private static String strip(String id) {
        String stripped = id.startsWith("/") ? id.substring(1) : id;
        if (stripped.isEmpty()) {
            throw HtsgetError.NOT_FOUND.exception("no dataset id in the path: use /reads/{id}");
        }
        return stripped;
    }

    /**
     * A stream that failed after its response started: the connection must be cut, not finished.
     * It carries no cause (the failure is logged where it happens).
     */
    static final class StreamFailedException extends RuntimeException {
        StreamFailedException(String outcome) {
            super("the stream failed after its response started (" + outcome + ")", null, false, false);
        }
    }

    /** Every data stream slot is taken: 503 with Retry-After. */
    static final class StreamsBusyException extends RuntimeException {
        private final long retryAfterSeconds;

        StreamsBusyException(int max, long retryAfterSeconds) {
            super("the server is streaming " + max + " responses, its limit; try again shortly", null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** OpenAPI shape of a ticket. */
    @Schema(name = "Ticket")
    record TicketSchema(TicketBody htsget) {
        record TicketBody(@Schema(example = "BAM") String format, List<TicketUrl> urls) {}

        record TicketUrl(
                String url,
                Map<String, String> headers,

                @Schema(
                        name = "class",
                        allowableValues = {"header", "body"})
                String dataClass) {}
    }

    /** OpenAPI shape of an error. */
    @Schema(name = "Error")
    record ErrorSchema(ErrorBody htsget) {
        record ErrorBody(@Schema(example = "NotFound") String error, String message) {}
    }

    /** OpenAPI shape of the POST body. */
    @Schema(name = "ReadsRequest")
    record PostBodySchema(
            String format,
            @Schema(name = "class") String dataClass,
            List<String> fields,
            List<String> tags,
            List<String> notags,
            List<Region> regions,

            @Schema(
                    description = "Extension (not in htsget 1.3), for cohort ids only: the sample names of"
                            + " the members to read (default: all)")
            List<String> samples) {
        record Region(String referenceName, Long start, Long end) {}
    }
}
