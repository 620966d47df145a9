package io.bams3.testing;

import io.bams3.query.Region;
import java.util.List;

/** The JSON body of an htsget POST request for {@code regions} (0-based half-open, as htsget). */
public final class RegionsBody {
    private RegionsBody() {}

    public static String of(List<Region> regions) {
        StringBuilder b = new StringBuilder("{\"regions\":[");
        for (int i = 0; i < regions.size(); i++) {
            Region r = regions.get(i);
            b.append(i == 0 ? "" : ",")
                    .append("{\"referenceName\":\"")
                    .append(r.refName())
                    .append("\",\"start\":")
                    .append(r.beg())
                    .append(",\"end\":")
                    .append(r.end())
                    .append('}');
        }
        return b.append("]}").toString();
    }
}
