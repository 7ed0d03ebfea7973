package io.neurofm.train;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link KillResumeTest}: {@code fit|resume RUN_DIR STEPS CHECKPOINT_EVERY
 * PAUSE_MS}. The pause (a sleep while building each batch) only stretches the run so the parent
 * can kill it mid-way; it changes no value.
 */
public final class TrainJobMain {
    private TrainJobMain() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path run = Path.of(args[1]);
        long steps = Long.parseLong(args[2]);
        int every = Integer.parseInt(args[3]);
        long pauseMs = Long.parseLong(args[4]);
        RandomRegressionData data = TinyJobs.data(40);
        TrainingData slow = new TrainingData() {
            @Override
            public int size() {
                return data.size();
            }

            @Override
            public NDList batch(NDManager manager, int[] indices) {
                try {
                    Thread.sleep(pauseMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return data.batch(manager, indices);
            }
        };
        TrainingConfig config = TinyJobs.config(steps, 4).withCheckpoints(every, 2);
        try (NDManager manager = NDManager.newBaseManager()) {
            Trainer trainer = new Trainer(TinyJobs.model(), slow, null, config, run, List.of(Device.cpu()));
            TrainingResult result = mode.equals("resume") ? trainer.resume(manager) : trainer.fit(manager);
            System.out.println("done " + result.steps());
        }
    }
}
