package io.neurofm.signal.io.nifti;

import io.neurofm.signal.SignalFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Parses and validates the 348-byte NIfTI-1 header. Every field that decides a size, an offset
 * or a transform is checked here, so the reader only ever allocates from validated numbers.
 * Lenient where nibabel silently fixes a header (qfac not +-1 read as 1, negative or zero
 * pixdim read as |pixdim| or 1), strict where nibabel refuses or where a guess could corrupt data.
 */
final class NiftiHeaderParser {
    static final int NIFTI1_HEADER_SIZE = 348;
    static final int NIFTI2_HEADER_SIZE = 540;
    /** Header plus the 4-byte extension flag: the first byte a single-file image may use. */
    static final int SINGLE_FILE_MIN_OFFSET = 352;

    private static final int OFF_DIM = 40;
    private static final int OFF_DATATYPE = 70;
    private static final int OFF_BITPIX = 72;
    private static final int OFF_PIXDIM = 76;
    private static final int OFF_VOX_OFFSET = 108;
    private static final int OFF_SCL_SLOPE = 112;
    private static final int OFF_SCL_INTER = 116;
    private static final int OFF_XYZT_UNITS = 123;
    private static final int OFF_DESCRIP = 148;
    private static final int OFF_QFORM_CODE = 252;
    private static final int OFF_SFORM_CODE = 254;
    private static final int OFF_QUATERN_B = 256;
    private static final int OFF_QOFFSET_X = 268;
    private static final int OFF_SROW_X = 280;
    private static final int OFF_MAGIC = 344;
    private static final int MAX_XFORM_CODE = 5;

    private final Path file;
    private final ByteBuffer buf;

    private NiftiHeaderParser(Path file, ByteBuffer buf) {
        this.file = file;
        this.buf = buf;
    }

