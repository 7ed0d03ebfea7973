package io.neurofm.cli;

import io.neurofm.signal.Volume;
import io.neurofm.signal.io.nifti.NiftiHeader;
import io.neurofm.signal.io.nifti.NiftiReader;
import io.neurofm.signal.io.npy.Npz;
import io.neurofm.signal.io.npy.NpyArray;
import io.neurofm.signal.io.AtomicFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The CLI's handling of image files (NIfTI), which hold volumes rather than channel recordings. */
final class VolumeFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VolumeFiles() {
    }

    static boolean isVolume(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return NiftiReader.extensions().stream().anyMatch(name::endsWith);
    }

    static void inspect(Path file, boolean json, PrintWriter out) throws IOException {
        NiftiHeader header = new NiftiReader().readHeader(file);
        ObjectNode node = describe(header);
        if (json) {
            out.println(JSON.writeValueAsString(node));
        } else {
            out.printf("file       %s%n", file);
            out.printf("format     %s (%s%s)%n", NiftiReader.FORMAT, header.magic().trim(),
                    header.gzipped() ? ", gzip" : "");
            out.printf("dims       %s%n", Arrays.toString(header.dims()));
            out.printf("datatype   %s%n", header.dataType());
            double[] voxel = header.voxelSizeMm();
            out.printf("voxel mm   %s x %s x %s%n", decimal(voxel[0]), decimal(voxel[1]), decimal(voxel[2]));
            out.printf("TR         %s%n", Double.isNaN(header.repetitionSeconds()) ? "(none)"
                    : decimal(header.repetitionSeconds()) + " s");
            out.printf(Locale.ROOT, "scaling    value = %s * raw + %s%n", header.slope(), header.inter());
            out.printf("affine     (%s)%n", header.affineSource());
            for (double[] row : header.affine()) {
                out.printf(Locale.ROOT, "  %10.4f %10.4f %10.4f %10.4f%n", row[0], row[1], row[2], row[3]);
            }
            if (!header.description().isBlank()) {
                out.printf("descrip    %s%n", header.description().trim());
            }
        }
        out.flush();
    }

    /** Writes {@code data} as float32 [x, y, z, t] (x slowest in the array, as nibabel's get_fdata() order) + JSON. */
    static void convert(Path file, Path output, boolean compress) throws IOException {
        NiftiReader reader = new NiftiReader();
        NiftiHeader header = reader.readHeader(file);
        Volume volume = reader.read(file);
        int nx = volume.nx();
        int ny = volume.ny();
        int nz = volume.nz();
        int nt = volume.nt();
        float[] fortran = volume.data();
        float[] c = new float[fortran.length];
        int i = 0;
        for (int x = 0; x < nx; x++) {
            for (int y = 0; y < ny; y++) {
                for (int z = 0; z < nz; z++) {
                    for (int t = 0; t < nt; t++) {
                        c[i++] = fortran[x + nx * (y + ny * (z + nz * t))];
                    }
                }
            }
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("data", NpyArray.ofFloats(new long[] {nx, ny, nz, nt}, c));
        Npz.write(output, arrays, compress);
        ObjectNode sidecar = describe(header);
        sidecar.put("file", file.getFileName().toString());
        String name = output.getFileName().toString();
        Path json = output.resolveSibling(name.substring(0, name.length() - ".npz".length()) + ".json");
        AtomicFiles.write(json, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sidecar) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Six significant digits without trailing zeros: the header's float32 fields as a person wrote them. */
    private static String decimal(double value) {
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static ObjectNode describe(NiftiHeader header) {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", NiftiReader.FORMAT);
        ArrayNode dims = node.putArray("dims");
        Arrays.stream(header.dims()).forEach(dims::add);
        node.put("datatype", header.dataType().toString());
        ArrayNode voxel = node.putArray("voxel_size_mm");
        Arrays.stream(header.voxelSizeMm()).forEach(voxel::add);
        if (!Double.isNaN(header.repetitionSeconds())) {
            node.put("repetition_time_s", header.repetitionSeconds());
        }
        node.put("affine_source", header.affineSource());
        ArrayNode affine = node.putArray("affine");
        for (double[] row : header.affine()) {
            ArrayNode r = affine.addArray();
            Arrays.stream(row).forEach(r::add);
        }
        return node;
    }
}
