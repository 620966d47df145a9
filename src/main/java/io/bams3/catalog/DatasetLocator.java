package io.bams3.catalog;

import io.bams3.store.S3Location;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps htsget ids to dataset locations through an ordered list of {@link DatasetRoot}s; the first
 * root that matches wins. Ids are '/'-separated segments of letters, digits and {@code . _ ~ + @ = , : -};
 * no segment may be empty or start with '.', so an id can neither climb out of its root
 * ({@code ..}) nor name hidden staging directories. Decoded forms count: the id is checked after
 * URL decoding, and a '%' or '\' is rejected outright. What becomes part of a path is checked the
 * same way on its own (the id after its root's prefix, each pattern group), and every location is
 * then resolved and verified to lie inside its root: a normalized local path under the root's
 * directory, an S3 key under the root's prefix without '.' or '..' segments.
 */
public final class DatasetLocator {
    private static final String SEGMENT = "[A-Za-z0-9_~+@=,:-][A-Za-z0-9._~+@=,:-]*";
    private static final Pattern ID = Pattern.compile(SEGMENT + "(/" + SEGMENT + ")*");
    private static final int MAX_ID_LENGTH = 1024;
    /** Longest segment of an id: with a suffix it must still fit a file name (255 bytes on common filesystems). */
    private static final int MAX_SEGMENT_LENGTH = 200;

    private final List<DatasetRoot> roots;

    public DatasetLocator(List<DatasetRoot> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no dataset roots configured");
        }
        this.roots = List.copyOf(roots);
    }

    public List<DatasetRoot> roots() {
        return roots;
    }

    /** A dataset's location and the directory or S3 prefix of the root it lies in (which contains it). */
    public record Location(String location, String root) {}

    /** The dataset location of {@code id}, or empty if no root answers for it. */
    public Optional<String> locate(String id) {
        return find(id).map(Location::location);
    }

    /**
     * The dataset location of {@code id} and its root, or empty if no root answers for it;
     * {@link InvalidIdException} for a malformed id or one that would lead out of its root.
     */
    public Optional<Location> find(String id) {
        return resolve(id).map(Found::location);
    }

    /** A located id and the root that answered for it. */
    private record Found(DatasetRoot root, Location location) {}

    private Optional<Found> resolve(String id) {
        check(id);
        for (DatasetRoot root : roots) {
            if (!id.startsWith(root.idPrefix())) {
                continue;
            }
            String rest = id.substring(root.idPrefix().length());
            if (root.idPattern() != null) {
                Matcher m = root.idPattern().matcher(id);
                if (!m.matches()) {
                    continue;
                }
                if (root.location().contains("{")) {
                    return Optional.of(new Found(root, confined(id, root, substitute(root, m))));
                }
            }
            if (rest.isEmpty() || rest.startsWith("/")) {
                continue;
            }
            checkPart(id, rest);
            return Optional.of(new Found(root, confined(id, root, join(root.location(), rest + root.suffix()))));
        }
        return Optional.empty();
    }

    /** The part of an id that becomes a path below its root must be a well-formed id of its own. */
    private static void checkPart(String id, String part) {
        if (!ID.matcher(part).matches()) {
            throw new InvalidIdException("'" + printable(id) + "' is not a valid dataset id: after its prefix it must"
                    + " still be '/'-separated names that do not start with '.'");
        }
    }

    /**
     * Verifies that {@code location} lies strictly inside {@code root}: for a local root, the
     * normalized path starts with the root's directory; for S3, the location has no empty, '.' or
     * '..' segment and starts with the root's fixed part. The message names no location.
     */
    private static Location confined(String id, DatasetRoot root, String location) {
        return inside(root, location)
                .orElseThrow(() -> new InvalidIdException("'" + printable(id) + "' leads outside its dataset root"));
    }

    /**
     * The location of a dataset named by reference rather than by id (a cohort's member) with the
     * first root that contains it, or empty when it lies inside none: the same confinement as
     * for ids.
     */
    public Optional<Location> within(String location) {
        String normalized = normalizedJoin(location);
        for (DatasetRoot root : roots) {
            Optional<Location> found = inside(root, normalized);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * The cohort manifest location of {@code id}: where {@link #find} puts its dataset, with the
     * root's suffix replaced by {@code cohortSuffix}; empty if no root answers for it.
     */
    public Optional<Location> findCohort(String id, String cohortSuffix) {
        return resolve(id).map(f -> {
            String l = f.location().location();
            String stem = l.substring(0, l.length() - f.root().suffix().length());
            return confined(id, f.root(), stem + cohortSuffix);
        });
    }

    /** {@code location} with the directory or prefix of {@code root} containing it, if it lies strictly inside. */
    private static Optional<Location> inside(DatasetRoot root, String location) {
        // the fixed part of the root, up to its last '/': a directory or a key prefix
        String base = root.location().contains("{") ? root.base() : root.location() + "/";
        String fixed = base.substring(0, base.lastIndexOf('/') + 1);
        boolean inside;
        String container;
        if (S3Location.isS3(root.location()) != S3Location.isS3(location)) {
            inside = false; // a group cannot turn a local root into an S3 one, nor the reverse
            container = fixed;
        } else if (S3Location.isS3(location)) {
            inside = location.startsWith(base)
                    && location.length() > base.length()
                    && Arrays.stream(location.substring("s3://".length()).split("/", -1))
                            .noneMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."));
            container = fixed;
        } else {
            Path dir = Path.of(fixed.isEmpty() ? "." : fixed).toAbsolutePath().normalize();
            Path path = Path.of(location).toAbsolutePath().normalize();
            inside = path.startsWith(dir) && !path.equals(dir);
            container = dir.toString();
        }
        return inside ? Optional.of(new Location(location, container)) : Optional.empty();
    }

    private static String substitute(DatasetRoot root, Matcher m) {
        String out = root.location();
        for (int g = 1; g <= m.groupCount(); g++) {
            String value = m.group(g) == null ? "" : m.group(g);
            if (out.contains("{" + g + "}")) {
                if (!value.isEmpty()) {
                    check(value);
                }
                out = out.replace("{" + g + "}", value);
            }
        }
        if (out.matches(".*\\{[0-9]+}.*")) {
            throw new IllegalStateException("dataset root " + root.location() + " uses a group its pattern lacks");
        }
        return normalizedJoin(out + root.suffix());
    }

    private static String join(String location, String rest) {
        return normalizedJoin(location + "/" + rest);
    }

    private static String normalizedJoin(String location) {
        if (S3Location.isS3(location)) {
            return location;
        }
        return Path.of(location).toAbsolutePath().normalize().toString();
    }

    /** Throws {@link InvalidIdException} unless {@code id} is a well-formed id. */
    public static void check(String id) {
        if (id == null || id.isEmpty()) {
            throw new InvalidIdException("the dataset id is empty");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new InvalidIdException("the dataset id is longer than " + MAX_ID_LENGTH + " characters");
        }
        if (!ID.matcher(id).matches()) {
            throw new InvalidIdException("'" + printable(id) + "' is not a valid dataset id: use '/'-separated names of"
                    + " letters, digits and . _ ~ + @ = , : - that do not start with '.'");
        }
        for (String segment : id.split("/")) {
            if (segment.length() > MAX_SEGMENT_LENGTH) {
                throw new InvalidIdException(
                        "a segment of the dataset id is longer than " + MAX_SEGMENT_LENGTH + " characters");
            }
        }
    }

    private static String printable(String id) {
        StringBuilder b = new StringBuilder();
        id.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
