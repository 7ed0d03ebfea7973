package io.neurofm.tokenize;

import io.neurofm.dsp.Statistics;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Volume;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Structural MRI to 3D patch tokens: the volume is resampled trilinearly onto a fixed grid over
 * its own field of view ({@link VolumeGrid}; default 96^3), normalised as
 * {@code (v - median) / IQR} with the median and interquartile range of the non-zero voxels of
 * the training volumes (on that grid; zero is the background of templates and skull-stripped
 * scans), and cut into non-overlapping cubes (default 16^3); voxels beyond the last whole cube
 * along an axis are dropped. It has no channels, so it yields {@link VolumePatches}, not
 * {@link Tokens}, and is not invertible.
 */
public final class VolumePatchTokenizer implements StatefulTokenizer {
    public static final String TYPE = "smri";
    public static final int DEFAULT_GRID = 96;
    public static final int DEFAULT_PATCH = 16;

    private final int[] grid;
    private final int patch;
    private final double median;
    private final double iqr;

    private VolumePatchTokenizer(int[] grid, int patch, double median, double iqr) {
        if (grid.length != 3 || Arrays.stream(grid).anyMatch(g -> g < 1 || g > 1024)) {
            throw new IllegalArgumentException("grid must be three sizes in 1..1024, got " + Arrays.toString(grid));
        }
        if (patch < 1 || Arrays.stream(grid).anyMatch(g -> g < patch)) {
            throw new IllegalArgumentException("patch size " + patch + " must be >= 1 and fit in the grid "
                    + Arrays.toString(grid));
        }
        if (!Double.isFinite(median) || !(iqr > 0) || !Double.isFinite(iqr)) {
            throw new IllegalArgumentException("intensity statistics must be finite with a positive IQR, got median "
                    + median + ", IQR " + iqr);
        }
        this.grid = grid.clone();
        this.patch = patch;
        this.median = median;
        this.iqr = iqr;
    }

    /** Fits the intensity statistics on the non-zero voxels of the training volumes, resampled onto {@code grid}. */
    public static VolumePatchTokenizer fit(List<Volume> training, int[] grid, int patch) throws SignalException {
        if (training.isEmpty()) {
            throw new SignalException(null, "the smri tokenizer needs at least one training volume");
        }
        long count = 0;
        float[][] resampled = new float[training.size()][];
        for (int v = 0; v < training.size(); v++) {
            resampled[v] = resample(training.get(v), grid).values();
            for (float x : resampled[v]) {
                count += x != 0 ? 1 : 0;
            }
        }
        if (count == 0 || count > Integer.MAX_VALUE - 8) {
            throw new SignalException(null, "the smri tokenizer needs between 1 and 2^31 non-zero training voxels, got "
                    + count);
        }
        double[] foreground = new double[(int) count];
        int k = 0;
        for (float[] values : resampled) {
            for (float x : values) {
                if (x != 0) {
                    foreground[k++] = x;
                }
            }
        }
        Arrays.sort(foreground);
        double iqr = Statistics.percentileOfSorted(foreground, 75) - Statistics.percentileOfSorted(foreground, 25);
        if (!(iqr > 0)) {
            throw new SignalException(null, "the training volumes' non-zero voxels have no spread (IQR 0)");
        }
        return new VolumePatchTokenizer(grid, patch, Statistics.medianOfSorted(foreground), iqr);
    }

    private static VolumeGrid resample(Volume volume, int[] grid) throws SignalException {
        if (volume.nt() != 1) {
            throw new SignalException(null, "the smri tokenizer takes a 3D volume, got " + volume.nt()
                    + " volumes (a 4D image); pick one");
        }
        float[] data = volume.data();
        for (float x : data) {
            if (!Float.isFinite(x)) {
                throw new SignalException(null, "the smri tokenizer refuses non-finite voxel values (" + x + ")");
            }
        }
        return VolumeGrid.resample(data, new int[] {volume.nx(), volume.ny(), volume.nz()}, volume.affine(), grid);
    }

    static VolumePatchTokenizer fromState(TokenizerState state) {
        StateFields fields = new StateFields(state, TYPE);
        double[] g = fields.numbers("grid", 3, true);
        int[] grid = new int[3];
        for (int i = 0; i < 3; i++) {
            if (g[i] != Math.rint(g[i]) || g[i] > 1024) {
                throw new InvalidStateException("config.grid", "three integers in 1..1024", Arrays.toString(g));
            }
            grid[i] = (int) g[i];
        }
        int patch = fields.integer("patch_size", 1, 1024);
        if (Arrays.stream(grid).anyMatch(x -> x < patch)) {
            throw new InvalidStateException("config.patch_size", "at most the smallest grid size", String.valueOf(patch));
        }
        return new VolumePatchTokenizer(grid, patch, fields.finite("median"), fields.positive("iqr"));
    }

    @Override
    public String type() {
        return TYPE;
    }

    public int[] grid() {
        return grid.clone();
    }

    public int patchSize() {
        return patch;
    }

    public double median() {
        return median;
    }

    public double iqr() {
        return iqr;
    }

    public VolumePatches encode(Volume volume) throws SignalException {
        VolumeGrid resampled = resample(volume, grid);
        float[] values = resampled.values();
        int[] counts = {grid[0] / patch, grid[1] / patch, grid[2] / patch};
        int n = counts[0] * counts[1] * counts[2];
        float[][] patches = new float[n][patch * patch * patch];
        int[][] index = new int[n][];
        double[][] centres = new double[n][];
        int p = 0;
        double half = (patch - 1) / 2.0;
        for (int bz = 0; bz < counts[2]; bz++) {
            for (int by = 0; by < counts[1]; by++) {
                for (int bx = 0; bx < counts[0]; bx++) {
                    int i = 0;
                    for (int dz = 0; dz < patch; dz++) {
                        for (int dy = 0; dy < patch; dy++) {
                            int row = bx * patch + grid[0] * (by * patch + dy + grid[1] * (bz * patch + dz));
                            for (int dx = 0; dx < patch; dx++) {
                                patches[p][i++] = (float) ((values[row + dx] - median) / iqr);
                            }
                        }
                    }
                    index[p] = new int[] {bx, by, bz};
                    centres[p] = resampled.world(bx * patch + half, by * patch + half, bz * patch + half);
                    p++;
                }
            }
        }
        return new VolumePatches(grid.clone(), patch, patches, index, centres, resampled.affine());
    }

    @Override
    public TokenizerState state() {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        StateFields.array(config, "grid", new double[] {grid[0], grid[1], grid[2]});
        config.put("patch_size", patch);
        config.put("interpolation", "trilinear, align_corners=False (torch.nn.functional.interpolate)");
        config.put("normalisation", "(v - median) / IQR over non-zero training voxels");
        config.put("median", median);
        config.put("iqr", iqr);
        return new TokenizerState(TYPE, config, Map.of());
    }
}
