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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Fine-tunes the encoder jointly with attention pooling, shared adapter and both heads on DJL's
 * PyTorch engine: mixed-task batches with the masked loss of frozen training ({@link MaskedLoss}, the
 * sentiment part weighted), AdamW with a smaller learning rate for the encoder than for the heads,
 * decaying layer by layer downwards, linear warm-up and decay ({@link LinearSchedule}), early
 * stopping on the mean dev accuracy of both tasks, evaluated {@link FineTuneSettings#evaluationsPerEpoch()}
 * times an epoch. With a {@link FrozenLayerCache} the steps run only the layers above it. Seeded:
 * batches, dropout masks and fresh head weights come from {@link Random}, so runs repeat on one
 * machine with one thread.
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
        this.loss = new MaskedLoss(dims, sentimentWeights, settings.sentimentLossWeight());
    }

    /**
     * Trains from {@code encoderStart} (HuggingFace names, see {@code OnnxWeights}) and
     * {@code headStart} (null: fresh heads). A given {@code headStart} competes as evaluation 0, so the
     * result is never worse on {@code dev} than where it started. {@code frozen} (null: none) holds the
     * outputs of {@code encoderStart}'s layers below the trainable ones for every train and dev example.
     */
    FineTuned train(Map<String, Tensor> encoderStart, HeadWeights headStart, List<TokenizedExample> train,
            List<TokenizedExample> dev, FrozenLayerCache frozen, FineTuneProgress progress) {
        ThreadSettings.apply(settings.threads());
        TrainingSettings heads = settings.heads();
        Random random = new Random(heads.seed());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), ENGINE)) {
            JointModel model = JointModel.create(manager, encoderStart, headStart, dims, random, frozen);
            Batches batches = new Batches(train, heads.batchSize(), random);
            int totalSteps = batches.perEpoch() * heads.maxEpochs();
            int warmup = Math.round(totalSteps * settings.warmupFraction());
            Run run = Run.of(manager, model, model.trainable(settings.trainableLayers()),
                    depth -> adamW(new LinearSchedule(encoderRate(depth), warmup, totalSteps)),
                    adamW(new LinearSchedule(heads.learningRate(), warmup, totalSteps)), random);
            EarlyStopping stopping = new EarlyStopping(heads.patience(), dev, progress);
            if (headStart != null) {
                stopping.consider(model, manager, 0, 0, Double.NaN);
            }
            progress.start((long) train.size() * heads.maxEpochs());
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

        /** {@code encoderOptimizers} gives the optimizer of the layers at a depth below the top. */
        static Run of(NDManager manager, JointModel model, List<Parameter> encoderParameters,
                IntFunction<Optimizer> encoderOptimizers, Optimizer headOptimizer, Random random) {
            Map<Integer, Optimizer> byDepth = new HashMap<>();
            List<Gradients.Trainable> trainables = new ArrayList<>();
            for (Parameter parameter : encoderParameters) {
                Optimizer optimizer = byDepth.computeIfAbsent(model.depthBelowTop(parameter.getName()),
                        encoderOptimizers::apply);
                trainables.add(new Gradients.Trainable(optimizer, parameter.getId(), parameter.getArray()));
            }
            model.headParameters().forEach((name, array) ->
                    trainables.add(new Gradients.Trainable(headOptimizer, name, array)));
            return new Run(manager, model, List.copyOf(trainables), random, new AtomicInteger());
        }
    }

    /** The encoder's peak rate {@code depth} layers below its top (the embeddings one below the bottom layer). */
    private float encoderRate(int depth) {
        return settings.encoderLearningRate() * (float) Math.pow(settings.layerDecay(), depth);
    }

    private Optimizer adamW(LinearSchedule schedule) {
        return Optimizer.adamW().optLearningRateTracker(schedule).optWeightDecays(settings.heads().weightDecay())
                .build();
    }

    private float step(Run run, List<TokenizedExample> batch) {
        try (NDManager step = run.manager().newSubManager()) {
            NDArray dropoutMask = dropoutMask(step, batch.size(), run.random());
            float value;
            try (GradientCollector collector = Engine.getEngine(ENGINE).newGradientCollector()) {
                NDArray batchLoss = loss.of(step, run.model().logitsOf(step, batch, dropoutMask, true), batch);
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
     * @param bestDev the dev figures of the kept weights
     */
    public record FineTuned(JointModel.Snapshot weights, int steps, int skippedSteps, int bestEpoch, int bestStep,
            DevScore bestDev) {

        /** The mean dev accuracy of both tasks that early stopping maximised. */
        public double bestDevScore() {
            return bestDev.mean();
        }
    }
}
