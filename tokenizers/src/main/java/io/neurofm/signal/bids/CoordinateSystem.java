package io.neurofm.signal.bids;

import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * The units and name of the coordinate system electrode positions are given in, from a
 * {@code _coordsystem.json} ({@code EEGCoordinateUnits}/{@code EEGCoordinateSystem}, or the
 * {@code iEEG} keys for iEEG data). Only m, cm and mm can be turned into metres.
 */
public record CoordinateSystem(Path file, String system, String units, double metresPerUnit) {
    public static CoordinateSystem read(Path file, String datatype) throws IOException {
        JsonNode json = SidecarJson.parse(file);
        String prefix = datatype.equals("ieeg") ? "iEEG" : "EEG";
        String unitsKey = prefix + "CoordinateUnits";
        JsonNode units = json.get(unitsKey);
        if (units == null || !units.isString()) {
            throw new SignalFormatException(file, unitsKey, -1, "\"m\", \"cm\" or \"mm\"",
                    units == null ? "no such key" : units.toString());
        }
        double factor = switch (units.stringValue()) {
            case "m" -> 1.0;
            case "cm" -> 0.01;
            case "mm" -> 0.001;
            default -> throw new SignalFormatException(file, unitsKey, -1,
                    "\"m\", \"cm\" or \"mm\" (positions in other units cannot be given in metres)",
                    "\"" + units.stringValue() + "\"");
        };
        JsonNode system = json.get(prefix + "CoordinateSystem");
        return new CoordinateSystem(file, system != null && system.isString() ? system.stringValue() : "n/a",
                units.stringValue(), factor);
    }
}
