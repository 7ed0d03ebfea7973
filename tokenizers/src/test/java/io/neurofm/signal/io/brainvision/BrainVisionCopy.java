package io.neurofm.signal.io.brainvision;

import io.neurofm.signal.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A copy of the shared test.vhdr/.vmrk/.eeg in a scratch folder, for hand-made variants. */
final class BrainVisionCopy {
    final Path vhdr;
    final Path vmrk;
    final Path eeg;

    BrainVisionCopy(Path dir) throws IOException {
        vhdr = Files.copy(TestData.file("eeg/test.vhdr"), dir.resolve("test.vhdr"), StandardCopyOption.REPLACE_EXISTING);
        vmrk = Files.copy(TestData.file("eeg/test.vmrk"), dir.resolve("test.vmrk"), StandardCopyOption.REPLACE_EXISTING);
        eeg = Files.copy(TestData.file("eeg/test.eeg"), dir.resolve("test.eeg"), StandardCopyOption.REPLACE_EXISTING);
    }

    static String text(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** Replaces one exact occurrence in the header (fails if the text is not there, so edits cannot silently miss). */
    BrainVisionCopy editHeader(String from, String to) throws IOException {
        edit(vhdr, from, to);
        return this;
    }

    BrainVisionCopy editMarkers(String from, String to) throws IOException {
        edit(vmrk, from, to);
        return this;
    }

    private static void edit(Path p, String from, String to) throws IOException {
        String t = text(p);
        if (!t.contains(from)) {
            throw new AssertionError(p + " does not contain " + from);
        }
        Files.writeString(p, t.replace(from, to), StandardCharsets.UTF_8);
    }
}
