package io.bams3.testing;

import io.bams3.codec.BamWriter;
import io.bams3.codec.SamTextFormatter;
import io.bams3.query.ChunkRead;
import io.bams3.query.Dataset;
import io.bams3.query.QueryPlanner;
import io.bams3.query.RecordReader;
import io.bams3.query.Region;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Region queries through the library, as BAM bytes and as SAM lines. */
public final class Bams3Queries {
    private Bams3Queries() {}

    public static List<ChunkRead> plan(Dataset ds, List<Region> regions) {
        QueryPlanner planner = new QueryPlanner(ds);
        return regions.isEmpty() ? planner.everything() : planner.plan(regions);
    }

    public static byte[] bam(Dataset ds, List<Region> regions) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BamWriter writer = new BamWriter(out, ds.header());
            new RecordReader(ds).read(plan(ds, regions), writer::write);
            writer.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> samLines(Dataset ds, List<Region> regions) {
        SamTextFormatter f = new SamTextFormatter(ds.header().references());
        List<String> out = new ArrayList<>();
        try {
            new RecordReader(ds).read(plan(ds, regions), r -> {
                StringBuilder sb = new StringBuilder();
                f.format(r, sb);
                out.add(sb.toString());
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** samtools region syntax; names containing ':' are braced. */
    public static String samtoolsRegion(Region r) {
        if (r.isUnplaced()) {
            return "*";
        }
        String name = r.refName().contains(":") ? "{" + r.refName() + "}" : r.refName();
        return name + ":" + (r.beg() + 1L) + "-" + r.end();
    }
}
