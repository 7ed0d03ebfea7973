package io.neurofm.pretrain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Channel and session ids of a corpus, from its manifest: a channel's id is its index among the
 * distinct channel names in order of first appearance (sources in manifest order, channels in
 * recording order); a session's id is the source's index (one recording = one session).
 *
 * @param channels  channel names by id
 * @param sourceChannels per source index, the channel id of each of its rows
 */
public record CorpusVocabulary(List<String> channels, List<int[]> sourceChannels) {
    public CorpusVocabulary {
        channels = List.copyOf(channels);
        sourceChannels = List.copyOf(sourceChannels);
    }

    public static CorpusVocabulary of(JsonNode manifest) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        List<int[]> perSource = new ArrayList<>();
        JsonNode sources = manifest.get("sources");
        for (int s = 0; s < sources.size(); s++) {
            JsonNode source = sources.get(s);
            if (source.get("index").asInt() != s) {
                throw new IllegalArgumentException("corpus manifest source " + s + " has index "
                        + source.get("index").asInt());
            }
            JsonNode names = source.get("channels");
            int[] rows = new int[names.size()];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = ids.computeIfAbsent(names.get(r).asString(), n -> ids.size());
            }
            perSource.add(rows);
        }
        return new CorpusVocabulary(new ArrayList<>(ids.keySet()), perSource);
    }

    public int sessions() {
        return sourceChannels.size();
    }
}
