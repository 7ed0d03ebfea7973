package io.neurofm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * THE resume test: a training process killed with SIGKILL at a random moment after its first
 * checkpoint, then resumed, ends with weights and optimizer state bit-identical to a run never
 * interrupted. Both run in child JVMs with one libtorch thread (OMP_NUM_THREADS=1 and DJL's
 * thread properties), so reductions sum in the same order in every process.
 */
class KillResumeTest {
    private static final long STEPS = 30;
    private static final int EVERY = 5;
    private static final long PAUSE_MS = 20;

    @Test
    void killedAndResumedRunEndsBitIdenticalToAnUninterruptedOne(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        Path killed = dir.resolve("killed");
        Process reference = child("fit", straight);
        Process victim = child("fit", killed);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Checkpoints.latest(killed).isEmpty()) {
            assertTrue(victim.isAlive(), "the child died before its first checkpoint: " + output(victim));
            assertTrue(System.nanoTime() < deadline, "no checkpoint after 60 s");
            Thread.sleep(5);
        }
        long delay = ThreadLocalRandom.current().nextLong(0, 300);
        Thread.sleep(delay);
        assertTrue(victim.isAlive(), "the child finished before it could be killed (delay " + delay + " ms)");
        victim.destroyForcibly();
        assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, victim.exitValue(), "killed by SIGKILL");
        long killedAt = Checkpoints.stepOf(Checkpoints.latest(killed).orElseThrow());
        assertTrue(killedAt < STEPS, "killed before the end, last checkpoint " + killedAt + " (delay " + delay + " ms)");

        Process resume = child("resume", killed);
        assertTrue(resume.waitFor(120, TimeUnit.SECONDS), "resume timed out");
        assertEquals(0, resume.exitValue(), output(resume));
        assertTrue(reference.waitFor(120, TimeUnit.SECONDS), "reference timed out");
        assertEquals(0, reference.exitValue(), output(reference));

        Path a = straight.resolve("checkpoints").resolve(Checkpoints.name(STEPS));
        Path b = killed.resolve("checkpoints").resolve(Checkpoints.name(STEPS));
        assertArrayEquals(Files.readAllBytes(a.resolve("model.safetensors")),
                Files.readAllBytes(b.resolve("model.safetensors")), "final weights (killed after checkpoint "
                        + killedAt + ", delay " + delay + " ms)");
        assertArrayEquals(Files.readAllBytes(a.resolve("optimizer.safetensors")),
                Files.readAllBytes(b.resolve("optimizer.safetensors")), "optimizer moments");
        List<JsonNode> x = TrainerTest.metricLines(straight.resolve("metrics.jsonl"));
        List<JsonNode> y = TrainerTest.metricLines(killed.resolve("metrics.jsonl"));
        assertEquals(STEPS, y.size(), "one metrics line per step, none repeated after the resume");
        for (int i = 0; i < STEPS; i++) {
            for (String field : List.of("step", "loss", "lr", "grad_norm")) {
                assertEquals(x.get(i).get(field).asDouble(), y.get(i).get(field).asDouble(), 0,
                        field + " of line " + i);
            }
        }
        assertFalse(Files.list(killed.resolve("checkpoints")).anyMatch(p -> p.getFileName().toString()
                .startsWith(".tmp")), "no half-written checkpoint left");
    }

    private static Process child(String mode, Path run) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Dai.djl.pytorch.num_threads=1");
        command.add("-Dai.djl.pytorch.num_interop_threads=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TrainJobMain.class.getName());
        command.addAll(List.of(mode, run.toString(), Long.toString(STEPS), Integer.toString(EVERY),
                Long.toString(PAUSE_MS)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(run.resolveSibling(run.getFileName() + "-" + mode + ".log").toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.environment().put("MKL_NUM_THREADS", "1");
        builder.environment().put("DJL_OFFLINE", "true");
        Files.createDirectories(run);
        Process p = builder.start();
        return p;
    }

    private static String output(Process p) {
        return "see the child log beside the run directory (pid " + p.pid() + ")";
    }
}
