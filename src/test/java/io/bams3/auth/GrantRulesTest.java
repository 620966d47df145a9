package io.bams3.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrantRulesTest {
    private static final String ACCESSION = "https://dac.example.org/datasets/EGAD00001000001";
    private static final long NOW = 1_800_000_000L;
    private final GrantRules rules =
            new GrantRules("bams3_datasets", "htsget:read:", Map.of(ACCESSION, List.of(new IdGlob("cohort/*"))));

    private static List<String> patterns(List<IdGlob> globs) {
        return globs.stream().map(IdGlob::pattern).toList();
    }

    @Test
    void theClaimListsGlobsAsAnArrayOrASpacedString() {
        assertThat(patterns(rules.fromClaims(Map.of("bams3_datasets", List.of("cohort/*", "NA12878")))))
                .containsExactly("cohort/*", "NA12878");
        assertThat(patterns(rules.fromClaims(Map.of("bams3_datasets", " cohort/*  NA12878 "))))
                .containsExactly("cohort/*", "NA12878");
        // entries that are not strings, and blank ones, grant nothing
        assertThat(rules.fromClaims(Map.of("bams3_datasets", List.of(42, "", Map.of("id", "x")))))
                .isEmpty();
        assertThat(rules.fromClaims(Map.of("bams3_datasets", 42))).isEmpty();
        assertThat(rules.fromClaims(Map.of("other", List.of("x")))).isEmpty();
    }

    @Test
    void scopesWithThePrefixGrantTheirGlob() {
        assertThat(patterns(rules.fromClaims(Map.of("scope", "openid htsget:read:cohort2/* profile htsget:read:"))))
                .containsExactly("cohort2/*");
        assertThat(patterns(rules.fromClaims(Map.of("scp", List.of("htsget:read:NA12878", "htsget:write:x")))))
                .containsExactly("NA12878");
        assertThat(rules.fromClaims(Map.of("scope", "xhtsget:read:NA12878"))).isEmpty();
    }

    @Test
    void aSourceWithoutANameIsNotConsulted() {
        GrantRules off = new GrantRules("", null, null);
        assertThat(off.fromClaims(Map.of("bams3_datasets", List.of("x"), "scope", "htsget:read:x", "", "y")))
                .isEmpty();
    }

    private static Map<String, Object> visa(Map<String, Object> assertion) {
        return Map.of("iss", "https://visas.example.org", "ga4gh_visa_v1", assertion);
    }

    private static Map<String, Object> grant() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", "ControlledAccessGrants");
        a.put("asserted", NOW - 86_400);
        a.put("value", ACCESSION);
        a.put("source", "https://dac.example.org");
        a.put("by", "dac");
        return a;
    }

    @Test
    void aControlledAccessGrantsVisaGrantsWhatItsValueMapsTo() {
        assertThat(patterns(rules.fromVisa(visa(grant()), NOW))).containsExactly("cohort/*");
    }

    @Test
    void otherVisasGrantNothing() {
        Map<String, Object> otherType = grant();
        otherType.put("type", "AffiliationAndRole");
        Map<String, Object> unmapped = grant();
        unmapped.put("value", "https://dac.example.org/datasets/OTHER");
        Map<String, Object> conditional = grant();
        conditional.put("conditions", List.of(List.of(Map.of("type", "AffiliationAndRole"))));
        Map<String, Object> future = grant();
        future.put("asserted", NOW + 60);
        Map<String, Object> noAsserted = grant();
        noAsserted.remove("asserted");
        Map<String, Object> numericValue = grant();
        numericValue.put("value", 7);
        for (Map<String, Object> a : List.of(otherType, unmapped, conditional, future, noAsserted, numericValue)) {
            assertThat(rules.fromVisa(visa(a), NOW)).as("%s", a).isEmpty();
        }
        assertThat(rules.fromVisa(Map.of("ga4gh_visa_v1", "not an object"), NOW))
                .isEmpty();
        assertThat(rules.fromVisa(Map.of(), NOW)).isEmpty();
    }

    @Test
    void accessWithoutGrantsPermitsNothingAndEverythingPermitsAll() {
        Access none = Access.granted("carol", List.of());
        assertThat(none.permits("NA12878")).isFalse();
        Access some = Access.granted("alice", List.of(new IdGlob("cohort/*"), new IdGlob("NA12878")));
        assertThat(some.permits("cohort/a")).isTrue();
        assertThat(some.permits("NA12878")).isTrue();
        assertThat(some.permits("cohort2/a")).isFalse();
        assertThat(Access.everything().permits("anything/at/all")).isTrue();
    }
}
