package io.bams3.web.security;

import io.bams3.auth.Access;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** What the caller of the current request may read: everything without auth, else its token's grants. */
public final class CallerAccess {
    private static final Access NOTHING = Access.granted("anonymous", List.of());

    private final AuthProperties.Mode mode;
    private final String issuer;

    public CallerAccess(AuthProperties.Mode mode, String issuer) {
        this.mode = mode;
        this.issuer = issuer;
    }

    public Access current() {
        if (mode == AuthProperties.Mode.NONE) {
            return Access.everything();
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth instanceof AccessAuthentication a ? a.access() : NOTHING;
    }

    /** Whether tickets need a bearer token. */
    public boolean required() {
        return mode != AuthProperties.Mode.NONE;
    }

    /** The token issuer's URL, or null when it is not configured (only a JWKS URL) or auth is off. */
    public String issuer() {
        return required() ? issuer : null;
    }
}
