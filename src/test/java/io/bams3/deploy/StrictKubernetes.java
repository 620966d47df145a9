package io.bams3.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rendered manifests parsed into fabric8's Kubernetes model types, strictly: a field the type
 * does not have (a typo, a wrong nesting) fails, as do unknown kinds. fabric8's types keep unknown
 * fields in {@code additionalProperties}, so every object of the parsed tree is checked for them.
 */
final class StrictKubernetes {
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "v1/Service", Service.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "batch/v1/Job", Job.class);

    private StrictKubernetes() {}

    /** The documents of a multi-document YAML stream, as trees (empty documents skipped). */
    static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode() && n.size() > 0) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** Parses one document into its model type; throws on an unknown kind or field. */
    static HasMetadata parse(JsonNode doc) {
        String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(key);
        if (type == null) {
            throw new AssertionError("unexpected kind " + key);
        }
        HasMetadata parsed = YAML.convertValue(doc, type);
        List<String> unknown = new ArrayList<>();
        walk(parsed, key, unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new AssertionError(
                    key + " " + parsed.getMetadata().getName() + " has fields its type lacks: " + unknown);
        }
        return parsed;
    }

    private static void walk(Object o, String path, List<String> unknown, IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method g : o.getClass().getMethods()) {
            if (g.getParameterCount() != 0
                    || Modifier.isStatic(g.getModifiers())
                    || !g.getName().startsWith("get")
                    || g.getDeclaringClass() == Object.class) {
                continue;
            }
            Object v;
            try {
                v = g.invoke(o);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (g.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
                continue;
            }
            walk(v, path + "." + g.getName().substring(3), unknown, seen);
        }
    }
}
