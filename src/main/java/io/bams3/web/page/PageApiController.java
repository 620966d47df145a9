package io.bams3.web.page;

import io.bams3.codec.BamHeader;
import io.bams3.htsget.ErrorTable;
import io.bams3.htsget.HtsgetError;
import io.bams3.htsget.HtsgetException;
import io.bams3.htsget.HtsgetJson;
import io.bams3.store.ByteRange;
import io.bams3.web.security.CallerAccess;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON (and chrom.sizes text, and a configured reference sequence) the pages fetch. They need
 * the same token as the htsget API, and a caller sees only what its grants permit. Errors are the
 * htsget error JSON with a message that names no storage location.
 */
@RestController
@RequestMapping("/page/api")
@Hidden
class PageApiController {
    private static final String FASTA = "/sequence.fa";
    private static final String INDEX = "/sequence.fa.fai";
    private final PageService service;
    private final CallerAccess callers;

    PageApiController(PageService service, CallerAccess callers) {
        this.service = service;
        this.callers = callers;
    }

    /** A page of the dataset list; {@code filter} is a case-insensitive substring of the id. */
    @GetMapping("/datasets")
    ResponseEntity<DatasetPage> datasets(
            @RequestParam(name = "filter", defaultValue = "") String filter,
            @RequestParam(name = "offset", defaultValue = "0") String offset,
            @RequestParam(name = "limit", defaultValue = "50") String limit) {
        return json(service.list(filter, number("offset", offset), number("limit", limit), callers.current()));
    }

    /** The header's references of a dataset: its genome for the viewer, as JSON. */
    @GetMapping("/genome/{*id}")
    ResponseEntity<List<BamHeader.Reference>> genome(@PathVariable("id") String id) {
        return json(service.references(strip(id), callers.current()));
    }

    /** The same as a chrom.sizes file (name TAB length), which igv.js reads as a sequence-less reference. */
    @GetMapping("/chrom-sizes/{*id}")
    ResponseEntity<byte[]> chromSizes(@PathVariable("id") String id) {
        StringBuilder b = new StringBuilder();
        for (BamHeader.Reference r : service.references(strip(id), callers.current())) {
            b.append(r.name()).append('\t').append(r.length()).append('\n');
        }
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads per reference and the density along {@code reference} (default: the one with the most reads). */
    @GetMapping("/overview/{*id}")
    ResponseEntity<Overview> overview(
            @PathVariable("id") String id, @RequestParam(name = "reference", required = false) String reference) {
        return json(service.overview(strip(id), reference, callers.current()));
    }

    /**
     * The reference sequence configured for a dataset, for igv.js: {@code ID/sequence.fa} (the FASTA)
     * and {@code ID/sequence.fa.fai} (its index), with single byte ranges ({@code Range}: 206 with
     * {@code Content-Range}; outside the file: 416), streamed from where it is stored.
     */
    @GetMapping("/reference/{*path}")
    void reference(
            @PathVariable("path") String path,
            @RequestHeader(name = "Range", required = false) String range,
            HttpServletResponse response)
            throws IOException {
        String rest = strip(path);
        boolean index = rest.endsWith(INDEX);
        if (!index && !rest.endsWith(FASTA)) {
            throw HtsgetError.NOT_FOUND.exception("a reference is read as ID" + FASTA + " or ID" + INDEX);
        }
        String id = rest.substring(0, rest.length() - (index ? INDEX : FASTA).length());
        ReferenceSequence sequence = service.sequence(id, callers.current());
        ReferenceFile file = index ? sequence.index() : sequence.fasta();
        long size = file.size();
        Optional<ByteRange> asked;
        try {
            asked = RangeHeader.parse(range, size);
        } catch (RangeHeader.Unsatisfiable e) {
            response.setStatus(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value());
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
            return;
        }
        ByteRange bytes = asked.orElse(new ByteRange(0, size));
        try (InputStream in = file.open(bytes)) {
            response.setStatus(asked.isPresent() ? HttpStatus.PARTIAL_CONTENT.value() : HttpStatus.OK.value());
            if (asked.isPresent()) {
                response.setHeader(
                        HttpHeaders.CONTENT_RANGE, "bytes " + bytes.from() + "-" + (bytes.to() - 1) + "/" + size);
            }
            response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setContentType("text/plain;charset=US-ASCII");
            response.setContentLengthLong(bytes.length());
            in.transferTo(response.getOutputStream());
        }
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> failed(Exception failure) {
        HtsgetException e = ErrorTable.classify(failure);
        return ResponseEntity.status(e.error().status())
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.APPLICATION_JSON)
                .body(HtsgetJson.error(e.error(), e.getMessage()));
    }

    private static <T> ResponseEntity<T> json(T body) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw HtsgetError.INVALID_INPUT.exception(name + " must be a whole number");
        }
    }

    private static String strip(String id) {
        return id.startsWith("/") ? id.substring(1) : id;
    }
}
