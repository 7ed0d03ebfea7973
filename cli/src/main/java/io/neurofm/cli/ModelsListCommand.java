package io.neurofm.cli;

import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.artifact.RegistryEntry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code neurofm models list}: every version of every model in the registry, with its card's title. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the models in the registry (name, version, family, size, created, title).")
final class ModelsListCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    RegistryOption registryOption = new RegistryOption();

    @Option(names = "--json", description = "Print one JSON object (registry, models with config and card).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelRegistry registry = registryOption.registry();
        List<RegistryEntry> entries = registry.list();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(registry, entries)));
        } else if (entries.isEmpty()) {
            out.println("no models in " + registry.root());
        } else {
            table(registry, entries, out);
        }
        out.flush();
        return 0;
    }

    private static ObjectNode json(ModelRegistry registry, List<RegistryEntry> entries) {
        ObjectNode root = JSON.createObjectNode();
        root.put("registry", registry.root().toString());
        ArrayNode models = root.putArray("models");
        for (RegistryEntry e : entries) {
            ObjectNode m = models.addObject();
            m.put("name", e.name());
            m.put("version", e.version());
            m.put("path", e.path().toString());
            if (e.problem() != null) {
                m.put("problem", e.problem());
                continue;
            }
            m.set("config", e.config().toJson());
            m.set("card", card(e.card()));
        }
        return root;
    }

    private static ObjectNode card(ModelCard card) {
        ObjectNode c = JSON.createObjectNode();
        c.put("title", card.title());
        c.put("summary", card.summary());
        c.put("data", card.data());
        c.put("objective", card.objective());
        ObjectNode metrics = c.putObject("metrics");
        card.metrics().forEach(metrics::put);
        c.put("intendedUse", card.intendedUse());
        c.put("limits", card.limits());
        return c;
    }

    private static void table(ModelRegistry registry, List<RegistryEntry> entries, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "VERSION", "FAMILY", "SIZE", "CREATED", "TITLE"});
        for (RegistryEntry e : entries) {
            rows.add(e.problem() != null
                    ? new String[] {e.name(), e.version(), "-", "-", "-", "BROKEN: " + e.problem()}
                    : new String[] {e.name(), e.version(), e.config().family(), e.config().size(),
                            e.config().created().toString(), e.card().title()});
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        out.println("registry " + registry.root());
        for (String[] row : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                b.append(String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]));
            }
            out.println(b.append(row[5]));
        }
    }
}
