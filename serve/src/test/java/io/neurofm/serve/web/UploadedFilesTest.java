package io.neurofm.serve.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class UploadedFilesTest {
    @Test
    void onlyTheLongestSupportedEndingIsKept() {
        assertEquals(".edf", UploadedFiles.supportedEnding("../../etc/S001R01.EDF"));
        assertEquals("_raw.fif", UploadedFiles.supportedEnding("sub-01_raw.fif"));
        assertEquals(".bdf", UploadedFiles.supportedEnding("C:\\data\\x.bdf"));
        assertNull(UploadedFiles.supportedEnding("notes.txt"));
        assertNull(UploadedFiles.supportedEnding(null));
    }

    @Test
    void displayNamesLoseTheirFolders() {
        assertEquals("x.edf", UploadedFiles.displayName("../../x.edf"));
        assertEquals("x.bdf", UploadedFiles.displayName("C:\\data\\x.bdf"));
        assertEquals("upload", UploadedFiles.displayName(" "));
    }
}
