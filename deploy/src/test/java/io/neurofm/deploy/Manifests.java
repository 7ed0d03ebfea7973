package io.neurofm.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Manifests as fabric8 kubernetes-model objects, strictly. fabric8's models keep a field they do
 * not know in {@code additionalProperties} (and so does a value of the wrong type, through its
 * unmatched-field module) instead of failing; {@link #typed} therefore walks the parsed object and
 * refuses any non-empty {@code additionalProperties}, naming its path, and also requires the
 * object to serialise back to exactly the tree that was read.
 */
final class Manifests {
    static final KubernetesSerialization K8S = new KubernetesSerialization();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Manifests() {
    }

    /** The object as its fabric8 class (from apiVersion and kind), refusing unknown fields. */
    static HasMetadata typed(ObjectNode tree) {
        String apiVersion = tree.path("apiVersion").asString("");
        String kind = tree.path("kind").asString("");
        String name = kind + " " + tree.path("metadata").path("name").asString("?");
        Class<? extends KubernetesResource> type = K8S.getRegisteredKubernetesResource(apiVersion, kind);
        if (type == null || !HasMetadata.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(name + ": apiVersion " + apiVersion + " kind " + kind
                    + " is not a Kubernetes type known to fabric8 kubernetes-model");
        }
        HasMetadata object = (HasMetadata) K8S.convertValue(tree, type);
        List<String> unknown = new ArrayList<>();
        unknownFields(object, name, unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(name + ": fields unknown to " + type.getSimpleName() + ": " + unknown);
        }
        // Compared as re-read JSON text: Jackson's node equality tells an int from a long of the same value.
        JsonNode back = JSON.readTree(K8S.asJson(object));
        if (!back.equals(JSON.readTree(tree.toString()))) {
            throw new IllegalArgumentException(name + ": does not survive a round trip through "
                    + type.getSimpleName() + "\nread:  " + tree + "\nwrote: " + back);
        }
        return object;
    }

    private static void unknownFields(Object o, String path, List<String> out, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                unknownFields(item, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, out, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : o.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(o);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(getter.toString(), e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> out.add(path + "." + k));
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            unknownFields(value, path + "." + field, out, seen);
        }
    }
}
