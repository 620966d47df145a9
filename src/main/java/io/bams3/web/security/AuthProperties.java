package io.bams3.web.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may read what ({@code bams3.auth.*}). Tokens are validated with Spring Boot's standard
 * {@code spring.security.oauth2.resourceserver.jwt.*} settings (issuer-uri or jwk-set-uri, and
 * audiences); these settings say how a valid token's claims become grants.
 *
 * @param mode {@code none}: anyone who reaches the server reads every dataset; {@code jwt}: a
 *     bearer token is required for tickets and its grants decide which ids it reads
 * @param clockSkew how far a token's {@code exp} and {@code nbf} may be off the server's clock
 */
@ConfigurationProperties("bams3.auth")
public record AuthProperties(
        @DefaultValue("none") Mode mode,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue Grants grants,
        @DefaultValue Passport passport) {

    public enum Mode {
        NONE,
        JWT
    }

    /**
     * Grants in the token itself: {@code claim} lists id globs; a scope {@code <scopePrefix><glob>}
     * grants the glob. Empty turns a source off.
     */
    public record Grants(
            @DefaultValue("bams3_datasets") String claim,
            @DefaultValue("htsget:read:") String scopePrefix) {}

    /**
     * GA4GH Passport visas in the token's {@code claim}: a {@code ControlledAccessGrants} visa
     * signed by one of the {@code trustedIssuers} and not expired grants the ids that
     * {@code datasets} maps its value to. Visas from other issuers are ignored.
     */
    public record Passport(
            @DefaultValue("ga4gh_passport_v1") String claim,
            @DefaultValue List<VisaIssuer> trustedIssuers,
            @DefaultValue List<VisaDataset> datasets) {}

    /** A visa issuer whose signatures are trusted, and where its public keys are. */
    public record VisaIssuer(String issuer, URI jwkSetUri) {}

    /** A visa {@code value} (e.g. a dataset accession URL) and the id globs it grants. */
    public record VisaDataset(String value, @DefaultValue List<String> ids) {}
}
