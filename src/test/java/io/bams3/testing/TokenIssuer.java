package io.bams3.testing;

import com.nimbusds.jwt.SignedJWT;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * A real OAuth2/OpenID Connect issuer for tests (mock-oauth2-server): discovery document, JWKS and
 * RS256-signed tokens, one signing key per issuer id. {@link #ISSUER} is the one the server under
 * test trusts; other issuer ids on the same server stand for other providers (visa issuers,
 * untrusted ones).
 */
public final class TokenIssuer implements AutoCloseable {
    /** The issuer id the server under test is configured with. */
    public static final String ISSUER = "bams3-login";
    /** The audience the server under test accepts. */
    public static final String AUDIENCE = "bams3-htsget";

    private final MockOAuth2Server server = new MockOAuth2Server();

    public TokenIssuer() {
        server.start();
    }

    /** The issuer URL of {@code issuerId} (its {@code iss} and the base of its discovery document). */
    public String issuerUrl(String issuerId) {
        return server.issuerUrl(issuerId).toString();
    }

    public String jwksUrl(String issuerId) {
        return server.jwksUrl(issuerId).toString();
    }

    /** A token of {@link #ISSUER} for {@link #AUDIENCE}, valid for an hour, with extra {@code claims}. */
    public String token(String subject, Map<String, Object> claims) {
        return signed(ISSUER, subject, AUDIENCE, claims, 3600).serialize();
    }

    /** A token of issuer {@code issuerId} that expires {@code expirySeconds} from now (negative: expired). */
    public SignedJWT signed(
            String issuerId, String subject, String audience, Map<String, Object> claims, long expirySeconds) {
        return server.issueToken(issuerId, subject, audience, claims, expirySeconds);
    }

    /** The settings that make a server under test trust {@link #ISSUER} for {@link #AUDIENCE}. */
    public Map<String, String> serverSettings() {
        return Map.of(
                "bams3.auth.mode",
                "jwt",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                issuerUrl(ISSUER),
                "spring.security.oauth2.resourceserver.jwt.audiences",
                AUDIENCE);
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
