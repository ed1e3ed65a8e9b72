package io.sentiflow.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
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
import io.sentiflow.training.MaskedLoss;
import io.sentiflow.training.Task;
import io.sentiflow.training.TrainingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Joint fine-tuning of the real MiniLM and heads on a small tweet sample, a few dozen steps. */
class JointFineTunerTest {

    private static final HeadDimensions DIMS = new HeadDimensions(384, 16, 32, 20, 3);
    private static final float[] CLASS_WEIGHTS = {1.5f, 1.2f, 0.7f};

    private static Map<String, Tensor> pretrained;
    private static List<TokenizedExample> sample;

    @BeforeAll
    static void readSample() throws Exception {
        pretrained = OnnxWeights.readFp32(EncoderFiles.of(EncoderKind.FP32).model());
        DataLocations data = DataLocations.fromSystemProperties();
        List<LabeledText> sentiment = LabeledCsv.read(data.sentimentTrain(),
                LabeledCsv.readLabelMap(data.sentimentLabels())).subList(0, 32);
        List<LabeledText> topic = LabeledCsv.read(data.topicTrain(),
                LabeledCsv.readLabelMap(data.topicLabels())).subList(0, 32);
        sample = new ArrayList<>();
        try (TextTokenizer tokenizer = TextTokenizer.open(EncoderKind.FP32, TextNormalization.NONE)) {
            add(tokenizer, sentiment, Task.SENTIMENT);
            add(tokenizer, topic, Task.TOPIC);
        }
    }

    @Test
    void aFewDozenStepsOfTheTopTwoLayersLowerTheLossKeepShapesLeaveLowerLayersAndRepeatWithTheSameSeed() {
        FineTuneSettings settings = settings(7);
        JointFineTuner.FineTuned first = new JointFineTuner(settings, DIMS, CLASS_WEIGHTS)
                .train(pretrained, null, sample, sample, null, FineTuneProgress.linesOnly(line -> { }));
        JointFineTuner.FineTuned second = new JointFineTuner(settings, DIMS, CLASS_WEIGHTS)
                .train(pretrained, null, sample, sample, null, FineTuneProgress.linesOnly(line -> { }));

        assertThat(first.steps()).isEqualTo(24);
        assertThat(first.weights().encoder()).containsOnlyKeys(pretrained.keySet());
        first.weights().encoder().forEach((name, tensor) ->
                assertThat(tensor.shape()).as(name).isEqualTo(pretrained.get(name).shape()));
        assertThat(first.weights().heads().dims()).isEqualTo(DIMS);
        String top = "encoder.layer.5.attention.self.query.weight";
        String frozen = "encoder.layer.3.output.dense.weight";
        assertThat(first.weights().encoder().get(top).data()).isNotEqualTo(pretrained.get(top).data());
        assertThat(first.weights().encoder().get(frozen).data()).isEqualTo(pretrained.get(frozen).data());

        float startLoss = loss(pretrained, null);
        float endLoss = loss(first.weights().encoder(), first.weights().heads());
        assertThat(endLoss).isLessThan(startLoss * 0.7f);

        assertThat(second.weights().encoder().get(top).data()).isEqualTo(first.weights().encoder().get(top).data());
        assertThat(second.weights().heads().tensors()).usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(first.weights().heads().tensors());
        assertThat(second.bestDevScore()).isEqualTo(first.bestDevScore());
    }

    /** The masked loss over the whole sample, no dropout; fresh heads drawn as the trainer draws them. */
    private static float loss(Map<String, Tensor> encoder, io.sentiflow.model.HeadWeights heads) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            JointModel model = JointModel.create(manager, encoder, heads, DIMS, new Random(7));
            List<long[]> ids = sample.stream().map(TokenizedExample::ids).toList();
            return new MaskedLoss(DIMS, CLASS_WEIGHTS, 1f).of(manager, model.logits(manager, ids, null, false), sample)
                    .getFloat();
        }
    }

    private static FineTuneSettings settings(long seed) {
        // 64 texts in batches of 8: 8 steps an epoch, 3 epochs, patience larger than the run. The top two
        // layers only: training all six took two minutes on the shared machine.
        TrainingSettings heads = new TrainingSettings(seed, DIMS.attention(), DIMS.adapter(), 8, 3, 10, 1e-3f, 1e-4f,
                0.1f, 0.5f, 0.1, 32);
        return new FineTuneSettings(heads, 1e-4f, 1f, 0.1f, 2, 1f, 1, 1);
    }

    private static void add(TextTokenizer tokenizer, List<LabeledText> texts, Task task) {
        List<long[]> ids = tokenizer.tokenize(texts.stream().map(LabeledText::text).toList()).ids();
        for (int i = 0; i < texts.size(); i++) {
            sample.add(new TokenizedExample(ids.get(i), task, texts.get(i).label()));
        }
    }
}
