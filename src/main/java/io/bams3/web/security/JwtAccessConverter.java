package io.bams3.web.security;

import io.bams3.auth.Access;
import io.bams3.auth.GrantRules;
import io.bams3.auth.IdGlob;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/** Turns a validated token into the caller's {@link Access}: its own grants and its passport's. */
final class JwtAccessConverter implements Converter<Jwt, AbstractAuthenticationToken> {
    private final GrantRules rules;
    private final PassportVisas passport;

    JwtAccessConverter(GrantRules rules, PassportVisas passport) {
        this.rules = rules;
        this.passport = passport;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<IdGlob> grants = new ArrayList<>(rules.fromClaims(jwt.getClaims()));
        grants.addAll(passport.grants(jwt));
        return new AccessAuthentication(jwt, Access.granted(jwt.getSubject(), grants));
    }
}
