package io.neurofm.signal.io.fif;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.neurofm.signal.TestData;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The FIF files the tests read, and a tag walker for making hand-corrupted copies of them. */
final class FifTestFiles {
    static final String MEG = "meg/bti_exported4d_raw.fif";
    static final String EEG = "eeg/brainvision_converted_raw.fif";

    private FifTestFiles() {
    }

    static Path shared(String relative) {
        return TestData.file(relative);
    }

    /** A fixture written by tools/golden/make_fif_golden.py with MNE's own writer. */
    static Path fixture(String name) {
        URL url = FifTestFiles.class.getResource("/fif/" + name);
        assertNotNull(url, "fixture missing: /fif/" + name + " (run tools/golden/make_fif_golden.py)");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** A tag header found by walking the file from the start along the 'next' fields. */
    record Tag(int kind, int type, int size, int next, int pos) {
        int dataPos() {
            return pos + 16;
        }
    }

    static List<Tag> tags(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file);
        List<Tag> tags = new ArrayList<>();
        int pos = 0;
        while (pos + 16 <= file.length) {
            Tag tag = new Tag(b.getInt(pos), b.getInt(pos + 4), b.getInt(pos + 8), b.getInt(pos + 12), pos);
            tags.add(tag);
            if (tag.next() < 0) {
                break;
            }
            pos = tag.next() == 0 ? pos + 16 + tag.size() : tag.next();
        }
        return tags;
    }

    static Tag first(byte[] file, int kind) {
        return tags(file).stream().filter(t -> t.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no tag of kind " + kind));
    }

    static List<Tag> all(byte[] file, int kind) {
        return tags(file).stream().filter(t -> t.kind() == kind).toList();
    }

    static void putInt(byte[] file, int pos, int value) {
        ByteBuffer.wrap(file).putInt(pos, value);
    }

    static int getInt(byte[] file, int pos) {
        return ByteBuffer.wrap(file).getInt(pos);
    }
}
