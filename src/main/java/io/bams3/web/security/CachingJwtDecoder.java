package io.bams3.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Remembers tokens that passed every check for a short while, so that a client that presents the
 * same token with every ticket (samtools, igv.js) costs one signature check, not one per ticket.
 * A remembered token is checked for expiry and not-before again on each use; a token that fails
 * its checks is never remembered. Keys are the tokens themselves, held in memory only.
 */
final class CachingJwtDecoder implements JwtDecoder {
    private final JwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> timestamps;
    private final Cache<String, Jwt> accepted;

    CachingJwtDecoder(JwtDecoder delegate, OAuth2TokenValidator<Jwt> timestamps, long maxTokens, Duration keepFor) {
        this.delegate = delegate;
        this.timestamps = timestamps;
        this.accepted = Caffeine.newBuilder()
                .maximumSize(maxTokens)
                .expireAfterWrite(keepFor)
                .build();
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = accepted.getIfPresent(token);
        if (known != null) {
            OAuth2TokenValidatorResult result = timestamps.validate(known);
            if (!result.hasErrors()) {
                return known;
            }
            accepted.invalidate(token);
            throw new BadJwtException(result.getErrors().iterator().next().getDescription());
        }
        Jwt jwt = delegate.decode(token);
        accepted.put(token, jwt);
        return jwt;
    }
}
