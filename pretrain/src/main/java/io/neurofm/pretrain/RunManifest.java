package io.neurofm.pretrain;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** run.json: what a pretraining run was made from, enough to repeat it. */
final class RunManifest {
    private RunManifest() {
    }

    static ObjectNode of(PretrainJobConfig config, List<PreparedRun.InputRecord> sources, long splitSeed,
            Object modelConfig, long seed, List<TrainingPhase.Result> results, String registered) {
        ObjectNode root = PretrainJobConfig.JSON.createObjectNode();
        root.put("format", "neurofm-pretrain-run");
        root.put("version", 1);
        root.set("job", config.toJson());
        root.set("model", PretrainJobConfig.JSON.valueToTree(modelConfig));
        root.put("git_commit", gitCommit());
        ArrayNode inputs = root.putArray("inputs");
        for (PreparedRun.InputRecord source : sources) {
            ObjectNode in = inputs.addObject();
            in.put("path", source.path());
            in.set("sha256", PretrainJobConfig.JSON.valueToTree(source.sha256()));
            in.put("split", source.split());
        }
        ObjectNode seeds = root.putObject("seeds");
        seeds.put("training", seed);
        seeds.put("split", splitSeed);
        ObjectNode versions = root.putObject("versions");
        versions.put("java", System.getProperty("java.version"));
        versions.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        versions.put("djl", Engine.getDjlVersion());
        Engine engine = Engine.getInstance();
        versions.put("engine", engine.getEngineName());
        versions.put("libtorch", engine.getVersion());
        versions.put("neurofm", io.neurofm.artifact.NeurofmVersion.current());
        ObjectNode result = root.putObject("result");
        TrainingPhase.Result last = results.get(results.size() - 1);
        result.put("final_train_loss", last.trainLoss());
        result.put("final_validation_loss", last.validationLoss());
        if (results.size() > 1) {
            ObjectNode stages = result.putObject("stages");
            for (TrainingPhase.Result r : results) {
                ObjectNode stage = stages.putObject(r.phase().name());
                stage.put("steps", r.phase().steps());
                stage.put("final_train_loss", r.trainLoss());
                stage.put("final_validation_loss", r.validationLoss());
            }
        }
        result.put("registered", registered);
        return root;
    }

    /** HEAD of the git work tree the process runs in, or null (no git, not a repository, too slow). */
    static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static Path fileIn(Path runDir) {
        return runDir.resolve("run.json");
    }
}
