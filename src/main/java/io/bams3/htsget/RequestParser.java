package io.bams3.htsget;

import io.bams3.codec.SamField;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads htsget 1.3 reads requests: GET query parameters and POST JSON bodies, with the spec's
 * rules and errors. Unknown query parameters and body keys are ignored. The data endpoint
 * ({@link #parseData}) also takes {@code format=SAM}, {@code class=body}, repeated
 * {@code interval=NAME:BEG-END} parameters (0-based, half-open; {@code interval=*} for unplaced
 * reads) and {@code startAt=NAME:POS}, which tickets split over several data URLs use. The name is
 * not {@code region} on purpose: the CLI's {@code NAME:START-END} is samtools' 1-based inclusive
 * form, and the same text must not mean two ranges; {@code region} is refused there. {@code samples}
 * (GET: {@code a,b}; POST: an array of strings) is an extension that picks a cohort's members.
 */
public final class RequestParser {
    private static final long MAX_COORDINATE = 0xFFFF_FFFFL;

    /**
     * The data endpoint's range parameter: {@code NAME:BEG-END}, 0-based half-open (as htsget's
     * {@code start}/{@code end}), or {@code *} for the unplaced reads. Data URLs are written by
     * {@link DataUrls} and read by {@link #parseData}, both with this name.
     */
    public static final String INTERVAL = "interval";

    /** The name the data endpoint refuses, so that a samtools-style 1-based region is never misread. */
    static final String REFUSED_REGION = "region";

    private static final Set<String> SINGLE_VALUED = Set.of(
            "format",
            "class",
            "referenceName",
            "referenceMD5",
            "start",
            "end",
            "fields",
            "tags",
            "notags",
            "startAt",
            "samples");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RequestParser() {}

    /** {@code GET /reads/{id}}. */
    public static HtsgetRequest parseQuery(String id, Map<String, List<String>> params) {
        return parse(id, params, false);
    }

    /** The data endpoint: the GET parameters plus SAM output, {@code class=body} and {@link #INTERVAL}. */
    public static ParsedData parseData(String id, Map<String, List<String>> params) {
        HtsgetRequest request = parse(id, params, true);
        String cls = single(params, "class");
        String startAt = single(params, "startAt");
        RequestedRegion from = null;
        if (startAt != null) {
            int colon = startAt.lastIndexOf(':');
            if (colon <= 0 || request.regions().isEmpty()) {
                throw invalid("'startAt' must be NAME:POS and comes with '" + INTERVAL + "'");
            }
            from = RequestedRegion.named(
                    startAt.substring(0, colon), parseCoordinate(startAt.substring(colon + 1), "'startAt'"), null);
        }
        return new ParsedData(request, "body".equals(cls), from);
    }

    /**
     * A data request; {@code bodyOnly}: records (and EOF) without the header. {@code startAt}
     * (or null): records of that reference whose POS is below its {@code start} are left out,
     * because an earlier data URL of the same ticket carries them.
     */
    public record ParsedData(HtsgetRequest request, boolean bodyOnly, RequestedRegion startAt) {}

    private static HtsgetRequest parse(String id, Map<String, List<String>> params, boolean data) {
        for (String name : SINGLE_VALUED) {
            List<String> values = params.get(name);
            if (values != null && values.size() > 1) {
                throw invalid("parameter '" + name + "' is given " + values.size() + " times");
            }
        }
        DataFormat format = DataFormat.parse(single(params, "format"), data);
        boolean headerOnly = classValue(single(params, "class"), data);
        String name = single(params, "referenceName");
        String md5 = single(params, "referenceMD5");
        Long start = coordinate(params, "start");
        Long end = coordinate(params, "end");
        List<RequestedRegion> regions = new ArrayList<>();
        if (name != null || md5 != null) {
            regions.add(region(name, md5, start, end));
        } else if (start != null || end != null) {
            throw invalid("'start' and 'end' need 'referenceName'");
        }
        if (data && params.containsKey(REFUSED_REGION)) {
            throw invalid("the data endpoint takes '" + INTERVAL + "=NAME:BEG-END' (0-based, half-open), not '"
                    + REFUSED_REGION + "'");
        }
        if (data && params.containsKey(INTERVAL)) {
            if (!regions.isEmpty()) {
                throw invalid("give either 'referenceName' or '" + INTERVAL + "', not both");
            }
            for (String r : params.get(INTERVAL)) {
                regions.add(dataRegion(r));
            }
        }
        Set<SamField> fields = fields(single(params, "fields"));
        Set<String> tags = tagList(single(params, "tags"), "tags");
        Set<String> notags = tagList(single(params, "notags"), "notags");
        if (headerOnly && (!regions.isEmpty() || params.containsKey("fields") || tags != null || notags != null)) {
            throw invalid("'class=header' takes no region, 'fields', 'tags' or 'notags'");
        }
        String samples = single(params, "samples");
        return build(
                id,
                format,
                headerOnly,
                regions,
                fields,
                tags,
                notags,
                samples == null ? null : samples(Arrays.asList(samples.split(",", -1))));
    }

    /** {@code POST /reads/{id}}: the JSON body; query parameters are not allowed with it. */
    public static HtsgetRequest parseBody(String id, Map<String, List<String>> params, byte[] body) {
        if (!params.isEmpty()) {
            throw invalid("a POST request takes its parameters in the JSON body, not the query string (got '"
                    + String.join("', '", params.keySet()) + "')");
        }
        JsonNode root;
        try {
            root = body.length == 0 ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            throw invalid("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("the request body must be a JSON object");
        }
        DataFormat format = DataFormat.parse(text(root, "format"), false);
        boolean headerOnly = classValue(text(root, "class"), false);
        List<RequestedRegion> regions = new ArrayList<>();
        JsonNode rs = root.get("regions");
        if (rs != null && !rs.isNull()) {
            if (!rs.isArray() || rs.isEmpty()) {
                throw invalid("'regions' must be a non-empty array");
            }
            for (JsonNode r : rs) {
                if (!r.isObject()) {
                    throw invalid("each region must be an object with 'referenceName', 'start' and 'end'");
                }
                String name = text(r, "referenceName");
                String md5 = text(r, "referenceMD5");
                if (name == null && md5 == null) {
                    throw invalid("each region needs 'referenceName'");
                }
                regions.add(region(name, md5, number(r, "start"), number(r, "end")));
            }
        }
        Set<SamField> fields =
                root.has("fields") ? fields(String.join(",", strings(root, "fields"))) : EnumSet.allOf(SamField.class);
        Set<String> tags = root.has("tags") ? tagSet(strings(root, "tags"), "tags") : null;
        Set<String> notags = root.has("notags") ? tagSet(strings(root, "notags"), "notags") : null;
        if (headerOnly && (!regions.isEmpty() || root.has("fields") || tags != null || notags != null)) {
            throw invalid("'class=header' takes no 'regions', 'fields', 'tags' or 'notags'");
        }
        List<String> samples = root.has("samples") ? samples(strings(root, "samples")) : null;
        return build(id, format, headerOnly, regions, fields, tags, notags, samples);
    }

    /**
     * Longest {@code samples} selection, as its comma-separated text: it goes into every data URL
     * of the ticket, which must stay within {@link ReadsService#DATA_URL_BUDGET}.
     */
    static final int MAX_SAMPLES_LENGTH = 2048;

    /** A non-empty list of non-empty sample names, short enough to go into data URLs. */
    private static List<String> samples(List<String> names) {
        if (names.isEmpty() || names.stream().anyMatch(String::isEmpty)) {
            throw invalid("'samples' must name one or more samples, separated by commas");
        }
        int length = String.join(",", names).length();
        if (length > MAX_SAMPLES_LENGTH) {
            throw invalid("'samples' names " + names.size() + " samples in " + length + " characters; at most "
                    + MAX_SAMPLES_LENGTH + " fit a request: make a cohort of them instead");
        }
        return names;
    }

    private static HtsgetRequest build(
            String id,
            DataFormat format,
            boolean headerOnly,
            List<RequestedRegion> regions,
            Set<SamField> fields,
            Set<String> tags,
            Set<String> notags,
            List<String> samples) {
        Set<String> dropped = notags == null ? Set.of() : notags;
        if (tags != null) {
            for (String t : dropped) {
                if (tags.contains(t)) {
                    throw invalid("'tags' and 'notags' both name " + t);
                }
            }
        }
        return new HtsgetRequest(id, format, headerOnly, regions, fields, tags, dropped, samples);
    }

    private static RequestedRegion region(String name, String md5, Long start, Long end) {
        if (name != null && name.isEmpty()) {
            throw invalid("'referenceName' is empty");
        }
        if (md5 != null && !md5.matches("[0-9a-f]{32}")) {
            throw invalid("'referenceMD5' must be 32 lower-case hexadecimal digits");
        }
        if (RequestedRegion.UNPLACED.equals(name) && (start != null || end != null)) {
            throw invalid("'start' and 'end' cannot be used with referenceName=*");
        }
        if (start != null && end != null && start > end) {
            throw HtsgetError.INVALID_RANGE.exception("start " + start + " is greater than end " + end);
        }
        return new RequestedRegion(name, md5, start, end);
    }

    private static RequestedRegion dataRegion(String value) {
        if (value.equals(RequestedRegion.UNPLACED)) {
            return RequestedRegion.named(value, null, null);
        }
        int colon = value.lastIndexOf(':');
        int dash = value.lastIndexOf('-');
        if (colon <= 0 || dash < colon) {
            throw invalid("'" + INTERVAL + "' must be NAME:BEG-END (0-based, half-open) or *");
        }
        return region(
                value.substring(0, colon),
                null,
                parseCoordinate(value.substring(colon + 1, dash), "'" + INTERVAL + "' begin"),
                parseCoordinate(value.substring(dash + 1), "'" + INTERVAL + "' end"));
    }

    private static boolean classValue(String cls, boolean data) {
        if (cls == null || (data && cls.equals("body"))) {
            return false;
        }
        if (cls.equals("header")) {
            return true;
        }
        throw invalid("'class' must be 'header' (or absent), not '" + cls + "'");
    }

    private static Long coordinate(Map<String, List<String>> params, String name) {
        String v = single(params, name);
        return v == null ? null : parseCoordinate(v, "'" + name + "'");
    }

    private static Long parseCoordinate(String v, String what) {
        if (!v.matches("[0-9]{1,20}") || new BigInteger(v).compareTo(BigInteger.valueOf(MAX_COORDINATE)) > 0) {
            throw invalid(what + " must be an unsigned 32-bit integer, not '" + v + "'");
        }
        return Long.parseLong(v);
    }

    private static Set<SamField> fields(String list) {
        if (list == null) {
            return EnumSet.allOf(SamField.class);
        }
        Set<SamField> out = EnumSet.noneOf(SamField.class);
        for (String f : list.split(",", -1)) {
            if (f.isEmpty() && list.isEmpty()) {
                continue;
            }
            try {
                out.add(SamField.parse(f));
            } catch (IllegalArgumentException e) {
                throw invalid("unknown field '" + f + "' in 'fields'; known: " + Arrays.toString(SamField.values()));
            }
        }
        return out;
    }

    private static Set<String> tagList(String list, String what) {
        if (list == null) {
            return null;
        }
        return tagSet(list.isEmpty() ? List.of() : Arrays.asList(list.split(",", -1)), what);
    }

    private static Set<String> tagSet(List<String> tags, String what) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : tags) {
            if (!t.matches("[A-Za-z][A-Za-z0-9]")) {
                throw invalid("'" + what + "' holds '" + t + "', which is not a two-character SAM tag");
            }
            out.add(t);
        }
        return out;
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw invalid("'" + name + "' must be a string");
        }
        return v.stringValue();
    }

    private static Long number(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0 || v.longValue() > MAX_COORDINATE) {
            throw invalid("'" + name + "' must be an unsigned 32-bit integer, not " + v);
        }
        return v.longValue();
    }

    private static List<String> strings(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isArray()) {
            throw invalid("'" + name + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isString()) {
                throw invalid("'" + name + "' must be an array of strings");
            }
            out.add(e.stringValue());
        }
        return out;
    }

    private static HtsgetException invalid(String message) {
        return HtsgetError.INVALID_INPUT.exception(message);
    }
}
