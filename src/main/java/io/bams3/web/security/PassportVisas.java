package io.bams3.web.security;

import com.nimbusds.jwt.JWTParser;
import io.bams3.auth.GrantRules;
import io.bams3.auth.IdGlob;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The grants of the GA4GH Passport in a validated token: each visa (itself a JWT) is verified
 * against the public keys of its issuer, which must be one of the trusted ones, and must carry an
 * expiry that has not passed. A visa that fails any check is left out, and the others still count.
 */
final class PassportVisas {
    private static final Logger LOG = LoggerFactory.getLogger(PassportVisas.class);

    private final String claim;
    private final Map<String, JwtDecoder> decoders;
    private final GrantRules rules;
    private final Clock clock;

    PassportVisas(String claim, Map<String, JwtDecoder> decodersByIssuer, GrantRules rules, Clock clock) {
        this.claim = claim;
        this.decoders = Map.copyOf(decodersByIssuer);
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * A decoder for one trusted visa issuer: its keys, its name as {@code iss}, an expiry, the
     * skew; visas that passed are remembered as tokens are ({@link CachingJwtDecoder}).
     */
    static JwtDecoder visaDecoder(AuthProperties.VisaIssuer issuer, Duration clockSkew) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(
                        issuer.jwkSetUri().toString())
                .jwsAlgorithms(a -> {
                    a.add(SignatureAlgorithm.RS256);
                    a.add(SignatureAlgorithm.ES256);
                })
                .restOperations(SecurityConfiguration.issuerClient())
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(clockSkew),
                new JwtIssuerValidator(issuer.issuer()),
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull)));
        // the passport is presented with every ticket: its visas are checked once, then for expiry
        return new CachingJwtDecoder(decoder, new JwtTimestampValidator(clockSkew), 10_000, Duration.ofMinutes(5));
    }

    List<IdGlob> grants(Jwt passport) {
        if (decoders.isEmpty() || !(passport.getClaims().get(claim) instanceof Collection<?> visas)) {
            return List.of();
        }
        List<IdGlob> out = new ArrayList<>();
        for (Object v : visas) {
            if (!(v instanceof String token)) {
                continue;
            }
            String issuer;
            try {
                issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
            } catch (ParseException e) {
                LOG.debug("a visa of {} is not a JWT", passport.getSubject());
                continue;
            }
            JwtDecoder decoder = issuer == null ? null : decoders.get(issuer);
            if (decoder == null) {
                LOG.debug("a visa of {} is from an issuer that is not trusted", passport.getSubject());
                continue;
            }
            try {
                Jwt visa = decoder.decode(token);
                out.addAll(rules.fromVisa(visa.getClaims(), clock.instant().getEpochSecond()));
            } catch (JwtException e) {
                LOG.debug("a visa of {} was refused: {}", passport.getSubject(), e.getMessage());
            }
        }
        return out;
    }
}
