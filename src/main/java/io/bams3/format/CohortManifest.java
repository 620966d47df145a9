package io.bams3.format;

import io.bams3.codec.FormatException;
import io.bams3.codec.MessageText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A cohort manifest (docs/FORMAT.md §15): member datasets in member order, each with its sample
 * name. The manifest names datasets; it holds no data.
 */
public record CohortManifest(List<Member> members) {
    public static final String SUFFIX = ".cohort";
    public static final int MAX_MEMBERS = 10_000;
    public static final String FORMAT = "bams3-cohort";
    public static final int VERSION = 1;

    static final int MAX_SAMPLE_LENGTH = 128;
    static final int MAX_DATASET_LENGTH = 2048;
    private static final Pattern SAMPLE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+=@~:-]{0,127}");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
    private static final String S3 = "s3://";

    /** One member: its sample name and its dataset reference as written in the manifest. */
    public record Member(String sample, String dataset) {
        public Member {
            checkSample(sample);
            checkDataset(dataset);
        }
    }

    public CohortManifest {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("a cohort needs at least one member");
        }
        if (members.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException(
                    "a cohort has at most " + MAX_MEMBERS + " members, not " + members.size());
        }
        Map<String, String> samples = new HashMap<>();
        Map<String, String> datasets = new HashMap<>();
        for (Member m : members) {
            if (m == null) {
                throw new IllegalArgumentException("a cohort member is missing");
            }
            if (samples.put(m.sample(), m.dataset()) != null) {
                throw new IllegalArgumentException("sample '" + m.sample() + "' is listed twice");
            }
            String other = datasets.put(m.dataset(), m.sample());
            if (other != null) {
                throw new IllegalArgumentException("dataset '" + MessageText.shown(m.dataset())
                        + "' is listed twice (samples '" + other + "' and '" + m.sample() + "')");
            }
        }
        members = List.copyOf(members);
    }

    /** UTF-8 JSON, two-space indented: {@code format}, {@code version}, then the members in order. */
    public byte[] toJson() {
        return CohortJson.write(this);
    }

    /**
     * Reads a manifest; unknown fields are ignored.
     *
     * @throws FormatException naming {@code source} for text that is not a valid manifest
     */
    public static CohortManifest fromJson(byte[] json, String source) {
        try {
            return CohortJson.read(json);
        } catch (IllegalArgumentException e) {
            throw new FormatException(source + ": " + e.getMessage(), e);
        }
    }

    /** This cohort with {@code m} appended after the last member. */
    public CohortManifest with(Member m) {
        for (Member old : members) {
            if (old.sample().equals(m.sample())) {
                throw new IllegalArgumentException("the cohort already has sample '" + m.sample() + "'");
            }
            if (old.dataset().equals(m.dataset())) {
                throw new IllegalArgumentException("the cohort already has dataset '" + MessageText.shown(m.dataset())
                        + "' (sample '" + old.sample() + "')");
            }
        }
        List<Member> more = new ArrayList<>(members);
        more.add(m);
        return new CohortManifest(more);
    }

    /** This cohort without the member of that sample; the others keep their order. */
    public CohortManifest without(String sample) {
        List<Member> rest = new ArrayList<>(members.size());
        for (Member m : members) {
            if (!m.sample().equals(sample)) {
                rest.add(m);
            }
        }
        if (rest.size() == members.size()) {
            throw new IllegalArgumentException(
                    "the cohort has no sample '" + MessageText.shown(String.valueOf(sample)) + "'");
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("cannot remove sample '" + sample + "': it is the cohort's last member");
        }
        return new CohortManifest(rest);
    }

    /** The sample names in member order. */
    public List<String> samples() {
        return members.stream().map(Member::sample).toList();
    }

    /**
     * A sample name becomes a SAM {@code @RG ID} and an htsget {@code samples=a,b} value: 1 to 128
     * characters, letters, digits and {@code . _ + = @ ~ : -}, the first a letter, digit or
     * {@code _}.
     */
    public static void checkSample(String sample) {
        if (sample == null) {
            throw new IllegalArgumentException("a member has no sample name");
        }
        if (sample.isEmpty()) {
            throw new IllegalArgumentException("a sample name is empty");
        }
        if (sample.length() > MAX_SAMPLE_LENGTH) {
            throw new IllegalArgumentException("sample name '" + MessageText.shown(sample) + "' is longer than "
                    + MAX_SAMPLE_LENGTH + " characters");
        }
        if (!SAMPLE.matcher(sample).matches()) {
            char first = sample.charAt(0);
            if (!(Character.isLetterOrDigit(first) && first < 0x80 || first == '_')) {
                throw new IllegalArgumentException(
                        "sample name '" + MessageText.shown(sample) + "' must start with a letter, a digit or '_'");
            }
            throw new IllegalArgumentException("sample name '" + MessageText.shown(sample) + "' has "
                    + describe(firstOutside(sample)) + ": use letters, digits and . _ + = @ ~ : -");
        }
    }

    /**
     * A dataset reference: 1 to 2048 characters without control characters, backslash or
     * {@code %}; either relative ('/'-separated segments, none empty, none starting with '.'),
     * {@code s3://bucket/key} (non-empty bucket and key, no empty, '.' or '..' key segment) or an
     * absolute local path (starting with '/', no empty, '.' or '..' segment).
     */
    public static void checkDataset(String dataset) {
        if (dataset == null) {
            throw new IllegalArgumentException("a member has no dataset");
        }
        if (dataset.isEmpty()) {
            throw new IllegalArgumentException("a dataset reference is empty");
        }
        if (dataset.length() > MAX_DATASET_LENGTH) {
            throw new IllegalArgumentException("dataset reference '" + MessageText.shown(dataset) + "' is longer than "
                    + MAX_DATASET_LENGTH + " characters");
        }
        for (int i = 0; i < dataset.length(); i++) {
            char c = dataset.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == '%') {
                throw new IllegalArgumentException("dataset reference '" + MessageText.shown(dataset) + "' has "
                        + describe(c) + (c == '%' ? ": write the name unescaped" : ""));
            }
        }
        if (SCHEME.matcher(dataset).find()) {
            if (!dataset.startsWith(S3)) {
                throw new IllegalArgumentException("dataset reference '" + MessageText.shown(dataset)
                        + "' has an unsupported scheme: use s3://, a path or a relative name");
            }
            String rest = dataset.substring(S3.length());
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                throw new IllegalArgumentException("dataset reference '" + MessageText.shown(dataset) + "' has no "
                        + (slash == 0 ? "bucket" : "key") + ": use s3://bucket/key");
            }
            if (slash == rest.length() - 1) {
                throw new IllegalArgumentException(
                        "dataset reference '" + MessageText.shown(dataset) + "' has no key: use s3://bucket/key");
            }
            checkSegments(dataset, rest.substring(slash + 1), false);
        } else if (dataset.startsWith("/")) {
            checkSegments(dataset, dataset.substring(1), false);
        } else {
            checkSegments(dataset, dataset, true);
        }
    }

    private static void checkSegments(String dataset, String path, boolean relative) {
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("dataset reference '" + MessageText.shown(dataset)
                        + "' has an empty segment ('//' or a '/' at an end)");
            }
            if (relative && segment.startsWith(".")) {
                throw new IllegalArgumentException("relative dataset reference '" + MessageText.shown(dataset)
                        + "' has a segment starting with '.'");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(
                        "dataset reference '" + MessageText.shown(dataset) + "' has a '" + segment + "' segment");
            }
        }
    }

    /** True if the reference has no scheme (such as {@code s3://}) and does not start with '/'. */
    public static boolean isRelative(String dataset) {
        return !dataset.startsWith("/") && !SCHEME.matcher(dataset).find();
    }

    /**
     * A member's location: an absolute reference as it is; a relative one below the directory or S3
     * prefix holding the manifest ({@code s3://b/c/trio.cohort} and {@code ds/a.bams3} give
     * {@code s3://b/c/ds/a.bams3}; a manifest named without any '/' leaves it as it is).
     */
    public static String resolve(String manifestLocation, String dataset) {
        checkDataset(dataset);
        if (!isRelative(dataset)) {
            return dataset;
        }
        int slash = manifestLocation.lastIndexOf('/');
        return slash < 0 ? dataset : manifestLocation.substring(0, slash + 1) + dataset;
    }

    private static char firstOutside(String sample) {
        for (int i = 0; i < sample.length(); i++) {
            char c = sample.charAt(i);
            if (!(c < 0x80 && Character.isLetterOrDigit(c)) && "._+=@~:-".indexOf(c) < 0) {
                return c;
            }
        }
        return sample.charAt(0);
    }

    private static String describe(char c) {
        return switch (c) {
            case ' ' -> "a space";
            case '\t' -> "a tab";
            case ',' -> "a comma";
            case '\\' -> "a backslash";
            case '%' -> "a '%'";
            default ->
                c < 0x20 || c == 0x7f
                        ? String.format("the control character U+%04X", (int) c)
                        : c >= 0x80 ? String.format("the character U+%04X", (int) c) : "'" + c + "'";
        };
    }
}
