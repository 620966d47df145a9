package io.bams3.web.page;

import io.bams3.catalog.DatasetCatalog;
import io.bams3.catalog.DatasetLocator;
import io.bams3.catalog.DatasetRoot;
import io.bams3.store.S3Location;
import io.bams3.web.Bams3Properties;
import io.bams3.web.settings.InvalidSettingException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which reference sequence the viewer shows a dataset on: the first {@code bams3.references[j]}
 * whose {@code id-pattern} matches the whole id, else the {@code reference} of the root that
 * answers for the id ({@code bams3.roots[i].reference}), else none. Every location is checked when
 * the server starts (a local file must be there; an {@code s3://} or http(s) location must be
 * well-formed), so that a bad setting stops the start with a message naming the setting.
 */
final class ReferenceCatalog {
    static final String MISSING = "the reference sequence configured for this dataset is missing from its storage";

    private record Rule(Pattern idPattern, ReferenceSequence sequence) {}

    private final List<Rule> rules;
    /** Per configured root, a locator of that root alone (to tell which root answers) and its sequence. */
    private final List<DatasetLocator> roots;

    private final List<ReferenceSequence> rootSequences;

    private ReferenceCatalog(List<Rule> rules, List<DatasetLocator> roots, List<ReferenceSequence> rootSequences) {
        this.rules = rules;
        this.roots = roots;
        this.rootSequences = rootSequences;
    }

    /** The catalog of {@code props}; the roots are the catalog's, in the order of {@code bams3.roots}. */
    static ReferenceCatalog of(Bams3Properties props, DatasetCatalog catalog, HttpClient http) {
        List<Rule> rules = new ArrayList<>();
        for (int j = 0; j < props.references().size(); j++) {
            Bams3Properties.Reference r = props.references().get(j);
            String name = "bams3.references[" + j + "]";
            if (r.idPattern() == null || r.idPattern().isBlank()) {
                throw new InvalidSettingException(
                        name + ".id-pattern is not set",
                        "Set it to a regular expression the whole dataset id must match.");
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(r.idPattern());
            } catch (PatternSyntaxException e) {
                throw new InvalidSettingException(
                        name + ".id-pattern is not a regular expression: " + e.getDescription(),
                        "Give a Java regular expression the whole dataset id must match.");
            }
            rules.add(new Rule(pattern, sequence(name + ".fasta", r.fasta(), r.index(), catalog, http)));
        }
        List<DatasetLocator> roots = new ArrayList<>();
        List<ReferenceSequence> sequences = new ArrayList<>();
        List<DatasetRoot> configured = catalog.locator().roots();
        for (int i = 0; i < props.roots().size() && i < configured.size(); i++) {
            String fasta = props.roots().get(i).reference();
            roots.add(new DatasetLocator(List.of(configured.get(i))));
            sequences.add(
                    fasta == null ? null : sequence("bams3.roots[" + i + "].reference", fasta, null, catalog, http));
        }
        return new ReferenceCatalog(List.copyOf(rules), roots, sequences);
    }

    /** The reference sequence of dataset {@code id} (a valid id), if one is configured. */
    Optional<ReferenceSequence> find(String id) {
        for (Rule r : rules) {
            if (r.idPattern().matcher(id).matches()) {
                return Optional.of(r.sequence());
            }
        }
        for (int i = 0; i < roots.size(); i++) {
            if (roots.get(i).find(id).isPresent()) {
                return Optional.ofNullable(rootSequences.get(i));
            }
        }
        return Optional.empty();
    }

    private static ReferenceSequence sequence(
            String setting, String fasta, String index, DatasetCatalog catalog, HttpClient http) {
        if (fasta == null || fasta.isBlank()) {
            throw new InvalidSettingException(
                    setting + " is set but empty",
                    "Give the FASTA as a local path, s3://bucket/key or an http(s) URL.");
        }
        String indexSetting = index == null ? setting + " + \".fai\"" : setting.replace(".fasta", ".index");
        return new ReferenceSequence(
                file(setting, fasta, catalog, http),
                file(indexSetting, index == null ? fasta + ".fai" : index, catalog, http));
    }

    private static ReferenceFile file(String setting, String location, DatasetCatalog catalog, HttpClient http) {
        String action = "Give the FASTA (and its samtools faidx index, FASTA + \".fai\") as a local path,"
                + " s3://bucket/key or an http(s) URL.";
        if (S3Location.isS3(location)) {
            S3Location s3;
            try {
                s3 = S3Location.parse(location);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(setting + " names no S3 bucket", action);
            }
            int slash = s3.prefix().lastIndexOf('/');
            if (s3.prefix().isEmpty() || location.endsWith("/")) {
                throw new InvalidSettingException(setting + " names an S3 bucket or prefix, not an object", action);
            }
            String parent =
                    "s3://" + s3.bucket() + (slash < 0 ? "" : "/" + s3.prefix().substring(0, slash));
            return new StoredReferenceFile(catalog.store(parent), s3.prefix().substring(slash + 1));
        }
        if (location.startsWith("http://") || location.startsWith("https://")) {
            try {
                URI uri = new URI(location);
                if (uri.getHost() == null) {
                    throw new InvalidSettingException(setting + " is an http(s) URL without a host", action);
                }
                return new HttpReferenceFile(http, uri);
            } catch (URISyntaxException e) {
                throw new InvalidSettingException(setting + " is not a well-formed URL: " + e.getReason(), action);
            }
        }
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new InvalidSettingException(setting + " has a scheme other than s3, http or https", action);
        }
        Path path;
        try {
            path = Path.of(location).toRealPath();
        } catch (IOException | InvalidPathException e) {
            throw new InvalidSettingException(setting + " names no readable file on this machine: " + location, action);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path) || path.getParent() == null) {
            throw new InvalidSettingException(setting + " names no readable file on this machine: " + location, action);
        }
        return new StoredReferenceFile(
                catalog.store(path.getParent().toString()), path.getFileName().toString());
    }
}
