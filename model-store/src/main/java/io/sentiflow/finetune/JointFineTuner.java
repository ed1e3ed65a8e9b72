package io.sentiflow.finetune;

import io.sentiflow.training.MaskedLoss;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import io.sentiflow.model.HeadDimensions;
import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.Tensor;
import io.sentiflow.training.TrainingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fine-tunes the encoder jointly with attention pooling, shared adapter and both heads on DJL's
 * PyTorch engine: mixed-task batches with the masked loss of frozen training ({@link MaskedLoss}),
 * AdamW with a smaller learning rate for the encoder than for the heads, linear warm-up and decay
 * ({@link LinearSchedule}), early stopping on the mean dev accuracy of both tasks, evaluated
 * {@link FineTuneSettings#evaluationsPerEpoch()} times an epoch. Seeded: batches, dropout masks and
 * fresh head weights come from {@link Random}, so runs repeat on one machine with one thread.
 *
 * <p>Not thread safe; each {@link #train} call uses and releases its own native memory.
 */
public final class JointFineTuner {

    private static final String ENGINE = "PyTorch";

    private final FineTuneSettings settings;
    private final HeadDimensions dims;
    private final MaskedLoss loss;

    public JointFineTuner(FineTuneSettings settings, HeadDimensions dims, float[] sentimentWeights) {
        this.settings = settings;
        this.dims = dims;
        this.loss = new MaskedLoss(dims, sentimentWeights);
    }

    /**
     * Trains from {@code encoderStart} (HuggingFace names, see {@code OnnxWeights}) and
     * {@code headStart} (null: fresh heads). A given {@code headStart} competes as evaluation 0, so the
     * result is never worse on {@code dev} than where it started.
     */
    public FineTuned train(Map<String, Tensor> encoderStart, HeadWeights headStart, List<TokenizedExample> train,
            List<TokenizedExample> dev, FineTuneProgress progress) {
        ThreadSettings.apply(settings.threads());
        TrainingSettings heads = settings.heads();
        Random random = new Random(heads.seed());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), ENGINE)) {
            JointModel model = JointModel.create(manager, encoderStart, headStart, dims, random);
            Batches batches = new Batches(train, heads.batchSize(), random);
            int totalSteps = batches.perEpoch() * heads.maxEpochs();
            int warmup = Math.round(totalSteps * settings.warmupFraction());
            Run run = Run.of(manager, model, model.trainable(settings.trainableLayers()),
                    adamW(new LinearSchedule(settings.encoderLearningRate(), warmup, totalSteps)),
                    adamW(new LinearSchedule(heads.learningRate(), warmup, totalSteps)), random);
            EarlyStopping stopping = new EarlyStopping(heads.patience(), dev, progress);
            if (headStart != null) {
                stopping.consider(model, manager, 0, 0, Double.NaN);
            }
            progress.start(totalSteps * (long) heads.batchSize());
            try {
                int steps = epochs(run, batches, stopping, progress);
                return stopping.result(steps, run.skipped().get());
            } finally {
                progress.finish();
            }
        }
    }

    /** Runs epochs until the last or early stopping; returns the number of steps taken. */
    private int epochs(Run run, Batches batches, EarlyStopping stopping, FineTuneProgress progress) {
        int interval = Math.max(1, (int) Math.ceil(batches.perEpoch() / (double) settings.evaluationsPerEpoch()));
        int step = 0;
        double lossSum = 0;
        int lossCount = 0;
        for (int epoch = 1; epoch <= settings.heads().maxEpochs() && !stopping.stopped(); epoch++) {
            List<List<TokenizedExample>> epochBatches = batches.next();
            for (int b = 0; b < epochBatches.size() && !stopping.stopped(); b++) {
                lossSum += step(run, epochBatches.get(b));
                lossCount++;
                step++;
                progress.stepped(epochBatches.get(b).size(), lossSum / lossCount);
                if ((b + 1) % interval == 0 || b + 1 == epochBatches.size()) {
                    stopping.consider(run.model(), run.manager(), epoch, step, lossSum / lossCount);
                    lossSum = 0;
                    lossCount = 0;
                }
            }
        }
        return step;
    }

    /** What one training run's steps share; {@code skipped} counts steps without a finite gradient. */
    private record Run(NDManager manager, JointModel model, List<Gradients.Trainable> trainables, Random random,
            AtomicInteger skipped) {

        static Run of(NDManager manager, JointModel model, List<Parameter> encoderParameters,
                Optimizer encoderOptimizer, Optimizer headOptimizer, Random random) {
            List<Gradients.Trainable> trainables = new ArrayList<>();
            for (Parameter parameter : encoderParameters) {
                trainables.add(new Gradients.Trainable(encoderOptimizer, parameter.getId(), parameter.getArray()));
            }
            model.headParameters().forEach((name, array) ->
                    trainables.add(new Gradients.Trainable(headOptimizer, name, array)));
            return new Run(manager, model, List.copyOf(trainables), random, new AtomicInteger());
        }
    }

    private Optimizer adamW(LinearSchedule schedule) {
        return Optimizer.adamW().optLearningRateTracker(schedule).optWeightDecays(settings.heads().weightDecay())
                .build();
    }

    private float step(Run run, List<TokenizedExample> batch) {
        try (NDManager step = run.manager().newSubManager()) {
            List<long[]> ids = batch.stream().map(TokenizedExample::ids).toList();
            NDArray dropoutMask = dropoutMask(step, batch.size(), run.random());
            float value;
            try (GradientCollector collector = Engine.getEngine(ENGINE).newGradientCollector()) {
                NDArray batchLoss = loss.of(step, run.model().logits(step, ids, dropoutMask, true), batch);
                collector.backward(batchLoss);
                value = batchLoss.getFloat();
            }
            if (!Gradients.apply(run.trainables())) {
                run.skipped().incrementAndGet();
            }
            return value;
        }
    }

    /** Inverted dropout on the adapter's output, as in frozen training. */
    private NDArray dropoutMask(NDManager step, int size, Random random) {
        float keep = 1f - settings.heads().dropout();
        float[] mask = new float[size * dims.adapter()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextFloat() < keep ? 1f / keep : 0f;
        }
        return step.create(mask, new Shape(size, dims.adapter()));
    }

    /**
     * The best evaluation's weights and how it was found.
     *
     * @param skippedSteps steps left out because their gradient norm was not finite
     */
    public record FineTuned(JointModel.Snapshot weights, int steps, int skippedSteps, int bestEpoch, int bestStep,
            double bestDevScore) {}
}
