package io.neurofm.signal.io.npy;

/** The NumPy element types this package reads and writes (descr kind + size, byte order apart). */
public enum NpyDtype {
    BOOL('b', 1),
    UINT8('u', 1),
    INT16('i', 2),
    INT32('i', 4),
    INT64('i', 8),
    FLOAT32('f', 4),
    FLOAT64('f', 8);

    private final char kind;
    private final int size;

    NpyDtype(char kind, int size) {
        this.kind = kind;
        this.size = size;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** The type for a descr without its byte-order character ("f4", "b1"), or null if unsupported. */
    static NpyDtype forCode(String code) {
        for (NpyDtype d : values()) {
            if (code.equals(d.code())) {
                return d;
            }
        }
        return null;
    }

    /** "f4", "i8", "b1", ... */
    String code() {
        return String.valueOf(kind) + size;
    }

    /** The descr numpy writes for this type in little-endian order: "&lt;f4", "|u1". */
    String littleEndianDescr() {
        return (size == 1 ? "|" : "<") + code();
    }
}
