package io.sentiflow.finetune;

import io.sentiflow.evaluation.TrainOverlap;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TextTokenizer;
import io.sentiflow.training.LabeledCsv;
import io.sentiflow.training.LabeledText;
import io.sentiflow.training.Task;
import io.sentiflow.training.TrainingRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The labelled sets of a fine-tuning run, tokenized: train and dev (carved from the train files with
 * the seeds frozen training uses, so both hold out the same texts), the valid sets, and the overlaps
 * of the valid texts with the whole train files.
 */
record FineTuneData(List<String> topicLabels, List<String> sentimentLabels, List<LabeledText> sentimentTrain,
        List<LabeledText> topicTrain, List<TokenizedExample> train, List<TokenizedExample> dev,
        List<TokenizedExample> sentimentValid, List<TokenizedExample> topicValid, List<LabeledText> sentimentValidTexts,
        List<LabeledText> topicValidTexts, TrainOverlap sentimentOverlap, TrainOverlap topicOverlap) {

    /** Frozen training's sample seed: the same texts whatever the training seed. */
    private static final long SAMPLE_SEED = 17L;

    static FineTuneData read(FineTuneRequest request) throws IOException {
        List<String> topicLabels = LabeledCsv.readLabelMap(request.topicLabels());
        List<String> sentimentLabels = LabeledCsv.readLabelMap(request.sentimentLabels());
        int max = request.maxPerTask();
        List<LabeledText> allSentiment = LabeledCsv.read(request.sentimentTrain(), sentimentLabels);
        List<LabeledText> allTopic = LabeledCsv.read(request.topicTrain(), topicLabels);
        List<LabeledText> sentimentTrain = sample(allSentiment, max, SAMPLE_SEED);
        List<LabeledText> topicTrain = sample(allTopic, max, SAMPLE_SEED + 1);
        long seed = request.settings().heads().seed();
        double devFraction = request.settings().heads().devFraction();
        List<TokenizedExample> train = new ArrayList<>();
        List<TokenizedExample> dev = new ArrayList<>();
        try (TextTokenizer tokenizer = TextTokenizer.open(EncoderKind.FP32, request.normalization())) {
            split(tokenizer, Task.SENTIMENT, sentimentTrain, seed + 4, devFraction, train, dev);
            split(tokenizer, Task.TOPIC, topicTrain, seed + 5, devFraction, train, dev);
            List<LabeledText> sentimentValid = valid(request.sentimentValid(), sentimentLabels, max, SAMPLE_SEED + 2);
            List<LabeledText> topicValid = valid(request.topicValid(), topicLabels, max, SAMPLE_SEED + 3);
            return new FineTuneData(topicLabels, sentimentLabels, sentimentTrain, topicTrain, train, dev,
                    tokenize(tokenizer, sentimentValid, Task.SENTIMENT), tokenize(tokenizer, topicValid, Task.TOPIC),
                    sentimentValid, topicValid, overlap(allSentiment), overlap(allTopic));
        }
    }

    /** Sentiment class weights (n / (k * n_c))^power over the train examples, as frozen training weighs them. */
    float[] sentimentWeights(float power) {
        return TrainingRun.classWeights(train, sentimentLabels.size(), power);
    }

    private static TrainOverlap overlap(List<LabeledText> train) {
        return TrainOverlap.of(train.stream().map(LabeledText::text).toList());
    }

    private static List<LabeledText> valid(Path file, List<String> labels, int max, long seed) throws IOException {
        return file == null ? List.of() : sample(LabeledCsv.read(file, labels), max, seed);
    }

    private static void split(TextTokenizer tokenizer, Task task, List<LabeledText> examples, long seed,
            double devFraction, List<TokenizedExample> train, List<TokenizedExample> dev) {
        List<LabeledText> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(seed));
        int devSize = (int) Math.round(shuffled.size() * devFraction);
        List<TokenizedExample> tokenized = tokenize(tokenizer, shuffled, task);
        dev.addAll(tokenized.subList(0, devSize));
        train.addAll(tokenized.subList(devSize, tokenized.size()));
    }

    private static List<TokenizedExample> tokenize(TextTokenizer tokenizer, List<LabeledText> texts, Task task) {
        List<long[]> ids = tokenizer.tokenize(texts.stream().map(LabeledText::text).toList()).ids();
        List<TokenizedExample> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(new TokenizedExample(ids.get(i), task, texts.get(i).label()));
        }
        return out;
    }

    private static List<LabeledText> sample(List<LabeledText> all, int max, long seed) {
        if (max <= 0 || all.size() <= max) {
            return all;
        }
        List<LabeledText> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(seed));
        return List.copyOf(shuffled.subList(0, max));
    }
}
