package io.neurofm.tokenize;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Position;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The channels a tokenizer was fitted on (name, type, unit), in first-seen order: windows may
 * hold any subset of them in any order, and decoding restores their types and units.
 */
record ChannelTable(List<String> names, List<ChannelType> types, List<String> units) {
    ChannelTable {
        names = List.copyOf(names);
        types = List.copyOf(types);
        units = List.copyOf(units);
    }

    /** The union of the training recordings' channels; a name must keep its type across them. */
    static ChannelTable union(List<Recording> recordings) throws SignalException {
        Map<String, Channel> seen = new LinkedHashMap<>();
        for (Recording r : recordings) {
            for (Channel c : r.channels()) {
                Channel before = seen.putIfAbsent(c.name(), c);
                if (before != null && (before.type() != c.type() || !before.unit().equals(c.unit()))) {
                    throw new SignalException(null, "channel " + c.name() + " is " + before.type() + " in "
                            + before.unit() + " in one training recording and " + c.type() + " in " + c.unit()
                            + " in another");
                }
            }
        }
        return new ChannelTable(seen.keySet().stream().toList(), seen.values().stream().map(Channel::type).toList(),
                seen.values().stream().map(Channel::unit).toList());
    }

    int size() {
        return names.size();
    }

    int indexOf(String name) {
        return names.indexOf(name);
    }

    /** For each channel of the window, its index here; refuses channels this tokenizer was not fitted on. */
    int[] rowsOf(Recording window, String type) throws SignalException {
        int[] rows = new int[window.channelCount()];
        List<String> unknown = new ArrayList<>();
        for (int c = 0; c < rows.length; c++) {
            rows[c] = indexOf(window.channel(c).name());
            if (rows[c] < 0) {
                unknown.add(window.channel(c).name());
            }
        }
        if (!unknown.isEmpty()) {
            throw new SignalException(null, "the " + type + " tokenizer was not fitted on channels " + unknown
                    + "; it knows " + names);
        }
        return rows;
    }

    /** Same as {@link #rowsOf(Recording, String)} for the rows of tokens. */
    int[] rowsOf(List<String> channels, String type) throws SignalException {
        int[] rows = new int[channels.size()];
        for (int c = 0; c < rows.length; c++) {
            rows[c] = indexOf(channels.get(c));
            if (rows[c] < 0) {
                throw new SignalException(null, "the " + type + " tokenizer was not fitted on channel "
                        + channels.get(c) + "; it knows " + names);
            }
        }
        return rows;
    }

    Channel channel(int index, double rate, Position position) {
        return new Channel(names.get(index), types.get(index), units.get(index), rate, position);
    }

    void write(ObjectNode config) {
        StateFields.array(config, "channels", names);
        StateFields.array(config, "channel_types", types.stream().map(Enum::name).toList());
        StateFields.array(config, "channel_units", units);
    }

    static ChannelTable read(StateFields fields) {
        List<String> names = fields.names("channels");
        List<String> typeNames = fieldList(fields, "channel_types", names.size());
        List<String> units = fieldList(fields, "channel_units", names.size());
        List<ChannelType> types = new ArrayList<>();
        for (String t : typeNames) {
            try {
                types.add(ChannelType.valueOf(t));
            } catch (IllegalArgumentException e) {
                throw new InvalidStateException("config.channel_types", "one of " + Arrays.toString(ChannelType.values()),
                        "\"" + t + "\"");
            }
        }
        return new ChannelTable(names, types, units);
    }

    private static List<String> fieldList(StateFields fields, String name, int size) {
        List<String> values = fields.strings(name);
        if (values.size() != size) {
            throw new InvalidStateException("config." + name, size + " entries, one per channel",
                    values.size() + " entries");
        }
        return values;
    }
}
