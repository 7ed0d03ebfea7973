package io.neurofm.signal.io.nifti;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import io.neurofm.signal.Volume;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * ROI mean time courses of a 4D fMRI image under a 3D label atlas: one {@link ChannelType#FMRI_ROI}
 * channel per region ("a.u.", rate 1/TR), each sample the mean of that region's voxels in one volume.
 *
 * <p>When the atlas grid differs from the functional grid (dims or affine), each functional voxel
 * takes the label of the atlas voxel nearest to its centre in world coordinates:
 * {@code floor(inv(atlasAffine) * funcAffine * [i j k 1] + 0.5)}, 0 (background) outside the
 * atlas. Regions are the label table's, in its order, or, without a table, every non-zero atlas
 * value in ascending order, named {@code "label <value>"}.
 *
 * <p>Regions without a voxel in the functional field of view are an error listing them
 * ({@link EmptyRois#FAIL}), or, when the caller asks ({@link EmptyRois#DROP}), left out with
 * their names in the provenance step. If no region at all is covered the call fails either way:
 * the two images are almost certainly not in the same space.
 */
public final class AtlasTimeSeries {
    /** What to do with regions that have no voxel in the functional field of view. */
    public enum EmptyRois { FAIL, DROP }

    /** Same-grid test tolerance on affine entries, in millimetres. */
    private static final double SAME_GRID_TOLERANCE = 1e-4;

    private AtlasTimeSeries() {
    }

    /**
     * From an fMRI volume already in memory.
     *
     * @param labels  region names, or null to use every non-zero atlas value
     * @param options {@link OpenOptions#withRepetitionTime} overrides the image's TR; DEFAULT keeps it
     */
    public static Recording compute(Volume fmri, Volume atlas, AtlasLabels labels, EmptyRois policy,
                                    OpenOptions options) throws SignalException {
        Path fmriFile = fileOf(fmri);
        Plan plan = plan(fmriFile, fmri.dims(), fmri.affine(), null, atlas, labels, policy);
        double tr = repetitionSeconds(fmriFile, fmri.repetitionSeconds(), options);
        float[] data = fmri.data();
        int perVolume = fmri.nx() * fmri.ny() * fmri.nz();
        float[][] samples = new float[plan.names.size()][fmri.nt()];
        float[] one = new float[perVolume];
        for (int t = 0; t < fmri.nt(); t++) {
            System.arraycopy(data, t * perVolume, one, 0, perVolume);
            plan.accumulate(one, samples, t);
        }
        int firstVolume = firstVolume(fmri.provenance());
        return recording(plan, samples, tr, firstVolume, fmri.provenance(), atlas, options);
    }

    /**
     * Streams volumes {@code firstVolume .. firstVolume + count - 1} of a NIfTI file, holding one
     * volume at a time (for images too large to read whole).
     */
    public static Recording compute(NiftiReader reader, Path fmriFile, int firstVolume, int count, Volume atlas,
                                    AtlasLabels labels, EmptyRois policy, OpenOptions options) throws IOException {
        NiftiHeader header = reader.readHeader(fmriFile);
        Plan plan = plan(fmriFile, header.dims(), header.affine(), space(header), atlas, labels, policy);
        double tr = repetitionSeconds(fmriFile, header.repetitionSeconds(), options);
        float[][] samples = new float[plan.names.size()][Math.max(0, count)];
        reader.stream(fmriFile, firstVolume, count, (t, values) -> plan.accumulate(values, samples, t - firstVolume));
        List<Object> read = new ArrayList<>(List.of("file", String.valueOf(fmriFile.getFileName()), "format",
                NiftiReader.FORMAT, "affine", header.affineSource()));
        if (firstVolume != 0 || count != header.nt()) {
            read.addAll(List.of("volumes", firstVolume + ".." + (firstVolume + count - 1)));
        }
        return recording(plan, samples, tr, firstVolume, List.of(Transform.of("read", read.toArray())), atlas,
                options);
    }

    /** Which region each functional voxel belongs to, and what was dropped. */
    private static final class Plan {
        final int[] roiOf;
        final int[] voxelCounts;
        final List<String> names;
        final List<String> dropped;
        final boolean resampled;

        Plan(int[] roiOf, int[] voxelCounts, List<String> names, List<String> dropped, boolean resampled) {
            this.roiOf = roiOf;
            this.voxelCounts = voxelCounts;
            this.names = names;
            this.dropped = dropped;
            this.resampled = resampled;
        }

        void accumulate(float[] volume, float[][] samples, int t) {
            double[] sums = new double[names.size()];
            for (int v = 0; v < volume.length; v++) {
                int r = roiOf[v];
                if (r >= 0) {
                    sums[r] += volume[v];
                }
            }
            for (int r = 0; r < sums.length; r++) {
                samples[r][t] = (float) (sums[r] / voxelCounts[r]);
            }
        }
    }

    private static Plan plan(Path fmriFile, int[] dims, double[][] fmriAffine, String fmriSpace, Volume atlas,
                             AtlasLabels labels, EmptyRois policy) throws SignalException {
        if (atlas.nt() != 1) {
            throw new SignalException(fileOf(atlas), "the atlas must be a 3D label image, it has " + atlas.nt()
                    + " volumes");
        }
        int nx = dims[0];
        int ny = dims[1];
        int nz = dims[2];
        boolean sameGrid = nx == atlas.nx() && ny == atlas.ny() && nz == atlas.nz()
                && NiftiAffine.nearlyEqual(fmriAffine, atlas.affine(), SAME_GRID_TOLERANCE);
        int[] atlasValues = atlasLabels(atlas);
        int[] voxelLabel = sameGrid ? atlasValues : resample(nx, ny, nz, fmriAffine, atlas, atlasValues);

        Map<Integer, String> regions = regions(atlas, atlasValues, labels);
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int l : voxelLabel) {
            if (l != 0) {
                counts.merge(l, 1, Integer::sum);
            }
        }
        List<String> names = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        Map<Integer, Integer> roiIndexOfLabel = new HashMap<>();
        List<Integer> voxelCounts = new ArrayList<>();
        for (Map.Entry<Integer, String> e : regions.entrySet()) {
            Integer n = counts.get(e.getKey());
            if (n == null) {
                dropped.add(e.getValue());
            } else {
                roiIndexOfLabel.put(e.getKey(), names.size());
                names.add(e.getValue());
                voxelCounts.add(n);
            }
        }
        if (names.isEmpty()) {
            throw new SignalException(fmriFile, "no atlas region has a voxel in the functional field of view (all "
                    + regions.size() + " regions empty) after resampling the atlas to the image grid (nearest "
                    + "neighbour through both affines): the image covers " + box(fmriAffine, 0, dims[0] - 1, 0,
                    dims[1] - 1, 0, dims[2] - 1) + (fmriSpace == null ? "" : " (" + fmriSpace + ")")
                    + ", the atlas's labelled voxels " + labelledBox(atlas, atlasValues)
                    + ". The two images are not in the same space (e.g. scanner space vs MNI): register the image "
                    + "to the atlas's space first, or use an atlas in the image's space");
        }
        if (!dropped.isEmpty() && policy == EmptyRois.FAIL) {
            throw new SignalException(fmriFile, dropped.size() + " atlas regions have no voxel in the functional "
                    + "field of view: " + dropped + " (ask for EmptyRois.DROP to leave them out)");
        }
        int[] roiOf = new int[voxelLabel.length];
        for (int v = 0; v < voxelLabel.length; v++) {
            roiOf[v] = voxelLabel[v] == 0 ? -1 : roiIndexOfLabel.getOrDefault(voxelLabel[v], -1);
        }
        return new Plan(roiOf, voxelCounts.stream().mapToInt(Integer::intValue).toArray(), names, dropped, !sameGrid);
    }

    /** "sform code 1 (scanner anatomical)" and the like: which space the header says the image is in. */
    private static String space(NiftiHeader header) {
        int code = "qform".equals(header.affineSource()) ? header.qformCode() : header.sformCode();
        String name = switch (code) {
            case 1 -> "scanner anatomical";
            case 2 -> "aligned to another image";
            case 3 -> "Talairach";
            case 4 -> "MNI 152";
            case 5 -> "template";
            default -> "unknown";
        };
        return "world coordinates from its " + header.affineSource() + ", code " + code + " = " + name;
    }

    /** World bounding box, in mm, of the voxel index box [i0, i1] x [j0, j1] x [k0, k1]. */
    private static String box(double[][] affine, int i0, int i1, int j0, int j1, int k0, int k1) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i : new int[] {i0, i1}) {
            for (int j : new int[] {j0, j1}) {
                for (int k : new int[] {k0, k1}) {
                    for (int a = 0; a < 3; a++) {
                        double w = affine[a][0] * i + affine[a][1] * j + affine[a][2] * k + affine[a][3];
                        lo[a] = Math.min(lo[a], w);
                        hi[a] = Math.max(hi[a], w);
                    }
                }
            }
        }
        return String.format(java.util.Locale.ROOT, "x %.1f..%.1f, y %.1f..%.1f, z %.1f..%.1f mm", lo[0], hi[0],
                lo[1], hi[1], lo[2], hi[2]);
    }

    /** World bounding box of the atlas voxels with a non-zero label. */
    private static String labelledBox(Volume atlas, int[] values) {
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        for (int v = 0; v < values.length; v++) {
            if (values[v] != 0) {
                int[] ijk = {v % atlas.nx(), (v / atlas.nx()) % atlas.ny(), v / (atlas.nx() * atlas.ny())};
                for (int a = 0; a < 3; a++) {
                    lo[a] = Math.min(lo[a], ijk[a]);
                    hi[a] = Math.max(hi[a], ijk[a]);
                }
            }
        }
        return hi[0] < 0 ? "(none: the atlas is empty)" : box(atlas.affine(), lo[0], hi[0], lo[1], hi[1], lo[2], hi[2]);
    }

    /** The atlas values as integer labels; anything else means it is not a label image. */
    private static int[] atlasLabels(Volume atlas) throws SignalException {
        float[] data = atlas.data();
        int[] out = new int[data.length];
        for (int v = 0; v < data.length; v++) {
            float f = data[v];
            if (!(f >= 0) || f != Math.rint(f) || f > Integer.MAX_VALUE) {
                int x = v % atlas.nx();
                int y = (v / atlas.nx()) % atlas.ny();
                int z = v / (atlas.nx() * atlas.ny());
                throw new SignalException(fileOf(atlas), "not a label image: value " + f + " at voxel (" + x + ", " + y
                        + ", " + z + "); labels must be integers >= 0");
            }
            out[v] = (int) f;
        }
        return out;
    }

    private static int[] resample(int nx, int ny, int nz, double[][] fmriAffine, Volume atlas, int[] labels)
            throws SignalException {
        double[][] inverse = NiftiAffine.invert(atlas.affine());
        if (inverse == null) {
            throw new SignalException(fileOf(atlas), "the atlas affine is singular; cannot map world coordinates "
                    + "to its voxels");
        }
        double[][] m = NiftiAffine.multiply(inverse, fmriAffine);
        int ax = atlas.nx();
        int ay = atlas.ny();
        int az = atlas.nz();
        int[] out = new int[nx * ny * nz];
        int v = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++, v++) {
                    long x = nearest(m[0], i, j, k);
                    long y = nearest(m[1], i, j, k);
                    long z = nearest(m[2], i, j, k);
                    if (x >= 0 && x < ax && y >= 0 && y < ay && z >= 0 && z < az) {
                        out[v] = labels[(int) (x + (long) ax * (y + (long) ay * z))];
                    }
                }
            }
        }
        return out;
    }

    /** Rounds half up, as the golden reference does; NaN and huge values land outside the grid. */
    private static long nearest(double[] row, int i, int j, int k) {
        double c = row[0] * i + row[1] * j + row[2] * k + row[3];
        double f = Math.floor(c + 0.5);
        return Double.isFinite(f) && Math.abs(f) < 1e12 ? (long) f : -1;
    }

    /** The regions to report, label value -> name, in table order (or ascending values). */
    private static Map<Integer, String> regions(Volume atlas, int[] values, AtlasLabels labels)
            throws SignalException {
        TreeSet<Integer> present = new TreeSet<>();
        for (int l : values) {
            if (l != 0) {
                present.add(l);
            }
        }
        Map<Integer, String> regions = new LinkedHashMap<>();
        if (labels == null) {
            for (int l : present) {
                regions.put(l, "label " + l);
            }
            return regions;
        }
        for (AtlasLabels.Label l : labels.labels()) {
            regions.put(l.value(), l.name());
        }
        present.removeAll(regions.keySet());
        if (!present.isEmpty()) {
            throw new SignalException(fileOf(atlas), "the atlas has label values the label table does not name: "
                    + present);
        }
        return regions;
    }

    private static double repetitionSeconds(Path file, double fromImage, OpenOptions options) throws SignalException {
        if (options.samplingRate() != null) {
            return 1.0 / options.samplingRate();
        }
        if (!(fromImage > 0) || !Double.isFinite(fromImage)) {
            throw new SignalException(file, "the image states no repetition time (pixdim[4] with a time unit); pass "
                    + "one with OpenOptions.withRepetitionTime");
        }
        return fromImage;
    }

    private static Recording recording(Plan plan, float[][] samples, double tr, int firstVolume,
                                       List<Transform> readSteps, Volume atlas, OpenOptions options) {
        double rate = 1.0 / tr;
        List<Channel> channels = new ArrayList<>();
        for (String name : plan.names) {
            channels.add(new Channel(name, ChannelType.FMRI_ROI, ChannelType.FMRI_ROI.siUnit(), rate, null));
        }
        List<Transform> steps = new ArrayList<>(readSteps);
        Path atlasFile = fileOf(atlas);
        steps.add(Transform.of("atlas_roi_mean",
                "atlas", atlasFile == null ? "(in memory)" : atlasFile.toString(),
                "grid", plan.resampled ? "nearest neighbour through affines" : "same as functional",
                "rois", plan.names.size(),
                "dropped", plan.dropped.isEmpty() ? "none" : String.join(",", plan.dropped),
                "tr_seconds", tr,
                "tr_source", options.samplingRate() != null ? "caller" : "image"));
        return new Recording(channels, samples, rate, List.of(), RecordingIds.NONE, null, firstVolume * tr, steps);
    }

    /** The file a volume was read from, from its read step, or null for a volume built in memory. */
    private static Path fileOf(Volume volume) {
        for (Transform step : volume.provenance()) {
            if (step.operation().equals("read") && step.parameters().containsKey("file")) {
                return Path.of(step.parameters().get("file"));
            }
        }
        return null;
    }

    /** The first volume index of a range read ("volumes" = "a..b" in the read step), else 0. */
    private static int firstVolume(List<Transform> provenance) {
        for (Transform step : provenance) {
            String range = step.operation().equals("read") ? step.parameters().get("volumes") : null;
            if (range != null) {
                return Integer.parseInt(range.substring(0, range.indexOf("..")));
            }
        }
        return 0;
    }
}
