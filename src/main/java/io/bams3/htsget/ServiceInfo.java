package io.bams3.htsget;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * GA4GH service-info for this htsget service (type org.ga4gh:htsget:1.3.0), with the htsget
 * block saying which formats are served and whether field and tag filters take effect, and, when
 * tickets need a token, an {@code authentication} block naming the scheme and the token issuer.
 */
public record ServiceInfo(
        String id,
        String name,
        String description,
        String version,
        String organizationName,
        String organizationUrl,
        boolean fieldsEffective,
        boolean tagsEffective,
        Authentication authentication) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * How to authenticate: {@code Authorization: Bearer <token>} with a token from {@code issuer}
     * (an OpenID Connect issuer URL, or null when only a JWKS URL is configured).
     */
    public record Authentication(String issuer) {}

    public byte[] json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id);
        root.put("name", name);
        ObjectNode type = root.putObject("type");
        type.put("group", "org.ga4gh");
        type.put("artifact", "htsget");
        type.put("version", "1.3.0");
        root.put("description", description);
        ObjectNode org = root.putObject("organization");
        org.put("name", organizationName);
        org.put("url", organizationUrl);
        root.put("version", version);
        ObjectNode htsget = root.putObject("htsget");
        htsget.put("datatype", "reads");
        htsget.putArray("formats").add("BAM");
        htsget.put("fieldsParameterEffective", fieldsEffective);
        htsget.put("tagsParametersEffective", tagsEffective);
        if (authentication != null) {
            ObjectNode auth = root.putObject("authentication");
            auth.put("type", "bearer");
            auth.put("issuer", authentication.issuer());
        }
        return JSON.writeValueAsBytes(root);
    }
}
