"""A plain-numpy safetensors writer and strict parser, independent of the Java implementation.

Format: 8-byte little-endian header length N, N bytes of UTF-8 JSON mapping each tensor name to
{"dtype", "shape", "data_offsets": [begin, end]} (begin/end relative to the data section, plus an
optional "__metadata__" string map), then the raw little-endian tensor bytes.
"""
import json
import struct
from collections import OrderedDict

import numpy as np

DTYPES = {
    "F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4",
    "I8": "i1", "U8": "u1", "BOOL": "?",
}
NAMES = {np.dtype(v).str: k for k, v in DTYPES.items()}
METADATA = "__metadata__"


def write(path, tensors, metadata=None):
    """tensors: ordered mapping name -> numpy array. Header padded so the data is 8-byte aligned."""
    header = OrderedDict()
    if metadata:
        header[METADATA] = dict(metadata)
    blobs = []
    offset = 0
    for name, array in tensors.items():
        array = np.ascontiguousarray(array)
        dtype = NAMES[array.dtype.newbyteorder("<").str]
        data = array.astype(DTYPES[dtype], copy=False).tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for data in blobs:
            f.write(data)


def read(path):
    """Returns (OrderedDict name -> numpy array in header order, metadata dict).

    Validates like the reference implementation: header length within the file, known dtypes,
    offsets matching shape * itemsize, tensors tiling the data section without gaps or overlaps.
    BF16 is widened to float32.
    """
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        raise ValueError("%s: shorter than the 8-byte header length" % path)
    (n,) = struct.unpack("<Q", blob[:8])
    if n == 0 or n > len(blob) - 8:
        raise ValueError("%s: header length %d outside the file (%d bytes)" % (path, n, len(blob)))
    header = json.loads(blob[8:8 + n].decode("utf-8"), object_pairs_hook=OrderedDict)
    data = memoryview(blob)[8 + n:]
    metadata = header.pop(METADATA, {})
    spans = []
    tensors = OrderedDict()
    for name, info in header.items():
        dtype, shape, (begin, end) = info["dtype"], info["shape"], info["data_offsets"]
        itemsize = 2 if dtype == "BF16" else np.dtype(DTYPES[dtype]).itemsize
        count = int(np.prod(shape, dtype=np.int64)) if shape else 1
        if end - begin != count * itemsize:
            raise ValueError("%s: %s spans %d bytes, shape %s needs %d"
                             % (path, name, end - begin, shape, count * itemsize))
        spans.append((begin, end, name))
        raw = data[begin:end]
        if dtype == "BF16":
            bits = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
            array = bits.view(np.float32)
        else:
            array = np.frombuffer(raw, dtype=DTYPES[dtype])
        tensors[name] = array.reshape(shape).copy()
    position = 0
    for begin, end, name in sorted(spans):
        if begin != position:
            raise ValueError("%s: %s starts at %d, expected %d" % (path, name, begin, position))
        position = end
    if position != len(data):
        raise ValueError("%s: tensors cover %d bytes, data section has %d"
                         % (path, position, len(data)))
    return tensors, metadata
