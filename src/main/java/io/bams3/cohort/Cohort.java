package io.bams3.cohort;

import io.bams3.codec.BamHeader;
import io.bams3.codec.BamWriter;
import io.bams3.codec.FormatException;
import io.bams3.format.CohortManifest;
import io.bams3.query.ChunkRead;
import io.bams3.query.Dataset;
import io.bams3.query.DatasetNotFoundException;
import io.bams3.query.FetchPool;
import io.bams3.query.QueryPlanner;
import io.bams3.query.Region;
import io.bams3.store.LocationNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * An opened cohort: its members (sample and opened dataset, in member order) and the header of
 * their merged answer. Members share one reference dictionary, so a region parsed against the
 * merged header means the same reference in every member.
 */
public final class Cohort {
    /** A member: its sample name and its dataset. */
    public record Member(String sample, Dataset dataset) {}

    private final List<Member> members;
    private final CohortHeader header;
    private volatile byte[] headerBlocks;

    private Cohort(List<Member> members) {
        this.members = List.copyOf(members);
        this.header = CohortHeader.merge(
                members.stream().map(Member::sample).toList(),
                members.stream().map(m -> m.dataset().header()).toList());
    }

    /** The cohort of these members; FormatException if they do not share a reference dictionary. */
    public static Cohort of(List<Member> members) {
        return new Cohort(members);
    }

    /**
     * Opens the members a manifest names, in parallel on {@code pool}: {@code opener} opens one
     * member's dataset. A member that is not a dataset makes the cohort unreadable (FormatException
     * naming the sample); a store failure is thrown as it is.
     */
    public static Cohort open(
            CohortManifest manifest, Function<CohortManifest.Member, Dataset> opener, FetchPool pool) {
        List<Dataset> datasets = pool.map(manifest.members(), m -> {
            try {
                return opener.apply(m);
            } catch (DatasetNotFoundException | LocationNotFoundException e) {
                throw new FormatException("cohort member '" + m.sample() + "' is not a dataset: " + e.getMessage(), e);
            }
        });
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < datasets.size(); i++) {
            members.add(new Member(manifest.members().get(i).sample(), datasets.get(i)));
        }
        return new Cohort(members);
    }

    public List<Member> members() {
        return members;
    }

    public List<String> samples() {
        return members.stream().map(Member::sample).toList();
    }

    /** The header of the merged answer. */
    public BamHeader header() {
        return header.header();
    }

    /** The read groups member {@code m}'s records get. */
    public CohortHeader.ReadGroups readGroups(int m) {
        return header.readGroups(m);
    }

    /** The merged header as the BGZF block(s) that start a BAM; computed once. */
    public byte[] headerBlocks() {
        byte[] b = headerBlocks;
        if (b == null) {
            b = BamWriter.headerBlocks(header());
            headerBlocks = b;
        }
        return b;
    }

    /**
     * The cohort of the named samples only, in member order (the order of {@code samples} does
     * not matter; a name given twice counts once); {@link UnknownSampleException} for a name that
     * is not a member's.
     */
    public Cohort select(List<String> samples) {
        Set<String> wanted = new LinkedHashSet<>(samples);
        Set<String> known = new LinkedHashSet<>(samples());
        for (String s : wanted) {
            if (!known.contains(s)) {
                throw new UnknownSampleException(s);
            }
        }
        if (wanted.size() == members.size()) {
            return this;
        }
        return new Cohort(
                members.stream().filter(m -> wanted.contains(m.sample())).toList());
    }

    /**
     * Each member's reads for {@code regions} (empty: every record), planned in parallel on
     * {@code pool}; in member order.
     */
    public List<List<ChunkRead>> plan(List<Region> regions, FetchPool pool) {
        return pool.map(members, m -> {
            QueryPlanner planner = new QueryPlanner(m.dataset());
            return regions.isEmpty() ? planner.everything() : planner.plan(regions);
        });
    }
}
