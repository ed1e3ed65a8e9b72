package io.sentiflow.finetune;

import io.sentiflow.training.TrainingSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyper-parameters of fine-tuning the encoder jointly with the heads; recorded in the manifest.
 *
 * @param heads the head settings of frozen training, reused as they are: seed, attention and adapter
 *     widths, batch size, epochs and patience (counted in evaluations), the heads' learning rate,
 *     weight decay, adapter dropout, sentiment class weighting, dev fraction
 * @param encoderLearningRate peak learning rate of the encoder's top layer, well below the heads'
 *     (a pretrained encoder forgets at the heads' rate)
 * @param layerDecay each layer below the top trains at this times the rate of the layer above it
 *     (layer-wise learning-rate decay; 1 trains all at one rate): lower layers hold the more general
 *     features, which a small labelled set should move least
 * @param warmupFraction share of all steps over which all learning rates rise linearly from 0;
 *     afterwards they fall linearly to 0 at the last step
 * @param trainableLayers how many of the encoder's top layers train (all of them also trains the
 *     embeddings); below them the outputs of the frozen layers are computed once per text
 *     ({@link FrozenLayerCache}), so fewer trainable layers make every step cheaper
 * @param sentimentLossWeight the sentiment loss counts this many times the topic loss
 * @param evaluationsPerEpoch dev evaluations per epoch, each a candidate for early stopping (an
 *     epoch takes long on a CPU, so one chance per epoch would be too coarse)
 * @param threads PyTorch intra-op threads
 */
public record FineTuneSettings(TrainingSettings heads, float encoderLearningRate, float layerDecay,
        float warmupFraction, int trainableLayers, float sentimentLossWeight, int evaluationsPerEpoch, int threads) {

    public FineTuneSettings {
        if (!(encoderLearningRate > 0) || !(layerDecay > 0) || layerDecay > 1 || warmupFraction < 0
                || warmupFraction >= 1 || trainableLayers < 0 || !(sentimentLossWeight > 0) || evaluationsPerEpoch < 1
                || threads < 1) {
            throw new IllegalArgumentException("Out of range: " + this);
        }
    }

    /**
     * The top 2 of the encoder's 6 layers with the shipped head settings, 5 epochs, batches of 32, the
     * encoder at 1e-4: what {@code train} runs. Measured on the full train splits, seed 1 (int8 valid
     * sentiment accuracy / macro-F1 / topic accuracy, minutes on 2 cores shared with other work):
     * top 2 for 5 epochs 0.8673 / 0.8202 / 0.8766 in 29 (dev still rising at the last step); top 1 for
     * 8 epochs 0.8388 / 0.7856 / 0.8611 in 20; all 6 for 3 epochs 0.8781 / 0.8363 / 0.8924 in 47.
     */
    public static FineTuneSettings defaults() {
        TrainingSettings frozen = TrainingSettings.defaults();
        TrainingSettings heads = new TrainingSettings(frozen.seed(), frozen.attention(), frozen.adapter(), 32, 5, 3,
                frozen.learningRate(), frozen.weightDecay(), frozen.dropout(), frozen.sentimentWeightPower(),
                frozen.devFraction(), frozen.encoderBatchSize());
        return new FineTuneSettings(heads, 1e-4f, 1f, 0.1f, 2, 1f, 2, 1);
    }

    public FineTuneSettings withHeads(TrainingSettings newHeads) {
        return new FineTuneSettings(newHeads, encoderLearningRate, layerDecay, warmupFraction, trainableLayers,
                sentimentLossWeight, evaluationsPerEpoch, threads);
    }

    public FineTuneSettings withSeed(long seed) {
        return withHeads(heads.withSeed(seed));
    }

    public FineTuneSettings withEpochs(int maxEpochs, int patience) {
        return withHeads(heads.withEpochs(maxEpochs, patience));
    }

    public FineTuneSettings withEncoderLearningRate(float rate) {
        return new FineTuneSettings(heads, rate, layerDecay, warmupFraction, trainableLayers, sentimentLossWeight,
                evaluationsPerEpoch, threads);
    }

    public FineTuneSettings withLayerDecay(float decay) {
        return new FineTuneSettings(heads, encoderLearningRate, decay, warmupFraction, trainableLayers,
                sentimentLossWeight, evaluationsPerEpoch, threads);
    }

    public FineTuneSettings withTrainableLayers(int layers) {
        return new FineTuneSettings(heads, encoderLearningRate, layerDecay, warmupFraction, layers,
                sentimentLossWeight, evaluationsPerEpoch, threads);
    }

    public FineTuneSettings withSentimentLossWeight(float weight) {
        return new FineTuneSettings(heads, encoderLearningRate, layerDecay, warmupFraction, trainableLayers, weight,
                evaluationsPerEpoch, threads);
    }

    public FineTuneSettings withEvaluationsPerEpoch(int evaluations) {
        return new FineTuneSettings(heads, encoderLearningRate, layerDecay, warmupFraction, trainableLayers,
                sentimentLossWeight, evaluations, threads);
    }

    public FineTuneSettings withThreads(int newThreads) {
        return new FineTuneSettings(heads, encoderLearningRate, layerDecay, warmupFraction, trainableLayers,
                sentimentLossWeight, evaluationsPerEpoch, newThreads);
    }

    /** For the manifest. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>(heads.asMap());
        map.put("fineTune", true);
        map.put("encoderLearningRate", encoderLearningRate);
        map.put("layerDecay", layerDecay);
        map.put("warmupFraction", warmupFraction);
        map.put("trainableLayers", trainableLayers);
        map.put("sentimentLossWeight", sentimentLossWeight);
        map.put("evaluationsPerEpoch", evaluationsPerEpoch);
        map.put("schedule", "linear warm-up, linear decay");
        return map;
    }
}
