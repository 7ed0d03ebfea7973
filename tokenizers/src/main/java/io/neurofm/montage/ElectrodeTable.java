package io.neurofm.montage;

import io.neurofm.signal.Position;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The bundled fact table standard_electrodes.tsv (written by tools/golden/make_montage_table.py
 * from MNE-Python's standard_1005/standard_1020 montages), loaded once.
 */
final class ElectrodeTable {
    static final String RESOURCE = "standard_electrodes.tsv";

    private static final class Holder {
        static final ElectrodeTable INSTANCE = load();
    }

    private final List<Electrode> electrodes;
    private final Map<String, Electrode> byFoldedName;

    private ElectrodeTable(List<Electrode> electrodes) {
        this.electrodes = List.copyOf(electrodes);
        Map<String, Electrode> map = new LinkedHashMap<>();
        for (Electrode e : electrodes) {
            if (map.put(fold(e.name()), e) != null) {
                throw new IllegalStateException(RESOURCE + ": two electrodes named " + e.name() + " ignoring case");
            }
        }
        this.byFoldedName = map;
    }

    static ElectrodeTable get() {
        return Holder.INSTANCE;
    }

    List<Electrode> electrodes() {
        return electrodes;
    }

    /** Case-insensitive lookup of an exact electrode name. */
    Optional<Electrode> find(String name) {
        return Optional.ofNullable(byFoldedName.get(fold(name)));
    }

    static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static ElectrodeTable load() {
        try (InputStream in = ElectrodeTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource io/neurofm/montage/" + RESOURCE + " is missing from the jar");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read io/neurofm/montage/" + RESOURCE, e);
        }
    }

    // The resource ships with the code, so a malformed line is a build defect: fail loudly.
    private static ElectrodeTable parse(BufferedReader reader) throws IOException {
        List<Electrode> rows = new ArrayList<>();
        boolean header = true;
        int lineNumber = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            lineNumber++;
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (header) {
                if (!String.join("\t", cells).equals("name\tx\ty\tz\tsystems\tsame_as")) {
                    throw new IllegalStateException(RESOURCE + " line " + lineNumber + ": unexpected header " + line);
                }
                header = false;
                continue;
            }
            if (cells.length != 6) {
                throw new IllegalStateException(RESOURCE + " line " + lineNumber + ": expected 6 cells, got " + line);
            }
            EnumSet<StandardMontage> systems = EnumSet.noneOf(StandardMontage.class);
            for (String label : cells[4].split(",")) {
                systems.add(StandardMontage.byLabel(label));
            }
            Position position = new Position(Double.parseDouble(cells[1]), Double.parseDouble(cells[2]),
                    Double.parseDouble(cells[3]));
            rows.add(new Electrode(cells[0], position, systems, cells[5].isEmpty() ? null : cells[5]));
        }
        return new ElectrodeTable(rows);
    }
}
