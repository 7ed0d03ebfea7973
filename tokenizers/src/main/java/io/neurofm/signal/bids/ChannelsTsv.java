package io.neurofm.signal.bids;

import io.neurofm.signal.ChannelType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code _channels.tsv}: name, type and units are required; sampling_frequency and status
 * are read when present. Types must be BIDS types; units of data channels must measure what
 * the type measures (an EEG channel in "fT" is refused).
 */
public record ChannelsTsv(Path file, List<Row> rows) {
    /**
     * One channel as the table describes it.
     *
     * @param units             as written, null for n/a
     * @param samplingFrequency Hz, null when absent or n/a
     * @param status            "good", "bad" or null
     */
    public record Row(String name, String bidsType, ChannelType type, String units, Double samplingFrequency,
                      String status, int line) {
    }

    public ChannelsTsv {
        rows = List.copyOf(rows);
    }

    public static ChannelsTsv read(Path file) throws IOException {
        TsvTable t = TsvTable.read(file);
        t.require("name", "type", "units");
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            String name = t.requiredText(r, "name");
            Integer earlier = seen.putIfAbsent(name, t.line(r));
            if (earlier != null) {
                throw t.cellError(r, "name", "a channel name not listed before", "\"" + name + "\" (also on line "
                        + earlier + ")");
            }
            String bidsType = t.requiredText(r, "type");
            ChannelType type = BidsChannelTypes.of(bidsType);
            if (type == null) {
                throw t.cellError(r, "type", "a BIDS channel type (" + BidsChannelTypes.known() + ")",
                        "\"" + bidsType + "\"");
            }
            String units = t.text(r, "units");
            if (units != null && type.isData()) {
                String base = BidsChannelTypes.siBase(units);
                if (!type.siUnit().equals(base)) {
                    throw t.cellError(r, "units", "a unit of " + type.siUnit() + " for a " + bidsType + " channel",
                            "\"" + units + "\"");
                }
            }
            Double rate = t.number(r, "sampling_frequency");
            if (rate != null && !(rate > 0)) {
                throw t.cellError(r, "sampling_frequency", "a positive rate in Hz or n/a", rate.toString());
            }
            String status = t.text(r, "status");
            if (status != null && !status.equals("good") && !status.equals("bad")) {
                throw t.cellError(r, "status", "good, bad or n/a", "\"" + status + "\"");
            }
            rows.add(new Row(name, bidsType, type, units, rate, status, t.line(r)));
        }
        return new ChannelsTsv(file, rows);
    }

    /** The row of a channel, or null. */
    public Row row(String name) {
        for (Row r : rows) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** Names of the channels marked bad, in table order. */
    public List<String> bad() {
        return rows.stream().filter(r -> "bad".equals(r.status())).map(Row::name).toList();
    }
}
