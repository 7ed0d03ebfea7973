package io.neurofm.signal.io.fif;

import io.neurofm.signal.SignalFormatException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One FIFF_CH_INFO struct (96 bytes): scanNo, logNo, kind, range, cal, coil_type, loc[12],
 * unit, unit_mul, ch_name[16].
 *
 * @param range   conversion from the stored number to the acquisition output
 * @param cal     conversion from that output to the unit; a sample is stored * range * cal
 * @param loc     sensor location: [0..2] position in metres, [3..11] orientation / reference
 * @param unitMul power-of-ten exponent of the unit; MNE does not apply it (nor do we), see fif.md
 */
record FifChannelInfo(int scanNo, int logNo, int kind, float range, float cal, int coilType, float[] loc,
                      int unit, int unitMul, String name) {
    static final int BYTES = 96;
    static final int NAME_BYTES = 16;

    static FifChannelInfo parse(ByteBuffer b, Path file, long offset) throws SignalFormatException {
        int scanNo = b.getInt();
        int logNo = b.getInt();
        int kind = b.getInt();
        float range = b.getFloat();
        float cal = b.getFloat();
        int coilType = b.getInt();
        float[] loc = new float[12];
        for (int i = 0; i < loc.length; i++) {
            loc[i] = b.getFloat();
        }
        int unit = b.getInt();
        int unitMul = b.getInt();
        byte[] raw = new byte[NAME_BYTES];
        b.get(raw);
        String name = decodeName(raw, file, offset + BYTES - NAME_BYTES);
        return new FifChannelInfo(scanNo, logNo, kind, range, cal, coilType, loc, unit, unitMul, name);
    }

    /** The name up to the first NUL, UTF-8 (MNE decodes it so and fails on invalid bytes too). */
    static String decodeName(byte[] raw, Path file, long offset) throws SignalFormatException {
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return utf8(raw, end, file, "channel name", offset);
    }

    static String utf8(byte[] raw, int len, Path file, String field, long offset) throws SignalFormatException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw, 0, len));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new SignalFormatException(file, field, offset, "UTF-8 text", "invalid bytes", e);
        }
    }

    /** range * cal in double, the factor MNE multiplies stored samples by. */
    double calibration() {
        return (double) range * (double) cal;
    }

    FifChannelInfo withName(String newName) {
        return new FifChannelInfo(scanNo, logNo, kind, range, cal, coilType, loc, unit, unitMul, newName);
    }

    FifChannelInfo withKind(int newKind) {
        return new FifChannelInfo(scanNo, logNo, newKind, range, cal, coilType, loc, unit, unitMul, name);
    }

    FifChannelInfo withRange(float newRange) {
        return new FifChannelInfo(scanNo, logNo, kind, newRange, cal, coilType, loc, unit, unitMul, name);
    }

    FifChannelInfo withCal(float newCal) {
        return new FifChannelInfo(scanNo, logNo, kind, range, newCal, coilType, loc, unit, unitMul, name);
    }

    FifChannelInfo withCoilType(int newCoilType) {
        return new FifChannelInfo(scanNo, logNo, kind, range, cal, newCoilType, loc, unit, unitMul, name);
    }

    FifChannelInfo withLoc(float[] newLoc) {
        return new FifChannelInfo(scanNo, logNo, kind, range, cal, coilType, newLoc, unit, unitMul, name);
    }

    FifChannelInfo withUnit(int newUnit) {
        return new FifChannelInfo(scanNo, logNo, kind, range, cal, coilType, loc, newUnit, unitMul, name);
    }

    FifChannelInfo withUnitMul(int newUnitMul) {
        return new FifChannelInfo(scanNo, logNo, kind, range, cal, coilType, loc, unit, newUnitMul, name);
    }
}
