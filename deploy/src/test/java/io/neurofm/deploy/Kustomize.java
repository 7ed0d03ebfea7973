package io.neurofm.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The part of kustomize our k8s/ folder uses, so the overlays can be rendered and validated
 * without kubectl: {@code resources} (files and kustomization folders), {@code namespace}, and
 * {@code patches} given by {@code path} that are strategic-merge patches of one named object.
 * Strategic merge here: maps merge recursively, a null value deletes, lists of objects merge by
 * their Kubernetes merge key (containers, env, volumes by name; volumeMounts by mountPath; ports
 * by containerPort), every other list is replaced. Anything else in a kustomization is refused,
 * so a feature added to k8s/ without being added here fails the tests instead of being ignored.
 * {@link KustomizeTest} compares the output with kubectl's kustomize where kubectl is installed.
 */
final class Kustomize {
    static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "patches");
    private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name",
            "env", "name", "volumes", "name", "volumeMounts", "mountPath", "ports", "containerPort");

    private Kustomize() {
    }

    /** The objects of the kustomization in {@code dir}, in resource order. */
    static List<ObjectNode> render(Path dir) throws IOException {
        JsonNode k = YAML.readTree(Files.readString(dir.resolve("kustomization.yaml")));
        for (Iterator<String> it = k.propertyNames().iterator(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(dir + "/kustomization.yaml: field '" + field
                        + "' is not supported by the test renderer (supported: " + FIELDS + ")");
            }
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asString()).normalize();
            objects.addAll(Files.isDirectory(p) ? render(p) : documents(p));
        }
        for (JsonNode patch : k.path("patches")) {
            if (patch.size() != 1 || !patch.has("path")) {
                throw new IllegalArgumentException(dir + ": only patches given by a path alone are supported: " + patch);
            }
            for (ObjectNode doc : documents(dir.resolve(patch.get("path").asString()))) {
                ObjectNode target = objects.stream().filter(o -> sameObject(o, doc)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(dir + ": patch " + patch + " matches no "
                                + doc.path("kind").asString() + " " + doc.path("metadata").path("name").asString()));
                merge(target, doc);
            }
        }
        if (k.has("namespace")) {
            for (ObjectNode o : objects) {
                ((ObjectNode) o.get("metadata")).put("namespace", k.get("namespace").asString());
            }
        }
        return objects;
    }

    static List<ObjectNode> documents(Path file) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        try (var parser = YAML.createParser(Files.readString(file))) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode doc = it.next();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (!doc.isObject()) {
                    throw new IllegalArgumentException(file + ": a document is not an object");
                }
                docs.add((ObjectNode) doc);
            }
        }
        return docs;
    }

    private static boolean sameObject(JsonNode a, JsonNode b) {
        return a.path("apiVersion").equals(b.path("apiVersion")) && a.path("kind").equals(b.path("kind"))
                && a.path("metadata").path("name").equals(b.path("metadata").path("name"));
    }

    /** Strategic merge of {@code patch} into {@code target}, in place. */
    static void merge(ObjectNode target, JsonNode patch) {
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, value);
            } else if (value.isArray() && current != null && current.isArray() && MERGE_KEYS.containsKey(key)) {
                mergeList((ArrayNode) current, (ArrayNode) value, MERGE_KEYS.get(key));
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static void mergeList(ArrayNode current, ArrayNode patch, String mergeKey) {
        for (JsonNode item : patch) {
            JsonNode key = item.get(mergeKey);
            if (key == null) {
                throw new IllegalArgumentException("list item without its merge key '" + mergeKey + "': " + item);
            }
            ObjectNode match = null;
            for (JsonNode existing : current) {
                if (key.equals(existing.get(mergeKey))) {
                    match = (ObjectNode) existing;
                }
            }
            if (match == null) {
                current.add(item.deepCopy());
            } else {
                merge(match, item);
            }
        }
    }
}
