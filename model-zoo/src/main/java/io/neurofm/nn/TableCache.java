package io.neurofm.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;

/**
 * Constant per-length tables (causal masks, rotary cos/sin) built once per (table kind, device,
 * data type) and shared by every block and thread.
 *
 * <p>A table is built for a capacity, and a request for a shorter length gets a slice (a view
 * attached to the caller's manager). When a longer length arrives the capacity at least doubles,
 * so a sequence that grows one step at a time costs O(log T) rebuilds. Replaced tables are kept
 * (never closed) because another thread may still be using them; with doubling their total size
 * stays below half of the live table's (quadratic tables) or equal to it (linear tables).
 */
final class TableCache {
    /** Fills a table able to serve every length up to {@code capacity}. */
    interface Builder {
        NDArray build(NDManager manager, DataType type, long capacity);
    }

    /** Cuts a table of the given capacity down to {@code length}, attached to {@code manager}. */
    interface Slicer {
        NDArray slice(NDArray table, NDManager manager, long length);
    }

    private record Key(Object kind, Device device, DataType type) {}

    private record Entry(NDArray table, long capacity) {}

    private static final Map<Key, Entry> TABLES = new HashMap<>();
    private static final Map<Device, NDManager> MANAGERS = new HashMap<>();

    private TableCache() {}

    /**
     * The table of {@code kind} for {@code length}, on the device and in the type of {@code like}.
     * The returned array must not be closed by the caller.
     */
    static NDArray lookup(Object kind, NDArray like, long length, Builder builder, Slicer slicer) {
        Entry entry;
        synchronized (TableCache.class) {
            Key key = new Key(kind, like.getDevice(), like.getDataType());
            entry = TABLES.get(key);
            if (entry == null || entry.capacity() < length) {
                long capacity = entry == null ? length : Math.max(length, 2 * entry.capacity());
                NDManager manager = MANAGERS.computeIfAbsent(like.getDevice(), NDManager::newBaseManager);
                NDArray table = builder.build(manager, like.getDataType(), capacity);
                // A user's NDScope would otherwise close the shared table when it ends.
                NDScope.unregister(table);
                entry = new Entry(table, capacity);
                TABLES.put(key, entry);
            }
        }
        return entry.capacity() == length
                ? entry.table()
                : slicer.slice(entry.table(), like.getManager(), length);
    }

    /** An array of {@code type} from values computed in double precision. */
    static NDArray create(NDManager manager, double[] values, Shape shape, DataType type) {
        if (type == DataType.FLOAT64) {
            return manager.create(values, shape);
        }
        float[] single = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            single[i] = (float) values[i];
        }
        NDArray array = manager.create(single, shape);
        if (type == DataType.FLOAT32) {
            return array;
        }
        NDArray converted = array.toType(type, false);
        array.close();
        return converted;
    }
}
