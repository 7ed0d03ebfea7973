package io.neurofm.cli;

import io.neurofm.signal.io.AtomicFiles;
import io.neurofm.signal.io.npy.NpyArray;
import io.neurofm.signal.io.npy.Npz;
import io.neurofm.tokenize.StatefulTokenizer;
import io.neurofm.tokenize.TokenFiles;
import io.neurofm.tokenize.Tokenizer;
import io.neurofm.tokenize.TokenizerFiles;
import io.neurofm.tokenize.Tokens;
import io.neurofm.tokenize.VolumePatchTokenizer;
import io.neurofm.tokenize.VolumePatches;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code neurofm tokenize --tokenizer T.json IN OUT.npz}: tokens of one recording (ids int32
 * [rows, steps] or vectors float32 [rows, steps, dim], valid bool [rows, steps]) with OUT.json
 * naming the rows; for an smri tokenizer, the patches of an image (vectors float32
 * [patches, p^3], grid_index int32 [patches, 3], centres_mm float64 [patches, 3], affine [4, 4]).
 */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Tokenise a recording (or a NIfTI image with an smri tokenizer) into OUT.npz + OUT.json.")
final class TokenizeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--tokenizer", required = true, paramLabel = "T.json", description = "A fitted tokenizer.")
    Path tokenizerFile;

    @Parameters(index = "0", paramLabel = "IN", description = "Recording, ROI table or NIfTI image.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT.npz", description = "Token archive; OUT.json is written beside it.")
    Path output;

    @Mixin
    ReadOptions readOptions = new ReadOptions();

    @Mixin
    TokenizerInputs inputs = new TokenizerInputs();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            throw new IllegalArgumentException("output must end in .npz, got " + output);
        }
        StatefulTokenizer loaded = TokenizerFiles.loadAny(tokenizerFile);
        PrintWriter out = spec.commandLine().getOut();
        if (loaded instanceof VolumePatchTokenizer volumes) {
            VolumePatches patches = volumes.encode(TokenizerInputs.volume(input));
            writePatches(patches, output);
            out.printf(Locale.ROOT, "wrote %s: %d patches of %d voxels; sidecar %s%n", output, patches.count(),
                    patches.dimension(), TokenFiles.sidecar(output));
        } else {
            Tokens tokens = ((Tokenizer) loaded).encode(inputs.recording(input, readOptions));
            TokenFiles.write(tokens, loaded.type(), output);
            out.printf(Locale.ROOT, "wrote %s: %d rows x %d steps of %s; sidecar %s%n", output, tokens.rows(),
                    tokens.steps(), tokens.isDiscrete() ? "ids (vocabulary " + tokens.vocabularySize() + ")"
                            : tokens.dimension() + "-value vectors", TokenFiles.sidecar(output));
        }
        out.flush();
        return 0;
    }

    private static void writePatches(VolumePatches patches, Path npz) throws IOException {
        int n = patches.count();
        int dim = patches.dimension();
        float[] values = new float[n * dim];
        int[] index = new int[n * 3];
        double[] centres = new double[n * 3];
        for (int p = 0; p < n; p++) {
            System.arraycopy(patches.values()[p], 0, values, p * dim, dim);
            System.arraycopy(patches.gridIndex()[p], 0, index, p * 3, 3);
            System.arraycopy(patches.centres()[p], 0, centres, p * 3, 3);
        }
        double[] affine = new double[16];
        for (int r = 0; r < 4; r++) {
            System.arraycopy(patches.affine()[r], 0, affine, r * 4, 4);
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("vectors", NpyArray.ofFloats(new long[] {n, dim}, values));
        arrays.put("grid_index", NpyArray.ofInts(new long[] {n, 3}, index));
        arrays.put("centres_mm", NpyArray.ofDoubles(new long[] {n, 3}, centres));
        arrays.put("affine", NpyArray.ofDoubles(new long[] {4, 4}, affine));
        Npz.write(npz, arrays, false);
        ObjectNode sidecar = JSON.createObjectNode();
        sidecar.put("format", "neurofm-volume-patches");
        sidecar.put("tokenizer", VolumePatchTokenizer.TYPE);
        ArrayNode grid = sidecar.putArray("grid");
        for (int g : patches.gridDims()) {
            grid.add(g);
        }
        sidecar.put("patch_size", patches.patchSize());
        sidecar.put("voxel_order", "x fastest within a patch; patches x fastest over the patch grid");
        AtomicFiles.write(TokenFiles.sidecar(npz), (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sidecar)
                + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
