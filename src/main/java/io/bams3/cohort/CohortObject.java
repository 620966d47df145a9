package io.bams3.cohort;

import io.bams3.codec.FormatException;
import io.bams3.format.CohortManifest;
import io.bams3.query.DatasetNotFoundException;
import io.bams3.store.ObjectNotFoundException;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A cohort manifest as an object in a store: where a location's object lives (the directory or
 * prefix holding it, and its name), and reading and writing it. A manifest is one object written
 * whole, so a reader sees the old one or the new one, never a mixture.
 */
public final class CohortObject {
    /** Largest manifest read (about 10,000 members with long references). */
    public static final int MAX_BYTES = 16 << 20;

    private CohortObject() {}

    /** The store location holding an object and the object's name in it. */
    public record Place(String parent, String name) {}

    /** Whether {@code location} names a cohort manifest (its name ends in {@code .cohort}). */
    public static boolean isCohort(String location) {
        return location.endsWith(CohortManifest.SUFFIX) && location.length() > CohortManifest.SUFFIX.length();
    }

    /** {@code s3://b/c/trio.cohort} is in {@code s3://b/c} as {@code trio.cohort}; {@code trio.cohort} in {@code .}. */
    public static Place place(String location) {
        String trimmed = location;
        while (trimmed.endsWith("/") && !trimmed.endsWith("://")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int slash = trimmed.lastIndexOf('/');
        int schemeEnd = trimmed.indexOf("://");
        if (slash < 0) {
            return new Place(".", trimmed);
        }
        if (schemeEnd >= 0 && slash < schemeEnd + 3) {
            throw new IllegalArgumentException("'" + location + "' names a bucket, not an object");
        }
        String parent = slash == 0 ? "/" : trimmed.substring(0, slash);
        return new Place(parent, trimmed.substring(slash + 1));
    }

    /**
     * The manifest {@code name} in {@code parent}: {@link DatasetNotFoundException} when there is
     * none, {@link FormatException} when it is larger than {@link #MAX_BYTES} or malformed.
     */
    public static CohortManifest read(ObjectStore parent, String name) {
        String source = parent.location() + "/" + name;
        byte[] json;
        try (InputStream in = parent.get(name, null)) {
            json = in.readNBytes(MAX_BYTES + 1);
        } catch (ObjectNotFoundException e) {
            throw new DatasetNotFoundException("no cohort manifest at " + source);
        } catch (IOException e) {
            throw new StoreException("cannot read " + source + ": " + e.getMessage(), e);
        }
        if (json.length > MAX_BYTES) {
            throw new FormatException(
                    source + " is larger than the " + MAX_BYTES + " bytes a cohort manifest may have");
        }
        return CohortManifest.fromJson(json, source);
    }

    /** Writes the manifest as {@code name} in {@code parent}, replacing any there. */
    public static void write(ObjectStore parent, String name, CohortManifest manifest) {
        parent.putBytes(name, manifest.toJson());
    }
}