    /**
     * The byte order sizeof_hdr reveals.
     *
     * @param first4 at least the first four bytes of the header
     */
    static ByteOrder byteOrder(Path file, byte[] first4, int available) throws SignalFormatException {
        if (available < 4) {
            throw new SignalFormatException(file, "sizeof_hdr", 0, "a 4-byte header size (348 for NIfTI-1)",
                    "a file of " + available + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(first4, 0, 4);
        int little = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        int big = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (little == NIFTI1_HEADER_SIZE) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        if (big == NIFTI1_HEADER_SIZE) {
            return ByteOrder.BIG_ENDIAN;
        }
        if (little == NIFTI2_HEADER_SIZE || big == NIFTI2_HEADER_SIZE) {
            throw new SignalFormatException(file, "sizeof_hdr", 0,
                    "348 (NIfTI-1); NIfTI-2 is not supported, convert it to NIfTI-1 first", "540 (NIfTI-2)");
        }
        throw new SignalFormatException(file, "sizeof_hdr", 0, "348 in either byte order (NIfTI-1)",
                little + " (little-endian) / " + big + " (big-endian)");
    }

    /**
     * Parses a complete header.
     *
     * @param raw        the first {@link #NIFTI1_HEADER_SIZE} bytes
     * @param dataFile   the file the voxels live in
     * @param pair       true when read from a .hdr (magic must be "ni1")
     * @param dataLength length of {@code dataFile} in bytes; for gzip the most its compressed length can
     *                   inflate to (see {@link #maxInflatedLength})
     */
    static NiftiHeader parse(Path file, byte[] raw, Path dataFile, boolean pair, boolean gzipped, long dataLength,
                             NiftiLimits limits) throws SignalFormatException {
        ByteOrder order = byteOrder(file, raw, raw.length);
        if (raw.length < NIFTI1_HEADER_SIZE) {
            throw new SignalFormatException(file, "header", raw.length, "a " + NIFTI1_HEADER_SIZE + "-byte NIfTI-1 header",
                    "only " + raw.length + " bytes");
        }
        return new NiftiHeaderParser(file, ByteBuffer.wrap(raw).order(order))
                .parse(order, dataFile, pair, gzipped, dataLength, limits);
    }

    private NiftiHeader parse(ByteOrder order, Path dataFile, boolean pair, boolean gzipped, long dataLength,
                              NiftiLimits limits) throws SignalFormatException {
        String magic = magic(pair);
        int dimCount = buf.getShort(OFF_DIM);
        if (dimCount < 1 || dimCount > 7) {
            throw error("dim[0]", OFF_DIM, "a dimension count in 1..7", Integer.toString(dimCount));
        }
        int[] dims = dims(dimCount);
        NiftiDataType type = dataType();
        double[] pixdim = new double[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = buf.getFloat(OFF_PIXDIM + 4 * i);
        }
        double[] voxel = spatialZooms(pixdim);
        int units = buf.get(OFF_XYZT_UNITS) & 0xFF;
        int spatialUnit = units & 0x07;
        int temporalUnit = units & 0x38;
        double mmPerUnit = switch (spatialUnit) {
            case 1 -> 1000.0;
            case 3 -> 0.001;
            default -> 1.0;
        };
        if (spatialUnit > 3) {
            throw error("xyzt_units", OFF_XYZT_UNITS, "a spatial unit code 0 (unknown), 1 (m), 2 (mm) or 3 (um)",
                    Integer.toString(spatialUnit));
        }
        long dataBytes = dataBytes(dims, type, limits);
        long voxOffset = voxOffset(pair, gzipped, dataBytes, dataLength, limits);
        double[] scaling = scaling();
        int qformCode = xformCode("qform_code", OFF_QFORM_CODE);
        int sformCode = xformCode("sform_code", OFF_SFORM_CODE);
        double[][] qform = qform(pixdim, voxel, qformCode > 0 && sformCode == 0);
        double[][] sform = sform(sformCode > 0);
        double[][] chosen;
        String source;
        if (sformCode > 0) {
            chosen = sform;
            source = "sform";
        } else if (qformCode > 0) {
            chosen = qform;
            source = "qform";
        } else {
            int[] shape = dimCount >= 3 ? dims : new int[] {dims[0], dimCount >= 2 ? dims[1] : 1, 1};
            chosen = NiftiAffine.fallback(shape, voxel);
            source = "fallback";
        }
        double[] voxelMm = {voxel[0] * mmPerUnit, voxel[1] * mmPerUnit, voxel[2] * mmPerUnit};
        double tr = repetitionSeconds(dimCount, pixdim[4], temporalUnit);
        return new NiftiHeader(file, dataFile, gzipped, order, magic, dimCount, dims, type, voxOffset, scaling[0],
                scaling[1], pixdim, spatialUnit, temporalUnit, qformCode, sformCode, qform, sform,
                NiftiAffine.scaled(chosen, mmPerUnit), source, voxelMm, tr, description());
    }

    private String magic(boolean pair) throws SignalFormatException {
        byte[] m = new byte[4];
        buf.get(OFF_MAGIC, m);
        String text = new String(m, StandardCharsets.ISO_8859_1);
        boolean single = "n+1\0".equals(text);
        boolean paired = "ni1\0".equals(text);
        if (!single && !paired) {
            throw error("magic", OFF_MAGIC, "\"n+1\" (single .nii) or \"ni1\" (.hdr/.img pair); Analyze 7.5 and "
                    + "other headers are not supported", printable(text));
        }
        if (pair && single) {
            throw error("magic", OFF_MAGIC, "\"ni1\" in a .hdr header (\"n+1\" marks a single .nii file)", "\"n+1\"");
        }
        if (!pair && paired) {
            throw error("magic", OFF_MAGIC, "\"n+1\" in a single-file image (\"ni1\" headers need their .img)",
                    "\"ni1\"");
        }
        return text.substring(0, 3);
    }

    private int[] dims(int dimCount) throws SignalFormatException {
        int[] dims = {1, 1, 1, 1};
        for (int i = 1; i <= dimCount; i++) {
            int d = buf.getShort(OFF_DIM + 2 * i);
            if (d < 1) {
                throw error("dim[" + i + "]", OFF_DIM + 2 * i, "a size >= 1", Integer.toString(d));
            }
            if (i <= 4) {
                dims[i - 1] = d;
            } else if (d != 1) {
                throw error("dim[" + i + "]", OFF_DIM + 2 * i,
                        "1 (only 3D and 4D images are supported; dims 5..7 must be 1)", Integer.toString(d));
            }
        }
        return dims;
    }

    private NiftiDataType dataType() throws SignalFormatException {
        int code = buf.getShort(OFF_DATATYPE);
        NiftiDataType type = NiftiDataType.ofCode(code);
        if (type == null) {
            String reason = NiftiDataType.unsupportedReason(code);
            throw error("datatype", OFF_DATATYPE, "a supported datatype code (2 uint8, 4 int16, 8 int32, 16 float32, "
                    + "64 float64, 256 int8, 512 uint16, 768 uint32, 1024 int64, 1280 uint64)",
                    code + (reason == null ? " (unknown)" : " (" + reason + ")"));
        }
        int bitpix = buf.getShort(OFF_BITPIX);
        if (bitpix != type.bitpix()) {
            throw error("bitpix", OFF_BITPIX, type.bitpix() + " for datatype " + type.name().toLowerCase(Locale.ROOT),
                    Integer.toString(bitpix));
        }
        return type;
    }

    /** nibabel reads negative pixdim[1..3] as their magnitude and zero as 1 (with a warning). */
    private double[] spatialZooms(double[] pixdim) throws SignalFormatException {
        double[] voxel = new double[3];
        for (int i = 0; i < 3; i++) {
            double p = pixdim[i + 1];
            if (!Double.isFinite(p)) {
                throw error("pixdim[" + (i + 1) + "]", OFF_PIXDIM + 4L * (i + 1), "a finite voxel size",
                        Double.toString(p));
            }
            voxel[i] = p == 0 ? 1.0 : Math.abs(p);
        }
        return voxel;
    }

    private long dataBytes(int[] dims, NiftiDataType type, NiftiLimits limits) throws SignalFormatException {
        long perVolume = (long) dims[0] * dims[1] * dims[2];
        long volumeBytes = perVolume * type.bytesPerVoxel();
        if (perVolume > NiftiLimits.MAX_ARRAY || volumeBytes > NiftiLimits.MAX_ARRAY) {
            throw error("dim[1..3]", OFF_DIM + 2, "one volume of at most " + NiftiLimits.MAX_ARRAY + " bytes",
                    dims[0] + "x" + dims[1] + "x" + dims[2] + " " + type.name().toLowerCase(Locale.ROOT) + " = "
                            + volumeBytes + " bytes");
        }
        long total = volumeBytes * dims[3];
        if (total > limits.maxDataBytes()) {
            throw error("dim", OFF_DIM, "an image of at most " + limits.maxDataBytes() + " bytes (reader limit)",
                    dims[0] + "x" + dims[1] + "x" + dims[2] + "x" + dims[3] + " = " + total + " bytes");
        }
        return total;
    }

    /**
     * Deflate cannot compress better than about 1032:1, so a gzip file of {@code compressed}
     * bytes cannot hold more than this; a header declaring more is refused before any allocation.
     */
    static long maxInflatedLength(long compressed) {
        return compressed > Long.MAX_VALUE / 1100 ? Long.MAX_VALUE : compressed * 1032 + 1024;
    }

    private long voxOffset(boolean pair, boolean gzipped, long dataBytes, long dataLength, NiftiLimits limits)
            throws SignalFormatException {
        double raw = buf.getFloat(OFF_VOX_OFFSET);
        if (!Double.isFinite(raw) || raw < 0 || raw != Math.rint(raw) || raw > limits.maxOffsetBytes()) {
            throw error("vox_offset", OFF_VOX_OFFSET, "a whole number of bytes in 0.." + limits.maxOffsetBytes(),
                    Double.toString(raw));
        }
        long offset = (long) raw;
        if (!pair) {
            // nifti1_io reads an unset (0) offset of a single file as "right after the header".
            if (offset == 0) {
                offset = SINGLE_FILE_MIN_OFFSET;
            } else if (offset < SINGLE_FILE_MIN_OFFSET) {
                throw error("vox_offset", OFF_VOX_OFFSET, "0 or >= " + SINGLE_FILE_MIN_OFFSET
                        + " in a single-file image (the data cannot overlap the header)", Long.toString(offset));
            }
        }
        if (offset + dataBytes > dataLength) {
            throw error("vox_offset", OFF_VOX_OFFSET, "the declared image (" + dataBytes + " bytes from byte " + offset
                    + ") to fit the data file (" + (gzipped ? "a gzip stream this size inflates to at most "
                    : "") + dataLength + " bytes)", "data ending at byte " + (offset + dataBytes));
        }
        return offset;
    }

    /** As nibabel: a slope of 0 or NaN/inf means "no scaling"; a usable slope needs a finite intercept. */
    private double[] scaling() throws SignalFormatException {
        double slope = buf.getFloat(OFF_SCL_SLOPE);
        double inter = buf.getFloat(OFF_SCL_INTER);
        if (slope == 0 || !Double.isFinite(slope)) {
            return new double[] {1, 0};
        }
        if (!Double.isFinite(inter)) {
            throw error("scl_inter", OFF_SCL_INTER, "a finite intercept with scl_slope " + slope, Double.toString(inter));
        }
        return new double[] {slope, inter};
    }

    private int xformCode(String field, int offset) throws SignalFormatException {
        int code = buf.getShort(offset);
        if (code < 0 || code > MAX_XFORM_CODE) {
            throw error(field, offset, "a transform code in 0.." + MAX_XFORM_CODE, Integer.toString(code));
        }
        return code;
    }

    /**
     * The qform as nibabel computes it; qfac (pixdim[0]) other than -1 counts as 1, as nibabel's
     * header fix and the NIfTI spec read it. Invalid quaternions only fail when the qform is used.
     */
    private double[][] qform(double[] pixdim, double[] voxel, boolean required) throws SignalFormatException {
        double b = buf.getFloat(OFF_QUATERN_B);
        double c = buf.getFloat(OFF_QUATERN_B + 4);
        double d = buf.getFloat(OFF_QUATERN_B + 8);
        double[] offset = {buf.getFloat(OFF_QOFFSET_X), buf.getFloat(OFF_QOFFSET_X + 4), buf.getFloat(OFF_QOFFSET_X + 8)};
        boolean finite = Double.isFinite(b) && Double.isFinite(c) && Double.isFinite(d)
                && Double.isFinite(offset[0]) && Double.isFinite(offset[1]) && Double.isFinite(offset[2]);
        double[][] q = finite ? NiftiAffine.qform(b, c, d, voxel, pixdim[0] == -1 ? -1 : 1, offset) : null;
        if (q == null && required) {
            throw error("quatern_b/c/d", OFF_QUATERN_B, "finite quaternion parameters with b^2+c^2+d^2 <= 1 and finite "
                    + "offsets (qform_code > 0 and no sform)", "(" + b + ", " + c + ", " + d + "), offsets ("
                    + offset[0] + ", " + offset[1] + ", " + offset[2] + ")");
        }
        return q;
    }

    private double[][] sform(boolean required) throws SignalFormatException {
        double[][] rows = new double[3][4];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                int at = OFF_SROW_X + 16 * r + 4 * c;
                rows[r][c] = buf.getFloat(at);
                if (required && !Double.isFinite(rows[r][c])) {
                    throw error("srow_" + "xyz".charAt(r) + "[" + c + "]", at, "a finite sform entry (sform_code > 0)",
                            Double.toString(rows[r][c]));
                }
            }
        }
        return NiftiAffine.sform(rows[0], rows[1], rows[2]);
    }

    /** TR from pixdim[4] when the 4th axis is time: s, ms and us convert; unknown units count as seconds. */
    private static double repetitionSeconds(int dimCount, double pixdim4, int temporalUnit) {
        if (dimCount < 4 || !(pixdim4 > 0) || !Double.isFinite(pixdim4)) {
            return Double.NaN;
        }
        return switch (temporalUnit) {
            case 0, 8 -> pixdim4;
            case 16 -> pixdim4 / 1000.0;
            case 24 -> pixdim4 / 1_000_000.0;
            default -> Double.NaN;
        };
    }

    private String description() {
        byte[] d = new byte[80];
        buf.get(OFF_DESCRIP, d);
        int end = 0;
        while (end < d.length && d[end] != 0) {
            end++;
        }
        return new String(d, 0, end, StandardCharsets.ISO_8859_1).trim();
    }

    private static String printable(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            if (ch >= 0x20 && ch < 0x7F) {
                sb.append(ch);
            } else {
                sb.append(String.format("\\x%02X", (int) ch));
            }
        }
        return sb.append('"').toString();
    }

    private SignalFormatException error(String field, long offset, String expected, String found) {
        return new SignalFormatException(file, field, offset, expected, found);
    }
}
