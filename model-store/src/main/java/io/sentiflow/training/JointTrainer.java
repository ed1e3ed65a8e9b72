package io.sentiflow.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.sentiflow.model.HeadDimensions;
import io.sentiflow.model.HeadWeights;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Joint training of attention pooling, shared adapter and both heads on DJL's PyTorch engine.
 * Batches mix topic and sentiment examples; each example has one label, so the other head's loss
 * is masked out (its target row is zero). Sentiment classes are weighted. Early stopping keeps the
 * weights of the epoch with the best mean dev accuracy of both tasks. Seeded: shuffles, dropout
 * masks and initial weights come from {@link java.util.Random}, so runs repeat on one machine.
 *
 * <p>The graph matches {@link io.sentiflow.model.Heads} operation for operation. Not thread safe;
 * each call to {@link #train} uses and releases its own native memory.
 */
public final class JointTrainer {

    private static final String ENGINE = "PyTorch";
    private static final int BUCKET_BATCHES = 16;
    private static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    private final TrainingSettings settings;
    private final HeadDimensions dims;
    private final MaskedLoss maskedLoss;

    public JointTrainer(TrainingSettings settings, HeadDimensions dims, float[] sentimentWeights) {
        this.settings = settings;
        this.dims = dims;
        this.maskedLoss = new MaskedLoss(dims, sentimentWeights, 1f);
    }

    /** Trains from scratch; {@code progress} receives one line per epoch. */
    public TrainedHeads train(List<Example> train, List<Example> dev, Consumer<String> progress) {
        preferOneThread();
        Random random = new Random(settings.seed());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), ENGINE)) {
            Map<String, NDArray> params = HeadGraph.initialParameters(manager, dims, random);
            return fit(manager, params, null, train, devScorer(dev, manager), random, progress);
        }
    }

    /**
     * Warm start: trains on from {@code start} (attention, adapter and both heads) instead of random
     * weights, keeping the epoch {@code scorer} rates best. The starting weights compete as epoch 0,
     * so the result never scores below where it started; {@code bestEpoch} 0 means no epoch improved.
     * @throws IllegalArgumentException if {@code start} does not have this trainer's dimensions
     */
    public TrainedHeads fineTune(HeadWeights start, List<Example> train, EpochScorer scorer,
            Consumer<String> progress) {
        if (!start.dims().equals(dims)) {
            throw new IllegalArgumentException("Starting weights have dimensions " + start.dims() + ", expected " + dims);
        }
        preferOneThread();
        Random random = new Random(settings.seed());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), ENGINE)) {
            return fit(manager, HeadGraph.parameters(manager, start), start, train, scorer, random, progress);
        }
    }

    /** Rates the weights after an epoch for early stopping: higher is better. */
    @FunctionalInterface
    public interface EpochScorer {
        EpochScore score(HeadWeights weights);
    }

    /** An epoch's score and how it came about, for the progress line. */
    public record EpochScore(double value, String description) {}

    private static EpochScorer devScorer(List<Example> dev, NDManager manager) {
        return weights -> {
            DevScore score = DevScore.of(weights, dev, manager);
            return new EpochScore(score.mean(),
                    String.format("dev topic %.4f  dev sentiment %.4f", score.topic(), score.sentiment()));
        };
    }

    /** Epochs with early stopping; {@code start} (null from scratch) is the epoch-0 candidate. */
    private TrainedHeads fit(NDManager manager, Map<String, NDArray> params, HeadWeights start, List<Example> train,
            EpochScorer scorer, Random random, Consumer<String> progress) {
        params.values().forEach(p -> p.setRequiresGradient(true));
        Optimizer optimizer = Optimizer.adamW()
                .optLearningRateTracker(Tracker.fixed(settings.learningRate()))
                .optWeightDecays(settings.weightDecay())
                .build();
        List<Example> order = new ArrayList<>(train);
        HeadWeights best = start;
        double bestScore = -1;
        if (start != null) {
            EpochScore initial = scorer.score(start);
            bestScore = initial.value();
            progress.accept("epoch  0  " + initial.description());
        }
        int bestEpoch = 0;
        int epoch = 0;
        while (epoch < settings.maxEpochs() && epoch - bestEpoch < settings.patience()) {
            epoch++;
            double loss = runEpoch(manager, params, optimizer, batches(order, random), random);
            HeadWeights current = HeadGraph.snapshot(params, dims);
            EpochScore score = scorer.score(current);
            if (score.value() > bestScore) {
                bestScore = score.value();
                best = current;
                bestEpoch = epoch;
            }
            progress.accept(String.format("epoch %2d  loss %.4f  %s%s", epoch, loss, score.description(),
                    bestEpoch == epoch ? "  *" : ""));
        }
        return new TrainedHeads(best, epoch, bestEpoch, bestScore);
    }

    /**
     * Shuffled batches of similar lengths: shuffle, sort windows of {@value #BUCKET_BATCHES} batches
     * by token count, cut, shuffle the batches. Padding to the longest text of a random batch cost
     * about a third of the compute.
     */
    private List<List<Example>> batches(List<Example> order, Random random) {
        Collections.shuffle(order, random);
        int window = settings.batchSize() * BUCKET_BATCHES;
        List<List<Example>> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += window) {
            List<Example> bucket = new ArrayList<>(order.subList(from, Math.min(order.size(), from + window)));
            bucket.sort(Comparator.comparingInt(example -> example.encoded().tokens()));
            for (int start = 0; start < bucket.size(); start += settings.batchSize()) {
                batches.add(bucket.subList(start, Math.min(bucket.size(), start + settings.batchSize())));
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /**
     * Unless configured otherwise, PyTorch runs one intra-op thread. Measured on two cores shared with
     * other builds: its OpenMP threads spin while waiting (half the CPU went to the kernel), and two
     * threads took over four minutes an epoch where one thread took six seconds. Only takes effect if
     * this JVM has not started the PyTorch engine yet.
     */
    private static void preferOneThread() {
        if (System.getProperty(THREADS_PROPERTY) == null && System.getenv("OMP_NUM_THREADS") == null) {
            System.setProperty(THREADS_PROPERTY, "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    private double runEpoch(NDManager manager, Map<String, NDArray> params, Optimizer optimizer,
            List<List<Example>> batches, Random random) {
        double lossSum = 0;
        for (List<Example> batch : batches) {
            try (NDManager step = manager.newSubManager()) {
                lossSum += step(step, params, optimizer, batch, random);
            }
        }
        return lossSum / Math.max(1, batches.size());
    }

    private float step(NDManager step, Map<String, NDArray> params, Optimizer optimizer, List<Example> batch,
            Random random) {
        HeadGraph.Inputs inputs = HeadGraph.inputs(step, batch.stream().map(Example::encoded).toList());
        int size = batch.size();
        NDArray dropoutMask = dropoutMask(step, size, random);
        float value;
        try (GradientCollector collector = Engine.getEngine(ENGINE).newGradientCollector()) {
            NDList logits = HeadGraph.forward(inputs, params, dropoutMask);
            NDArray loss = maskedLoss.of(step, logits, batch);
            collector.backward(loss);
            value = loss.getFloat();
        }
        for (Map.Entry<String, NDArray> param : params.entrySet()) {
            try (NDArray gradient = param.getValue().getGradient()) {
                optimizer.update(param.getKey(), param.getValue(), gradient);
                gradient.subi(gradient); // PyTorch accumulates gradients across backward passes
            }
        }
        return value;
    }

    private NDArray dropoutMask(NDManager step, int size, Random random) {
        float keep = 1f - settings.dropout();
        float[] mask = new float[size * dims.adapter()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextFloat() < keep ? 1f / keep : 0f;
        }
        return step.create(mask, new Shape(size, dims.adapter()));
    }

    /** Result of training: the best epoch's weights and how it was found. */
    public record TrainedHeads(HeadWeights weights, int epochs, int bestEpoch, double bestDevScore) {}

    /** Mean accuracy of both heads on the dev examples. */
    record DevScore(double topic, double sentiment) {
        double mean() {
            return (topic + sentiment) / 2;
        }

        static DevScore of(HeadWeights weights, List<Example> dev, NDManager manager) {
            int[] correct = new int[2];
            int[] total = new int[2];
            List<int[]> predicted = HeadGraph.argMax(weights, dev.stream().map(Example::encoded).toList(), manager);
            for (int i = 0; i < dev.size(); i++) {
                Example example = dev.get(i);
                int task = example.task() == Task.TOPIC ? 0 : 1;
                total[task]++;
                if (predicted.get(i)[task] == example.label()) {
                    correct[task]++;
                }
            }
            return new DevScore(correct[0] / (double) Math.max(1, total[0]), correct[1] / (double) Math.max(1, total[1]));
        }
    }
}
