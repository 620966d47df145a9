package io.bams3.web.page;

import io.bams3.codec.BamHeader;
import io.bams3.htsget.ErrorTable;
import io.bams3.htsget.HtsgetException;
import io.bams3.htsget.HtsgetJson;
import io.bams3.web.security.CallerAccess;
import io.swagger.v3.oas.annotations.Hidden;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON (and chrom.sizes text) the pages fetch. They need the same token as the htsget API, and
 * a caller sees only what its grants permit. Errors are the htsget error JSON with a message that
 * names no storage location.
 */
@RestController
@RequestMapping("/page/api")
@Hidden
class PageApiController {
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
            throw io.bams3.htsget.HtsgetError.INVALID_INPUT.exception(name + " must be a whole number");
        }
    }

    private static String strip(String id) {
        return id.startsWith("/") ? id.substring(1) : id;
    }
}
