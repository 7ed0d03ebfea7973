package io.neurofm.serve.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Request and response bodies. JSON names are snake_case (spring.jackson.property-naming-strategy). */
public final class Dto {
    private Dto() {}

    // ---- /v1/embeddings

    @Schema(description = "OpenAI-shaped embeddings request over raw signal windows")
    public record EmbeddingRequest(
            @Schema(description = "NAME or NAME:VERSION of a served model", example = "deeperbrain-tiny") String model,
            @Schema(description = "the windows to embed, one embedding each") List<WindowInput> input,
            @Schema(description = "pooling; the model's default (first of its poolings) when absent") String pooling,
            @Schema(description = "float (default) or base64 (little-endian float32)") String encodingFormat) {}

    @Schema(description = "one window of raw signal in SI units (volts for EEG)")
    public record WindowInput(
            @Schema(description = "[channels][samples] nested numbers, or base64 of little-endian float32 "
                    + "in row-major order (then shape is required)", oneOf = {float[][].class, String.class})
            WindowSamples data,
            @Schema(description = "[channels, samples]; required with base64 data") List<Integer> shape,
            @Schema(description = "one name per data row") List<String> channels,
            @Schema(description = "sampling rate in Hz") Double sfreq,
            @Schema(description = "optional [x, y, z] in metres (head frame) per channel, null = unknown")
            List<List<Double>> positions) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EmbeddingItem(String object, int index,
            @Schema(description = "float array, or base64 of little-endian float32") Object embedding,
            @Schema(description = "window start in seconds from the recording's first sample (file uploads)")
            Double start) {}

    public record Usage(@Schema(description = "windows embedded") int windows,
            @Schema(description = "values received: channels x samples summed over windows") long samples) {}

    public record EmbeddingResponse(String object, List<EmbeddingItem> data, String model, Usage usage) {}

    // ---- /v1/models

    public record ModelList(String object, List<ModelInfo> data) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModelInfo(String id, String object, String family, String size, List<String> versions,
            String latestVersion, Long created, Card description, String problem, Serving serving) {}

    public record Card(String title, String summary, String data, String objective, Map<String, Double> metrics,
            String intendedUse, String limits) {}

    public record Serving(String version, double samplingRate, int windowSamples, int minimumSamples,
            List<String> channels, List<String> poolings, Map<String, Integer> dimensions, List<HeadInfo> heads) {}

    public record HeadInfo(String name, List<String> classes, String pooling) {}

    // ---- KServe Open Inference Protocol v2

    @Schema(description = "Open Inference Protocol v2 request. One FP32 input of shape [N, C, T] (or [C, T]); "
            + "parameters: channels (list of C names, required), sfreq (Hz, required), pooling, head")
    public record InferRequest(String id, List<InferInput> inputs, Map<String, JsonNode> parameters,
            List<RequestedOutput> outputs) {}

    public record InferInput(String name, List<Long> shape, String datatype, JsonNode data,
            Map<String, JsonNode> parameters) {}

    public record RequestedOutput(String name) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InferResponse(String modelName, String modelVersion, String id, List<InferOutput> outputs) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InferOutput(String name, List<Long> shape, String datatype, Object data,
            Map<String, Object> parameters) {}

    public record TensorMetadata(String name, String datatype, List<Long> shape) {}

    public record ModelMetadata(String name, List<String> versions, String platform, List<TensorMetadata> inputs,
            List<TensorMetadata> outputs, Map<String, Object> parameters) {}

    public record Live(boolean live) {}

    public record Ready(boolean ready) {}
}
