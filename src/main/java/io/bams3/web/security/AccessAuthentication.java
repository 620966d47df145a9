package io.bams3.web.security;

import io.bams3.auth.Access;
import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A validated bearer token and what its grants let the caller read. */
final class AccessAuthentication extends JwtAuthenticationToken {
    private final transient Access access;

    AccessAuthentication(Jwt jwt, Access access) {
        super(jwt, List.of(), jwt.getSubject());
        this.access = access;
    }

    Access access() {
        return access;
    }
}
