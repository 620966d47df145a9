package io.bams3.htsget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.bams3.codec.SamField;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestParserTest {
    private static Map<String, List<String>> q(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.computeIfAbsent(kv[i], k -> new ArrayList<>()).add(kv[i + 1]);
        }
        return m;
    }

    private static HtsgetError error(Runnable r) {
        try {
            r.run();
        } catch (HtsgetException e) {
            return e.error();
        }
        throw new AssertionError("no error");
    }

    @Test
    void defaultsAreEverythingAsBamWithAllFieldsAndTags() {
        HtsgetRequest r = RequestParser.parseQuery("x", q());
        assertThat(r.format()).isEqualTo(DataFormat.BAM);
        assertThat(r.regions()).isEmpty();
        assertThat(r.headerOnly()).isFalse();
        assertThat(r.unfiltered()).isTrue();
    }

    @Test
    void regionStartEndAndFilters() {
        HtsgetRequest r = RequestParser.parseQuery(
                "x",
                q(
                        "referenceName",
                        "chr1",
                        "start",
                        "0",
                        "end",
                        "4294967295",
                        "fields",
                        "QNAME,POS",
                        "tags",
                        "NM,MD",
                        "notags",
                        "XA",
                        "unknown",
                        "ignored"));
        assertThat(r.regions()).containsExactly(RequestedRegion.named("chr1", 0L, 4294967295L));
        assertThat(r.fields()).isEqualTo(EnumSet.of(SamField.QNAME, SamField.POS));
        assertThat(r.keepTags()).containsExactlyInAnyOrder("NM", "MD");
        assertThat(r.dropTags()).containsExactly("XA");
        assertThat(r.unfiltered()).isFalse();
        assertThat(RequestParser.parseQuery("x", q("tags", "")).keepTags()).isEmpty();
        assertThat(RequestParser.parseQuery("x", q("referenceName", "*"))
                        .regions()
                        .get(0)
                        .unplaced())
                .isTrue();
        assertThat(RequestParser.parseQuery("x", q("referenceName", "1", "start", "7", "end", "7"))
                        .regions())
                .hasSize(1);
    }

    @Test
    void theSpecsErrors() {
        assertThat(error(() -> RequestParser.parseQuery("x", q("format", "CRAM"))))
                .isEqualTo(HtsgetError.UNSUPPORTED_FORMAT);
        assertThat(error(() -> RequestParser.parseQuery("x", q("start", "1")))).isEqualTo(HtsgetError.INVALID_INPUT);
        assertThat(error(() -> RequestParser.parseQuery("x", q("referenceName", "1", "start", "5", "end", "4"))))
                .isEqualTo(HtsgetError.INVALID_RANGE);
        assertThat(error(() -> RequestParser.parseQuery("x", q("referenceName", "1", "start", "4294967296"))))
                .isEqualTo(HtsgetError.INVALID_INPUT);
        assertThat(error(() -> RequestParser.parseQuery("x", q("referenceName", "1", "end", "+5"))))
                .isEqualTo(HtsgetError.INVALID_INPUT);
        assertThat(error(() -> RequestParser.parseQuery("x", q("class", "header", "tags", "NM"))))
                .isEqualTo(HtsgetError.INVALID_INPUT);
        assertThat(error(() -> RequestParser.parseQuery("x", q("tags", "NM", "notags", "NM"))))
                .isEqualTo(HtsgetError.INVALID_INPUT);
        assertThat(error(() -> RequestParser.parseQuery("x", q("fields", "qname"))))
                .isEqualTo(HtsgetError.INVALID_INPUT);
        assertThat(error(() -> RequestParser.parseQuery("x", q("end", "3", "end", "4"))))
                .isEqualTo(HtsgetError.INVALID_INPUT);
        assertThat(error(() -> RequestParser.parseQuery("x", q("format", "SAM"))))
                .isEqualTo(HtsgetError.UNSUPPORTED_FORMAT);
    }

    @Test
    void dataEndpointTakesSamBodyClassAndIntervalLists() {
        RequestParser.ParsedData d = RequestParser.parseData(
                "x", q("format", "SAM", "class", "body", "interval", "HLA-A*01:01:01:01:0-10", "interval", "*"));
        assertThat(d.bodyOnly()).isTrue();
        assertThat(d.request().format()).isEqualTo(DataFormat.SAM);
        assertThat(d.request().regions())
                .containsExactly(
                        RequestedRegion.named("HLA-A*01:01:01:01", 0L, 10L), RequestedRegion.named("*", null, null));
        assertThat(error(() -> RequestParser.parseData("x", q("interval", "chr1"))))
                .isEqualTo(HtsgetError.INVALID_INPUT);
        assertThat(error(() -> RequestParser.parseData("x", q("interval", "chr1:5-4"))))
                .isEqualTo(HtsgetError.INVALID_RANGE);
        assertThat(error(() -> RequestParser.parseData("x", q("interval", "chr1:0-4", "referenceName", "chr1"))))
                .isEqualTo(HtsgetError.INVALID_INPUT);
    }

    /**
     * One text, one range: the data endpoint's {@code interval=chr1:0-10} is 0-based half-open
     * (bases 1..10 in samtools' terms, the CLI's {@code chr1:1-10}), and the samtools-looking
     * {@code region=} is refused rather than read in either convention or ignored (which would
     * answer with the whole dataset).
     */
    @Test
    void theDataEndpointsIntervalIsZeroBasedHalfOpenAndRegionIsRefused() {
        assertThat(RequestParser.INTERVAL).isEqualTo("interval");
        assertThat(RequestParser.parseData("x", q("interval", "chr1:0-10"))
                        .request()
                        .regions())
                .containsExactly(RequestedRegion.named("chr1", 0L, 10L));
        HtsgetException refused = catchThrowableOfType(
                HtsgetException.class, () -> RequestParser.parseData("x", q("region", "chr1:1-10")));
        assertThat(refused.error()).isEqualTo(HtsgetError.INVALID_INPUT);
        assertThat(refused.getMessage()).contains("interval=NAME:BEG-END", "0-based, half-open");
        // the ticket endpoint ignores unknown parameters, as htsget says: region is no exception there
        assertThat(RequestParser.parseQuery("x", q("region", "chr1:1-10")).regions())
                .isEmpty();
    }

    @Test
    void postBodies() {
        HtsgetRequest r = RequestParser.parseBody("x", Map.of(), """
                {"format":"BAM","fields":["QNAME"],"tags":[],"notags":["XA"],
                 "regions":[{"referenceName":"1","start":5,"end":9},{"referenceName":"*"},{"referenceName":"2"}],
                 "somethingElse":true}""".getBytes(StandardCharsets.UTF_8));
        assertThat(r.regions())
                .containsExactly(
                        RequestedRegion.named("1", 5L, 9L),
                        RequestedRegion.named("*", null, null),
                        RequestedRegion.named("2", null, null));
        assertThat(r.fields()).containsExactly(SamField.QNAME);
        assertThat(r.keepTags()).isEqualTo(Set.of());
        assertThat(r.dropTags()).containsExactly("XA");
        assertThat(RequestParser.parseBody("x", Map.of(), "{}".getBytes()).regions())
                .isEmpty();
        assertThat(error(() -> RequestParser.parseBody("x", q("a", "b"), "{}".getBytes())))
                .isEqualTo(HtsgetError.INVALID_INPUT);
        assertThat(error(() -> RequestParser.parseBody("x", Map.of(), new byte[0])))
                .isEqualTo(HtsgetError.INVALID_INPUT);
        assertThat(error(() -> RequestParser.parseBody(
                        "x", Map.of(), "{\"regions\":[{\"referenceName\":\"1\",\"start\":1.5}]}".getBytes())))
                .isEqualTo(HtsgetError.INVALID_INPUT);
        assertThat(error(() -> RequestParser.parseBody(
                        "x", Map.of(), "{\"class\":\"header\",\"regions\":[{\"referenceName\":\"1\"}]}".getBytes())))
                .isEqualTo(HtsgetError.INVALID_INPUT);
    }

    @Test
    void samplesPickCohortMembersFromTheQueryOrTheBody() {
        assertThat(RequestParser.parseQuery("c", q()).samples()).isNull();
        assertThat(RequestParser.parseQuery("c", q("samples", "NA12878,HG00100"))
                        .samples())
                .containsExactly("NA12878", "HG00100");
        assertThat(RequestParser.parseBody("c", Map.of(), "{\"samples\":[\"a\",\"b\"]}".getBytes())
                        .samples())
                .containsExactly("a", "b");
        for (String bad : new String[] {"", ",", "a,,b", "a,"}) {
            assertThat(error(() -> RequestParser.parseQuery("c", q("samples", bad))))
                    .as("samples=%s", bad)
                    .isEqualTo(HtsgetError.INVALID_INPUT);
        }
        assertThat(error(() -> RequestParser.parseQuery("c", q("samples", "a", "samples", "b"))))
                .isEqualTo(HtsgetError.INVALID_INPUT);
        assertThat(error(() -> RequestParser.parseBody("c", Map.of(), "{\"samples\":[]}".getBytes())))
                .isEqualTo(HtsgetError.INVALID_INPUT);
        assertThat(error(() -> RequestParser.parseBody("c", Map.of(), "{\"samples\":\"a\"}".getBytes())))
                .isEqualTo(HtsgetError.INVALID_INPUT);
        assertThat(error(() -> RequestParser.parseBody("c", Map.of(), "{\"samples\":[1]}".getBytes())))
                .isEqualTo(HtsgetError.INVALID_INPUT);
    }

    @Test
    void aSelectionTooLongForTheDataUrlsIsRefusedAndTheLimitItselfIsTaken() {
        String fits = "s".repeat(RequestParser.MAX_SAMPLES_LENGTH);
        assertThat(RequestParser.parseQuery("c", q("samples", fits)).samples()).containsExactly(fits);
        String many = String.join(",", java.util.Collections.nCopies(700, "HG0010"));
        assertThat(many.length()).isGreaterThan(RequestParser.MAX_SAMPLES_LENGTH);
        assertThat(error(() -> RequestParser.parseQuery("c", q("samples", many))))
                .isEqualTo(HtsgetError.INVALID_INPUT);
    }
}
