package io.neurofm.serve.api;

import io.neurofm.artifact.DecodingHead;
import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.RegistryEntry;
import io.neurofm.inference.ModelDescription;
import io.neurofm.serve.ModelCatalog;
import io.neurofm.serve.batch.ServedModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/models}: every registered model with its card, and what is served of it. */
@RestController
@Tag(name = "models", description = "the model registry")
public class ModelsController {
    private final ModelCatalog catalog;

    public ModelsController(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/v1/models")
    @Operation(summary = "Registered models with their cards (family, size, versions, description); "
            + "served models also give rate, window, poolings, dimensions and decoding heads")
    public Dto.ModelList list() throws IOException {
        Map<String, List<RegistryEntry>> byName = new LinkedHashMap<>();
        for (RegistryEntry e : catalog.registry().list()) {
            byName.computeIfAbsent(e.name(), n -> new ArrayList<>()).add(e);
        }
        Map<String, ServedModel> served = new LinkedHashMap<>();
        catalog.all().forEach(m -> served.put(m.name(), m));
        List<Dto.ModelInfo> out = new ArrayList<>();
        for (Map.Entry<String, List<RegistryEntry>> e : byName.entrySet()) {
            List<RegistryEntry> versions = e.getValue();
            RegistryEntry latest = versions.get(versions.size() - 1);
            ServedModel m = served.get(e.getKey());
            out.add(info(e.getKey(), versions, latest, m));
        }
        return new Dto.ModelList("list", out);
    }

    private static Dto.ModelInfo info(String name, List<RegistryEntry> versions, RegistryEntry latest,
            ServedModel served) {
        ModelCard card = latest.config() == null ? null : latest.card();
        Dto.Card description = card == null ? null : new Dto.Card(card.title(), card.summary(), card.data(),
                card.objective(), card.metrics(), card.intendedUse(), card.limits());
        Dto.Serving serving = null;
        if (served != null) {
            ModelDescription d = served.description();
            List<Dto.HeadInfo> heads = new ArrayList<>();
            for (Map.Entry<String, DecodingHead> h : served.heads().entrySet()) {
                heads.add(new Dto.HeadInfo(h.getKey(), h.getValue().classes(), h.getValue().pooling()));
            }
            serving = new Dto.Serving(served.version(), d.samplingRate(), d.windowSamples(), d.minimumSamples(),
                    d.channels(), d.poolings(), d.dimensions(), heads);
        }
        return new Dto.ModelInfo(name, "model", latest.config() == null ? null : latest.config().family(),
                latest.config() == null ? null : latest.config().size(),
                versions.stream().map(RegistryEntry::version).toList(), latest.version(),
                latest.config() == null ? null : latest.config().created().getEpochSecond(), description,
                latest.problem(), serving);
    }
}
