package io.neurofm.montage;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.List;

/** Small recordings for tests: named EEG channels, given or counting samples. */
final class TestRecordings {
    private TestRecordings() {
    }

    static Recording eeg(List<String> names, float[][] samples, double rate) {
        List<Channel> channels = new ArrayList<>();
        for (String name : names) {
            channels.add(Channel.of(name, ChannelType.EEG, rate));
        }
        return new Recording(channels, samples, rate, List.of(), RecordingIds.NONE, null, 0,
                List.of(Transform.of("read", "file", "test", "format", "test")));
    }

    /** Channel c holds c*1000 + sample index, so any reordering or mix-up shows. */
    static Recording counting(List<String> names, int length) {
        float[][] samples = new float[names.size()][length];
        for (int c = 0; c < names.size(); c++) {
            for (int i = 0; i < length; i++) {
                samples[c][i] = c * 1000 + i;
            }
        }
        return eeg(names, samples, 100);
    }
}
