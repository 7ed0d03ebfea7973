package io.neurofm.serve.api;

import io.neurofm.artifact.DecodingHead;
import io.neurofm.inference.InvalidInputException;
import io.neurofm.inference.ModelDescription;
import io.neurofm.inference.PreparedWindow;
import io.neurofm.inference.SignalWindow;
import io.neurofm.serve.ModelCatalog;
import io.neurofm.serve.batch.ServedModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * KServe Open Inference Protocol v2: health, model metadata, and {@code infer} over one FP32 tensor
 * of raw windows [N, C, T] (or [C, T]) with {@code parameters.channels} and {@code parameters.sfreq};
 * outputs {@code embeddings} [N, D], and with a decoding head ({@code parameters.head})
 * {@code probabilities} [N, K] and {@code labels} [N].
 */
@RestController
@Tag(name = "v2", description = "KServe Open Inference Protocol v2")
public class InferenceV2Controller {
    static final String PLATFORM = "neurofm_djl_pytorch";
    private static final Set<String> OUTPUTS = Set.of("embeddings", "probabilities", "labels");

    private final ModelCatalog catalog;
    private final Inference inference;

    public InferenceV2Controller(ModelCatalog catalog, Inference inference) {
        this.catalog = catalog;
        this.inference = inference;
    }

    @GetMapping("/v2/health/live")
    @Operation(summary = "Liveness (no key needed)")
    public Dto.Live live() {
        return new Dto.Live(true);
    }

    @GetMapping("/v2/health/ready")
    @Operation(summary = "Readiness: 200 when at least one model is loaded, else 503 (no key needed)")
    public ResponseEntity<Dto.Ready> ready() {
        boolean ready = catalog.ready();
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(new Dto.Ready(ready));
    }

    @GetMapping("/v2/models/{name}/ready")
    @Operation(summary = "Whether a model is served and ready")
    public Dto.Ready modelReady(@PathVariable("name") String name) {
        catalog.get(name, "name");
        return new Dto.Ready(true);
    }

