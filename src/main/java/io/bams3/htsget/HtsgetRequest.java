package io.bams3.htsget;

import io.bams3.codec.SamField;
import java.util.List;
import java.util.Set;

/**
 * A parsed reads request. {@code regions} empty means every record, mapped and unmapped;
 * {@code headerOnly} is {@code class=header}. {@code keepTags} null means all tags. {@code samples}
 * (an extension, cohorts only) names the members to read; null means all of them.
 */
public record HtsgetRequest(
        String id,
        DataFormat format,
        boolean headerOnly,
        List<RequestedRegion> regions,
        Set<SamField> fields,
        Set<String> keepTags,
        Set<String> dropTags,
        List<String> samples) {

    public HtsgetRequest {
        samples = samples == null ? null : List.copyOf(samples);
        regions = List.copyOf(regions);
        fields = Set.copyOf(fields);
        keepTags = keepTags == null ? null : Set.copyOf(keepTags);
        dropTags = Set.copyOf(dropTags);
    }

    /** True when records pass unchanged (no field or tag filtering). */
    public boolean unfiltered() {
        return fields.size() == SamField.values().length && keepTags == null && dropTags.isEmpty();
    }

    public HtsgetRequest withFormat(DataFormat f) {
        return new HtsgetRequest(id, f, headerOnly, regions, fields, keepTags, dropTags, samples);
    }
}
