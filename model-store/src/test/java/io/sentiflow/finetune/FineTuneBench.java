package io.sentiflow.finetune;

import io.sentiflow.encoder.onnx.OnnxWeights;
import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.HeadDimensions;
import io.sentiflow.model.Tensor;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TextTokenizer;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.LabeledCsv;
import io.sentiflow.training.LabeledText;
import io.sentiflow.training.Task;
import io.sentiflow.training.TrainingSettings;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: training throughput of joint fine-tuning (texts/s through forward, backward and AdamW)
 * on real tweets, per PyTorch thread count and number of trainable encoder layers, with the machine's
 * load average, CPU time and the projected time of one epoch of the full tweet train sets; below 6
 * layers, the frozen layers' outputs are computed first (their pass's speed is the last column) and
 * the steps run only the layers above them.
 * Run: {@code java -cp <test classpath> io.sentiflow.finetune.FineTuneBench [steps] [threads,...] [layers,...]}.
 */
public final class FineTuneBench {

    private static final int FULL_TRAIN_TEXTS = 9_938 + 16_990;
    private static final int BATCH = 32;

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        String[] threadCounts = (args.length > 1 ? args[1] : "1,2").split(",");
        String[] layerCounts = (args.length > 2 ? args[2] : "6").split(",");
        Map<String, Tensor> pretrained = OnnxWeights.readFp32(EncoderFiles.of(EncoderKind.FP32).model());
        List<TokenizedExample> texts = tweets(steps * BATCH + BATCH);
        List<TokenizedExample> dev = texts.subList(0, BATCH);
        List<TokenizedExample> train = texts.subList(BATCH, texts.size());
        HeadDimensions dims = new HeadDimensions(384, 64, 256, 20, 3);
        System.out.printf(Locale.ROOT, "%d steps of %d texts (mean %.1f tokens)%n", steps, BATCH,
                train.stream().mapToInt(t -> t.ids().length).average().orElse(0));
        System.out.println("threads layers  texts/s  cpu-s/wall-s  load1  epoch(90% of 26.9k) min  frozen-pass texts/s");
        for (String layers : layerCounts) {
            for (String threads : threadCounts) {
                run(pretrained, train, dev, dims, Integer.parseInt(threads), Integer.parseInt(layers), 1);
                run(pretrained, train, dev, dims, Integer.parseInt(threads), Integer.parseInt(layers), steps);
            }
        }
    }

    private static void run(Map<String, Tensor> pretrained, List<TokenizedExample> train, List<TokenizedExample> dev,
            HeadDimensions dims, int threads, int layers, int steps) {
        TrainingSettings heads = new TrainingSettings(1, dims.attention(), dims.adapter(), BATCH, 1, 5, 1e-3f, 1e-4f,
                0.3f, 0.5f, 0.1, 32);
        FineTuneSettings settings = new FineTuneSettings(heads, 5e-5f, 1f, 0.1f, layers, 1f, 1, threads);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<TokenizedExample> steps0 = train.subList(0, steps * BATCH);
        FrozenLayerCache frozen = null;
        double frozenRate = Double.NaN;
        if (layers < 6) {
            ThreadSettings.apply(threads);
            frozen = FrozenLayerCache.open(null, EncoderKind.FP32.modelSha256(), TextNormalization.URLS, 6 - layers);
            List<long[]> ids = new ArrayList<>();
            steps0.forEach(example -> ids.add(example.ids()));
            dev.forEach(example -> ids.add(example.ids()));
            try (var bar = FineTuneProgress.linesOnly(l -> { }).bar("frozen", ids.size())) {
                frozen.fill(ids, pretrained, bar);
            }
            frozenRate = ids.size() / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
        }
        new JointFineTuner(settings, dims, new float[] {1, 1, 1})
                .train(pretrained, null, steps0, dev, frozen, FineTuneProgress.linesOnly(l -> { }));
        double wall = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
        double rate = steps * BATCH / wall;
        if (steps > 1) {
            System.out.printf(Locale.ROOT, "%7d %6d %8.1f %13.2f %6.2f %10.1f %9.1f%n", threads, layers, rate,
                    cpuSeconds / wall, os.getSystemLoadAverage(), FULL_TRAIN_TEXTS * 0.9 / rate / 60, frozenRate);
        }
    }

    private static List<TokenizedExample> tweets(int count) throws Exception {
        DataLocations data = DataLocations.fromSystemProperties();
        List<LabeledText> sentiment = LabeledCsv.read(data.sentimentTrain(), LabeledCsv.readLabelMap(data.sentimentLabels()));
        List<LabeledText> topic = LabeledCsv.read(data.topicTrain(), LabeledCsv.readLabelMap(data.topicLabels()));
        List<TokenizedExample> out = new ArrayList<>();
        try (TextTokenizer tokenizer = TextTokenizer.open(EncoderKind.FP32, TextNormalization.URLS)) {
            add(out, tokenizer, sentiment.subList(0, count / 2), Task.SENTIMENT);
            add(out, tokenizer, topic.subList(0, count - count / 2), Task.TOPIC);
        }
        Collections.shuffle(out, new Random(3));
        return out;
    }

    private static void add(List<TokenizedExample> out, TextTokenizer tokenizer, List<LabeledText> texts, Task task) {
        List<long[]> ids = tokenizer.tokenize(texts.stream().map(LabeledText::text).toList()).ids();
        for (int i = 0; i < texts.size(); i++) {
            out.add(new TokenizedExample(ids.get(i), task, texts.get(i).label()));
        }
    }
}