    @GetMapping("/v2/models/{name}")
    @Operation(summary = "Model metadata: tensors, rate, window, poolings, heads")
    public Dto.ModelMetadata metadata(@PathVariable("name") String name) {
        ServedModel m = catalog.get(name, "name");
        ModelDescription d = m.description();
        List<Dto.TensorMetadata> outputs = new ArrayList<>();
        outputs.add(new Dto.TensorMetadata("embeddings", "FP32", List.of(-1L, -1L)));
        if (!m.heads().isEmpty()) {
            outputs.add(new Dto.TensorMetadata("probabilities", "FP32", List.of(-1L, -1L)));
            outputs.add(new Dto.TensorMetadata("labels", "BYTES", List.of(-1L)));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("family", d.family());
        parameters.put("size", d.size());
        parameters.put("sampling_rate", d.samplingRate());
        parameters.put("window_samples", d.windowSamples());
        parameters.put("minimum_samples", d.minimumSamples());
        parameters.put("channels", d.channels());
        parameters.put("poolings", d.poolings());
        parameters.put("dimensions", d.dimensions());
        Map<String, Object> heads = new LinkedHashMap<>();
        m.heads().forEach((n, h) -> heads.put(n, Map.of("classes", h.classes(), "pooling", h.pooling())));
        parameters.put("heads", heads);
        return new Dto.ModelMetadata(m.name(), List.of(m.version()), PLATFORM,
                List.of(new Dto.TensorMetadata("windows", "FP32", List.of(-1L, -1L, -1L))), outputs, parameters);
    }

    @PostMapping(path = "/v2/models/{name}/infer", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Embeddings (and decoding-head probabilities) of raw windows",
            description = "inputs: one FP32 tensor [N, C, T] or [C, T], data flat row-major or nested; "
                    + "parameters: channels (C names), sfreq (Hz), optional pooling, optional head")
    public Dto.InferResponse infer(@PathVariable("name") String name, @RequestBody Dto.InferRequest request) {
        ServedModel model = catalog.get(name, "name");
        if (request == null) {
            throw ClientProblem.badRequest("body", "a JSON object {inputs: [...]} is required");
        }
        if (request.inputs() == null || request.inputs().size() != 1 || request.inputs().get(0) == null) {
            throw ClientProblem.unprocessable("inputs", "exactly one input tensor (the windows, [N, C, T]) is expected");
        }
        Dto.InferInput input = request.inputs().get(0);
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        if (request.parameters() != null) {
            parameters.putAll(request.parameters());
        }
        if (input.parameters() != null) {
            parameters.putAll(input.parameters());
        }
        List<String> requested = requestedOutputs(request);
        String headName = headName(model, parameters, requested);
        DecodingHead head = headName == null ? null : model.heads().get(headName);
        String pooling = pooling(model, parameters, headName, head);
        if (!"FP32".equals(input.datatype())) {
            throw ClientProblem.unprocessable("inputs[0].datatype", "expected FP32, got " + input.datatype());
        }
        int[] shape = shape(input.shape());
        List<String> channels = channels(parameters.get("channels"), shape[1]);
        double sfreq = sfreq(parameters.get("sfreq"));
        float[] flat = V2Tensors.flatten(input.data(), (long) shape[0] * shape[1] * shape[2], "inputs[0].data");
        List<PreparedWindow> prepared = new ArrayList<>(shape[0]);
        for (int n = 0; n < shape[0]; n++) {
            float[][] data = new float[shape[1]][shape[2]];
            for (int c = 0; c < shape[1]; c++) {
                System.arraycopy(flat, (n * shape[1] + c) * shape[2], data[c], 0, shape[2]);
            }
            try {
                prepared.add(model.prepare(new SignalWindow(data, channels, sfreq, null)));
            } catch (InvalidInputException e) {
                throw v2Field(e, n);
            }
        }
        float[][] rows = inference.embed(model, prepared, pooling);
        List<Dto.InferOutput> outputs = new ArrayList<>();
        if (requested.isEmpty() || requested.contains("embeddings")) {
            outputs.add(new Dto.InferOutput("embeddings", List.of((long) rows.length, (long) rows[0].length), "FP32",
                    V2Tensors.flat(rows), Map.of("pooling", pooling)));
        }
        if (head != null) {
            float[][] probabilities = new float[rows.length][];
            List<String> labels = new ArrayList<>(rows.length);
            for (int i = 0; i < rows.length; i++) {
                double[] p = head.probabilities(rows[i]);
                probabilities[i] = new float[p.length];
                for (int k = 0; k < p.length; k++) {
                    probabilities[i][k] = (float) p[k];
                }
                labels.add(head.classOf(p));
            }
            Map<String, Object> headParameters = Map.of("head", headName, "classes", head.classes());
            if (requested.isEmpty() || requested.contains("probabilities")) {
                outputs.add(new Dto.InferOutput("probabilities", List.of((long) rows.length,
                        (long) head.classes().size()), "FP32", V2Tensors.flat(probabilities), headParameters));
            }
            if (requested.isEmpty() || requested.contains("labels")) {
                outputs.add(new Dto.InferOutput("labels", List.of((long) rows.length), "BYTES", labels, headParameters));
            }
        }
        return new Dto.InferResponse(model.name(), model.version(), request.id(), outputs);
    }

    private static List<String> requestedOutputs(Dto.InferRequest request) {
        List<String> names = new ArrayList<>();
        if (request.outputs() != null) {
            for (int i = 0; i < request.outputs().size(); i++) {
                Dto.RequestedOutput o = request.outputs().get(i);
                if (o == null || o.name() == null || !OUTPUTS.contains(o.name())) {
                    throw ClientProblem.unprocessable("outputs[" + i + "].name", "expected one of " + OUTPUTS.stream()
                            .sorted().toList() + ", got " + (o == null ? null : o.name()));
                }
                names.add(o.name());
            }
        }
        return names;
    }

    /**
     * The name of the head named by parameters.head; else of the only head when probabilities or
     * labels are asked for; else null.
     */
    private static String headName(ServedModel model, Map<String, JsonNode> parameters, List<String> requested) {
        JsonNode name = parameters.get("head");
        if (name != null && !name.isNull()) {
            if (!name.isString()) {
                throw ClientProblem.unprocessable("parameters.head", "expected a head name (string)");
            }
            if (!model.heads().containsKey(name.asString())) {
                throw ClientProblem.unprocessable("parameters.head", "model " + model.name() + " has no head '"
                        + name.asString() + "'; it has " + model.heads().keySet());
            }
            return name.asString();
        }
        boolean wantsHead = requested.contains("probabilities") || requested.contains("labels");
        if (!wantsHead) {
            return null;
        }
        if (model.heads().size() != 1) {
            throw ClientProblem.unprocessable("parameters.head", "probabilities need a decoding head; model "
                    + model.name() + " has " + model.heads().keySet() + " (name one in parameters.head)");
        }
        return model.heads().keySet().iterator().next();
    }

    private static String pooling(ServedModel model, Map<String, JsonNode> parameters, String headName,
            DecodingHead head) {
        JsonNode p = parameters.get("pooling");
        if (p != null && !p.isNull() && !p.isString()) {
            throw ClientProblem.unprocessable("parameters.pooling", "expected a pooling name (string)");
        }
        String requested = p == null || p.isNull() ? null : p.asString();
        if (head == null) {
            return model.pooling(requested, "parameters.pooling");
        }
        if (requested != null && !requested.equalsIgnoreCase(head.pooling())) {
            throw ClientProblem.unprocessable("parameters.pooling", "head " + headName + " reads "
                    + head.pooling() + " embeddings, not " + requested);
        }
        return head.pooling();
    }

    private static int[] shape(List<Long> shape) {
        if (shape == null || (shape.size() != 2 && shape.size() != 3) || shape.stream().anyMatch(
                s -> s == null || s < 1 || s > Integer.MAX_VALUE)) {
            throw ClientProblem.unprocessable("inputs[0].shape", "expected [N, C, T] or [C, T] of positive integers, got "
                    + shape);
        }
        long n = shape.size() == 3 ? shape.get(0) : 1;
        long c = shape.get(shape.size() - 2);
        long t = shape.get(shape.size() - 1);
        if (n * c > Integer.MAX_VALUE || n * c * t > Integer.MAX_VALUE / 2) {
            throw ClientProblem.unprocessable("inputs[0].shape", "shape " + shape + " is too large");
        }
        return new int[] {(int) n, (int) c, (int) t};
    }

    private static List<String> channels(JsonNode node, int expected) {
        if (node == null || !node.isArray()) {
            throw ClientProblem.unprocessable("parameters.channels", "a list of " + expected
                    + " channel names (one per tensor row) is required");
        }
        List<String> names = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode n = node.get(i);
            if (!n.isString() || n.asString().isBlank()) {
                throw ClientProblem.unprocessable("parameters.channels[" + i + "]", "expected a channel name");
            }
            names.add(n.asString());
        }
        if (names.size() != expected) {
            throw ClientProblem.unprocessable("parameters.channels", "the tensor has " + expected + " channels, "
                    + names.size() + " names were given");
        }
        return names;
    }

    private static double sfreq(JsonNode node) {
        if (node == null || !node.isNumber() || !(node.asDouble() > 0) || !Double.isFinite(node.asDouble())) {
            throw ClientProblem.unprocessable("parameters.sfreq", "the sampling rate in Hz (a positive number) is "
                    + "required, got " + node);
        }
        return node.asDouble();
    }

    /** An input problem named in v2 terms: channel and rate problems are the parameters' fault. */
    private static InvalidInputException v2Field(InvalidInputException e, int window) {
        String f = e.field();
        if (f.equals("channels") || f.equals("sfreq") || f.equals("positions")) {
            return new InvalidInputException("parameters." + f, e.detail(), e);
        }
        return e.within("inputs[0].window[" + window + "].");
    }
}
