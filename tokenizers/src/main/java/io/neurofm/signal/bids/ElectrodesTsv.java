package io.neurofm.signal.bids;

import io.neurofm.signal.Position;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code _electrodes.tsv} with positions converted to metres by the coordinate system's
 * units. An electrode whose x, y and z are all n/a has no position; partly missing coordinates
 * are an error. Positions stay in the file's coordinate system (no transform to head coordinates).
 */
public record ElectrodesTsv(Path file, CoordinateSystem coordinates, Map<String, Position> positions) {
    public ElectrodesTsv {
        positions = Collections.unmodifiableMap(new LinkedHashMap<>(positions));
    }

    public static ElectrodesTsv read(Path file, CoordinateSystem coordinates) throws IOException {
        TsvTable t = TsvTable.read(file);
        t.require("name", "x", "y", "z");
        Map<String, Position> positions = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        double k = coordinates.metresPerUnit();
        for (int r = 0; r < t.rowCount(); r++) {
            String name = t.requiredText(r, "name");
            Integer earlier = seen.putIfAbsent(name, t.line(r));
            if (earlier != null) {
                throw t.cellError(r, "name", "an electrode not listed before", "\"" + name + "\" (also on line "
                        + earlier + ")");
            }
            Double x = t.number(r, "x");
            Double y = t.number(r, "y");
            Double z = t.number(r, "z");
            if (x == null && y == null && z == null) {
                continue;
            }
            for (String axis : new String[] {"x", "y", "z"}) {
                t.requiredNumber(r, axis);
            }
            positions.put(name, new Position(x * k, y * k, z * k));
        }
        return new ElectrodesTsv(file, coordinates, positions);
    }
}
