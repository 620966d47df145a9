package io.bams3.htsget;

import io.bams3.codec.BamHeader;
import io.bams3.query.Region;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks requested regions against a dataset's header: references by name or by their @SQ M5,
 * {@code "*"} for unplaced reads, missing start/end as the reference's bounds, coordinates past the
 * end clamped to it. Empty intervals select nothing and are dropped.
 */
final class RegionResolver {
    private final BamHeader header;
    private final String id;

    RegionResolver(BamHeader header, String id) {
        this.header = header;
        this.id = id;
    }

    List<Region> resolve(List<RequestedRegion> requested) {
        List<Region> out = new ArrayList<>();
        for (RequestedRegion r : requested) {
            if (r.unplaced()) {
                out.add(Region.unplaced());
                continue;
            }
            int ref = reference(r);
            String name = header.references().get(ref).name();
            long length = header.references().get(ref).length();
            long start = r.start() == null ? 0 : Math.min(r.start(), length);
            long end = r.end() == null ? length : Math.min(r.end(), length);
            if (start < end) {
                out.add(new Region(ref, name, (int) start, (int) end));
            }
        }
        return out;
    }

    private int reference(RequestedRegion r) {
        int byName = r.referenceName() == null ? -1 : header.referenceIndex(r.referenceName());
        if (r.referenceName() != null && byName < 0) {
            throw HtsgetError.NOT_FOUND.exception(
                    "reference '" + r.referenceName() + "' is not in dataset '" + id + "'");
        }
        if (r.referenceMd5() == null) {
            return byName;
        }
        int byMd5 = header.referenceIndexByMd5(r.referenceMd5());
        if (byMd5 < 0) {
            throw HtsgetError.NOT_FOUND.exception("no reference of dataset '" + id + "' has MD5 " + r.referenceMd5());
        }
        if (byName >= 0 && byName != byMd5) {
            throw HtsgetError.INVALID_INPUT.exception("referenceName '" + r.referenceName() + "' and referenceMD5 "
                    + r.referenceMd5() + " name different references");
        }
        return byMd5;
    }
}
