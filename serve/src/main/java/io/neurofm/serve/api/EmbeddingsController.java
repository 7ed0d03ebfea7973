package io.neurofm.serve.api;

import io.neurofm.inference.InvalidInputException;
import io.neurofm.inference.PreparedWindow;
import io.neurofm.inference.SignalWindow;
import io.neurofm.serve.ModelCatalog;
import io.neurofm.serve.ServeSettings;
import io.neurofm.serve.batch.ServedModel;
import io.neurofm.signal.Recording;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** OpenAI-shaped embeddings of client windows ({@code /v1/embeddings}) and of uploaded recordings. */
@RestController
@Tag(name = "embeddings", description = "embeddings of raw signal windows and recordings")
public class EmbeddingsController {
    private final ModelCatalog catalog;
    private final Inference inference;
    private final long maxFileBytes;

    public EmbeddingsController(ModelCatalog catalog, Inference inference, ServeSettings settings) {
        this.catalog = catalog;
        this.inference = inference;
        this.maxFileBytes = settings.maxFileSize().toBytes();
    }

    @PostMapping(path = "/v1/embeddings", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Embed raw signal windows",
            description = "Each window runs through the model's own preprocessing (channel names, resampling, "
                    + "filters, normalisation), then windows are batched with other requests.")
    public Dto.EmbeddingResponse embed(@RequestBody Dto.EmbeddingRequest request) {
        if (request == null) {
            throw ClientProblem.badRequest("body", "a JSON object {model, input, ...} is required");
        }
        ServedModel model = catalog.get(request.model(), "model");
        String pooling = model.pooling(request.pooling(), "pooling");
        String encoding = Encodings.require(request.encodingFormat(), "encoding_format");
        if (request.input() == null || request.input().isEmpty()) {
            throw ClientProblem.unprocessable("input", "at least one window is required");
        }
        List<PreparedWindow> prepared = new ArrayList<>(request.input().size());
        long samples = 0;
        for (int i = 0; i < request.input().size(); i++) {
            String prefix = "input[" + i + "].";
            SignalWindow window = WindowDecoder.decode(request.input().get(i), prefix);
            samples += (long) window.data().length * window.sampleCount();
            try {
                prepared.add(model.prepare(window));
            } catch (InvalidInputException e) {
                throw e.within(prefix);
            }
        }
        float[][] rows = inference.embed(model, prepared, pooling);
        List<Dto.EmbeddingItem> items = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            items.add(new Dto.EmbeddingItem("embedding", i, Encodings.encode(rows[i], encoding), null));
        }
        return new Dto.EmbeddingResponse("list", items, model.name() + ":" + model.version(),
                new Dto.Usage(rows.length, samples));
    }

    @PostMapping(path = "/v1/embeddings/file", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Embed an uploaded recording, cut into the model's windows",
            description = "Upload EDF, BDF, GDF, FIF, NPZ, or BrainVision (a zip, or the .vhdr, .eeg and .vmrk as "
                    + "three 'file' parts). Each item carries its window's start in seconds.")
    public Dto.EmbeddingResponse embedFile(
            @RequestParam("model") String modelName,
            @RequestPart("file") List<MultipartFile> file,
            @RequestParam(name = "pooling", required = false) String pooling,
            @RequestParam(name = "encoding_format", required = false) String encodingFormat,
            @Parameter(description = "seconds between window starts; default = the window length")
            @RequestParam(name = "stride_seconds", required = false) Double strideSeconds) {
        ServedModel model = catalog.get(modelName, "model");
        String pool = model.pooling(pooling, "pooling");
        String encoding = Encodings.require(encodingFormat, "encoding_format");
        int stride = 0;
        if (strideSeconds != null) {
            double s = strideSeconds * model.description().samplingRate();
            if (!Double.isFinite(s) || Math.round(s) < 1 || s > Integer.MAX_VALUE) {
                throw ClientProblem.unprocessable("stride_seconds", "must be at least one sample ("
                        + 1 / model.description().samplingRate() + " s), got " + strideSeconds);
            }
            stride = (int) Math.round(s);
        }
        Recording recording = UploadedRecording.read(file, maxFileBytes);
        List<PreparedWindow> windows = model.windows(recording, stride);
        float[][] rows = inference.embed(model, windows, pool);
        List<Dto.EmbeddingItem> items = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            items.add(new Dto.EmbeddingItem("embedding", i, Encodings.encode(rows[i], encoding),
                    windows.get(i).startSeconds()));
        }
        return new Dto.EmbeddingResponse("list", items, model.name() + ":" + model.version(),
                new Dto.Usage(rows.length, (long) recording.channelCount() * recording.sampleCount()));
    }
}
