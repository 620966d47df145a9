package io.bams3.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How the claims of a validated token become id globs. Each source is optional:
 * <ul>
 *   <li>{@code claim}: a claim listing id globs (a JSON array of strings, or one string of
 *       globs separated by spaces), e.g. {@code "bams3_datasets": ["cohort/*", "NA12878"]};
 *   <li>{@code scopePrefix}: scopes ({@code scope}, space-separated, or {@code scp}, an array)
 *       of the form {@code <prefix><glob>}, e.g. {@code htsget:read:cohort/*};
 *   <li>{@code visaValues}: the {@code value} of a GA4GH {@code ControlledAccessGrants} visa
 *       mapped to the globs it grants.
 * </ul>
 * A source whose name is null or empty is not consulted. Malformed entries are skipped, never
 * read as broader than they are.
 */
public record GrantRules(String claim, String scopePrefix, Map<String, List<IdGlob>> visaValues) {
    /** The visa type that grants access to datasets (GA4GH Passport v1). */
    public static final String CONTROLLED_ACCESS_GRANTS = "ControlledAccessGrants";
    /** The claim of a visa that holds its assertion. */
    public static final String VISA_CLAIM = "ga4gh_visa_v1";

    public GrantRules {
        visaValues = visaValues == null ? Map.of() : Map.copyOf(visaValues);
    }

    /** The globs granted by the token's own claims (the grant claim and the scopes). */
    public List<IdGlob> fromClaims(Map<String, Object> claims) {
        List<IdGlob> out = new ArrayList<>();
        if (claim != null && !claim.isEmpty()) {
            for (String g : strings(claims.get(claim))) {
                out.add(new IdGlob(g));
            }
        }
        if (scopePrefix != null && !scopePrefix.isEmpty()) {
            List<String> scopes = new ArrayList<>(strings(claims.get("scope")));
            scopes.addAll(strings(claims.get("scp")));
            for (String s : scopes) {
                if (s.startsWith(scopePrefix) && s.length() > scopePrefix.length()) {
                    out.add(new IdGlob(s.substring(scopePrefix.length())));
                }
            }
        }
        return out;
    }

    /**
     * The globs one visa grants: its claims must already be verified (signature, issuer, expiry).
     * Only a {@code ControlledAccessGrants} visa without {@code conditions} (which this server does
     * not evaluate), asserted no later than {@code nowEpochSeconds}, with a mapped value grants.
     */
    public List<IdGlob> fromVisa(Map<String, Object> visaClaims, long nowEpochSeconds) {
        if (!(visaClaims.get(VISA_CLAIM) instanceof Map<?, ?> visa)) {
            return List.of();
        }
        if (!CONTROLLED_ACCESS_GRANTS.equals(visa.get("type")) || visa.get("conditions") != null) {
            return List.of();
        }
        if (!(visa.get("asserted") instanceof Number asserted) || asserted.longValue() > nowEpochSeconds) {
            return List.of();
        }
        if (!(visa.get("value") instanceof String value)) {
            return List.of();
        }
        return visaValues.getOrDefault(value, List.of());
    }

    /** A claim's strings: an array's string elements, or a string split at spaces. */
    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String s) {
            for (String part : s.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
        } else if (value instanceof Collection<?> list) {
            for (Object o : list) {
                if (o instanceof String s && !s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }
}
