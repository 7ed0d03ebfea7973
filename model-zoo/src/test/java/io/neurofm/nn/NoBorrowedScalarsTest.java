package io.neurofm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Differentiable code must not multiply, divide or clamp by a Java number: DJL makes the number a
 * tensor over a Java buffer that the garbage collector frees while autograd still holds it, which
 * gave intermittent non-finite gradients (see {@code io.neurofm.tensor.Scalars}). The model code,
 * the GRU tokenizer's training and fine-tuning use {@code Scalars} instead.
 */
class NoBorrowedScalarsTest {
    static final Pattern NUMBER_OPERAND = Pattern.compile(
            "(?<!Math)\\.(mul|div|minimum|maximum|pow)\\(\\s*(\\((float|double)\\)\\s*)?(-?\\d|Math\\.|config\\.)");

    static List<String> offences(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).strip();
                    if (!code.startsWith("*") && !code.startsWith("//") && NUMBER_OPERAND.matcher(code).find()) {
                        found.add(root.relativize(f) + ":" + (i + 1) + ": " + code);
                    }
                }
            }
        }
        return found;
    }

    @Test
    void trainedCodeUsesOwnedScalars() throws IOException {
        List<String> found = new ArrayList<>();
        for (String root : List.of("src/main/java", "../tokenizers/src/main/java/io/neurofm/tokenize",
                "../finetune/src/main/java")) {
            Path dir = Path.of(root);
            if (Files.isDirectory(dir)) {
                found.addAll(offences(dir));
            }
        }
        assertEquals(List.of(), found, "arithmetic with a Java number on arrays (use io.neurofm.tensor.Scalars)");
    }

    @Test
    void thePatternCatchesTheFormsThatBroke() {
        for (String bad : List.of("q.div((float) Math.sqrt(d));", "x.mul(0.5)", "e.minimum(1f)",
                "s.mul(config.nspWeight())", "m.sum().maximum(1)")) {
            assertEquals(true, NUMBER_OPERAND.matcher(bad).find(), bad);
        }
        assertEquals(false, NUMBER_OPERAND.matcher("x.mul(mask)").find());
        assertEquals(false, NUMBER_OPERAND.matcher("double a = Math.pow(10, 2);").find(), "Java's own Math");
    }
}
