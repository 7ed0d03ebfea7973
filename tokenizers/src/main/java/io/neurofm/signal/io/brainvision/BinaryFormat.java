package io.neurofm.signal.io.brainvision;

import java.nio.ByteBuffer;

/** The sample encodings BrainVision's [Binary Infos] BinaryFormat names. */
enum BinaryFormat {
    INT_16(2),
    INT_32(4),
    IEEE_FLOAT_32(4);

    private final int bytes;

    BinaryFormat(int bytes) {
        this.bytes = bytes;
    }

    int bytes() {
        return bytes;
    }

    /** The value at an absolute index of a buffer whose byte order is already set. */
    double decode(ByteBuffer buffer, int index) {
        return switch (this) {
            case INT_16 -> buffer.getShort(index);
            case INT_32 -> buffer.getInt(index);
            case IEEE_FLOAT_32 -> buffer.getFloat(index);
        };
    }
}
