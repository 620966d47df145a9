package io.bams3.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

class CachingJwtDecoderTest {
    private static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");

    /** The decoder behind the cache: it accepts the tokens in {@code valid} (expiring as given) and counts calls. */
    private static final class Issuer implements JwtDecoder {
        final List<String> calls = new ArrayList<>();
        final Map<String, Instant> valid;

        Issuer(Map<String, Instant> valid) {
            this.valid = valid;
        }

        @Override
        public Jwt decode(String token) {
            calls.add(token);
            Instant exp = valid.get(token);
            if (exp == null) {
                throw new BadJwtException("signature does not match");
            }
            return Jwt.withTokenValue(token)
                    .header("alg", "RS256")
                    .subject("alice")
                    .issuedAt(NOW.minusSeconds(60))
                    .expiresAt(exp)
                    .build();
        }
    }

    private static JwtTimestampValidator at(Instant now) {
        JwtTimestampValidator v = new JwtTimestampValidator(Duration.ofSeconds(30));
        v.setClock(Clock.fixed(now, ZoneOffset.UTC));
        return v;
    }

    @Test
    void aTokenThatPassedIsCheckedOnceThenOnlyForExpiry() {
        Issuer issuer = new Issuer(Map.of("good", NOW.plusSeconds(600)));
        CachingJwtDecoder decoder = new CachingJwtDecoder(issuer, at(NOW), 10, Duration.ofMinutes(5));
        assertThat(decoder.decode("good").getSubject()).isEqualTo("alice");
        assertThat(decoder.decode("good").getSubject()).isEqualTo("alice");
        assertThat(issuer.calls).containsExactly("good");
    }

    @Test
    void aRememberedTokenThatHasExpiredIsRefusedAndForgotten() {
        Issuer issuer = new Issuer(Map.of("short", NOW.plusSeconds(10)));
        CachingJwtDecoder now = new CachingJwtDecoder(issuer, at(NOW.plusSeconds(41)), 10, Duration.ofMinutes(5));
        // the delegate checked it at its own time; the cache re-checks at 41 s, past exp + skew
        now.decode("short");
        assertThatThrownBy(() -> now.decode("short"))
                .isInstanceOf(BadJwtException.class)
                .hasMessageContaining("expired");
        assertThat(issuer.calls).containsExactly("short");
        // forgotten: the next use asks the issuer's checks again
        now.decode("short");
        assertThat(issuer.calls).containsExactly("short", "short");
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        Issuer issuer = new Issuer(Map.of());
        CachingJwtDecoder decoder = new CachingJwtDecoder(issuer, at(NOW), 10, Duration.ofMinutes(5));
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(issuer.calls).containsExactly("forged", "forged");
    }
}
