package io.neurofm.signal.io.brainvision;

import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the text files of a BrainVision set (.vhdr, .vmrk) the way MNE decodes them. */
final class TextFiles {
    /** Headers and marker files are a few kilobytes; anything this large is not one. */
    static final long MAX_TEXT_BYTES = 64L << 20;

    private static final Pattern CODEPAGE = Pattern.compile("(?im)^\\s*Codepage\\s*=\\s*(\\S+)\\s*$");

    private TextFiles() {
    }

    /**
     * The file's text, decoded with its Codepage setting (UTF-8 when absent, "ANSI" meaning
     * Windows-1252) and falling back to Latin-1 when the bytes are not valid in that codepage,
     * which is how older recorders wrote their files.
     */
    static String read(Path file) throws IOException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_TEXT_BYTES) {
                throw new SignalFormatException(file, null, -1, "a text file of at most " + MAX_TEXT_BYTES
                        + " bytes", size + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SignalException(file, "file not found", e);
        }
        String ascii = new String(bytes, StandardCharsets.US_ASCII);
        Matcher m = CODEPAGE.matcher(ascii);
        Charset charset = StandardCharsets.UTF_8;
        if (m.find()) {
            charset = charsetFor(file, m.group(1));
        }
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static Charset charsetFor(Path file, String name) throws SignalFormatException {
        if (name.equalsIgnoreCase("ANSI")) {
            return Charset.forName("windows-1252");
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new SignalFormatException(file, "Codepage", -1, "UTF-8, ANSI or another known character set",
                    "\"" + name + "\"");
        }
    }

    /** Lines without their terminators; \r\n, \n and \r all end a line. */
    static List<String> lines(String text) {
        return text.lines().toList();
    }

    /** Quotes a found value for an error message, shortened so a binary blob cannot flood it. */
    static String quote(String value) {
        String v = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return "\"" + v + "\"";
    }
}
