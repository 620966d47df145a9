package io.bams3.cohort;

import io.bams3.codec.BamHeader;
import io.bams3.codec.FormatException;
import io.bams3.codec.MessageText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The header of a cohort's merged answer (docs/FORMAT.md §15) and the read group each member's
 * records get in it. The members must share one reference dictionary: names and lengths in header
 * order, and {@code M5} where both have it. The merged text is the first member's {@code @HD} and
 * {@code @SQ} lines, then, member by member, its own {@code @RG} lines and one for its sample;
 * an ID already taken by an earlier line becomes {@code ID-SAMPLE}, then {@code ID-SAMPLE-2}, ...
 */
public final class CohortHeader {
    private final BamHeader header;
    private final List<ReadGroups> members;

    /** A member's read groups in the merged header: its own IDs renamed where needed, and its sample's. */
    public record ReadGroups(String sampleGroup, Map<String, String> renamed) {
        /** The read group a record of this member gets, given the one it carries (null: none). */
        public String of(String carried) {
            return carried == null ? sampleGroup : renamed.getOrDefault(carried, carried);
        }
    }

    private CohortHeader(BamHeader header, List<ReadGroups> members) {
        this.header = header;
        this.members = List.copyOf(members);
    }

    /** Merges the headers of members named {@code samples} (same order); FormatException naming the first difference. */
    public static CohortHeader merge(List<String> samples, List<BamHeader> headers) {
        if (samples.isEmpty() || samples.size() != headers.size()) {
            throw new IllegalArgumentException("a cohort header needs one header per sample");
        }
        BamHeader first = headers.get(0);
        Map<String, String> firstMd5 = md5s(first);
        for (int m = 1; m < headers.size(); m++) {
            checkSameDictionary(samples.get(0), first, firstMd5, samples.get(m), headers.get(m));
        }
        StringBuilder text = new StringBuilder();
        for (String line : lines(first)) {
            if (line.startsWith("@HD\t") || line.startsWith("@SQ\t")) {
                text.append(line).append('\n');
            }
        }
        if (text.indexOf("@HD\t") != 0) {
            text.insert(0, "@HD\tVN:1.6\tSO:coordinate\n");
        }
        Set<String> taken = new HashSet<>();
        List<ReadGroups> groups = new ArrayList<>();
        for (int m = 0; m < headers.size(); m++) {
            String sample = samples.get(m);
            Map<String, String> renamed = new HashMap<>();
            for (String line : lines(headers.get(m))) {
                if (!line.startsWith("@RG\t")) {
                    continue;
                }
                String id = field(line, "ID");
                if (id == null || renamed.containsKey(id)) {
                    continue; // a line without ID, or a repeated one, names no group a record can carry
                }
                String unique = unique(id, sample, taken);
                if (!unique.equals(id)) {
                    renamed.put(id, unique);
                    line = withId(line, unique);
                }
                text.append(line).append('\n');
            }
            String sampleGroup = unique(sample, sample, taken);
            text.append("@RG\tID:")
                    .append(sampleGroup)
                    .append("\tSM:")
                    .append(sample)
                    .append('\n');
            groups.add(new ReadGroups(sampleGroup, Map.copyOf(renamed)));
        }
        return new CohortHeader(
                new BamHeader(text.toString().getBytes(StandardCharsets.UTF_8), first.references()), groups);
    }

    public BamHeader header() {
        return header;
    }

    /** The read groups of member {@code m} (in the order the headers were given). */
    public ReadGroups readGroups(int m) {
        return members.get(m);
    }

    /** {@code id}, or the first of {@code id-sample}, {@code id-sample-2}, ... not yet taken; taken from now on. */
    private static String unique(String id, String sample, Set<String> taken) {
        String candidate = id;
        for (int n = 1; !taken.add(candidate); n++) {
            candidate = id + "-" + sample + (n == 1 ? "" : "-" + n);
        }
        return candidate;
    }

    private static void checkSameDictionary(
            String firstSample, BamHeader first, Map<String, String> firstMd5, String sample, BamHeader other) {
        List<BamHeader.Reference> a = first.references();
        List<BamHeader.Reference> b = other.references();
        Map<String, String> otherMd5 = md5s(other);
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            BamHeader.Reference x = a.get(i);
            BamHeader.Reference y = b.get(i);
            if (!x.equals(y)) {
                throw new FormatException("member '" + sample + "' does not share the reference dictionary of '"
                        + firstSample + "': reference " + (i + 1) + " is " + describe(y) + ", not " + describe(x));
            }
            String m1 = firstMd5.get(x.name());
            String m2 = otherMd5.get(y.name());
            if (m1 != null && m2 != null && !m1.equals(m2)) {
                throw new FormatException("member '" + sample + "' does not share the reference dictionary of '"
                        + firstSample + "': reference " + (i + 1) + " (" + MessageText.shown(x.name()) + ") has M5 "
                        + MessageText.shown(m2) + ", not " + MessageText.shown(m1));
            }
        }
        if (a.size() != b.size()) {
            throw new FormatException("member '" + sample + "' does not share the reference dictionary of '"
                    + firstSample + "': it has " + b.size() + " references, not " + a.size());
        }
    }

    private static String describe(BamHeader.Reference r) {
        return MessageText.shown(r.name()) + " (" + r.length() + " bp)";
    }

    private static Map<String, String> md5s(BamHeader h) {
        Map<String, String> out = new HashMap<>();
        for (String line : lines(h)) {
            if (line.startsWith("@SQ\t")) {
                String name = field(line, "SN");
                String m5 = field(line, "M5");
                if (name != null && m5 != null) {
                    out.putIfAbsent(name, m5.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    private static List<String> lines(BamHeader h) {
        List<String> out = new ArrayList<>();
        for (String line : h.textString().split("\n")) {
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }

    /** The line with its first ID field set to {@code id}. */
    private static String withId(String line, String id) {
        String[] fields = line.split("\t", -1);
        for (int i = 1; i < fields.length; i++) {
            if (fields[i].startsWith("ID:")) {
                fields[i] = "ID:" + id;
                break;
            }
        }
        return String.join("\t", fields);
    }

    /** The value of the first {@code TAG:value} field of a header line, or null. */
    private static String field(String line, String tag) {
        for (String f : line.split("\t")) {
            if (f.length() > 3 && f.startsWith(tag) && f.charAt(2) == ':') {
                return f.substring(3);
            }
        }
        return null;
    }
}
