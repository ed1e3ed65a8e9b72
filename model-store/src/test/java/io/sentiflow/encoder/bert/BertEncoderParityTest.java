package io.sentiflow.encoder.bert;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.sentiflow.encoder.onnx.OnnxWeights;
import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TextTokenizer;
import io.sentiflow.model.TokenEncoder;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.LabeledCsv;
import io.sentiflow.training.LabeledText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The trainable DJL encoder, loaded from the fp32 ONNX file, must compute what ONNX Runtime serves. */
class BertEncoderParityTest {

    @Test
    void perTokenOutputsEqualOnnxRuntimeOnTweetsPaddedTogether() throws Exception {
        List<String> texts = tweets();
        List<float[][]> onnx;
        try (TokenEncoder encoder = TokenEncoder.open(EncoderKind.FP32, 1, TextNormalization.NONE)) {
            onnx = encoder.encode(texts);
        }
        List<long[]> ids;
        try (TextTokenizer tokenizer = TextTokenizer.open(EncoderKind.FP32, TextNormalization.NONE)) {
            ids = tokenizer.tokenize(texts).ids();
        }

        float maxDifference = 0;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            BertEncoder encoder = BertEncoder.of(BertConfig.MINILM_L6,
                    OnnxWeights.readFp32(EncoderFiles.of(EncoderKind.FP32).model()), manager);
            NDArray hidden = encoder.forward(new ParameterStore(manager, false), BertInputs.of(manager, ids), false)
                    .singletonOrThrow();
            int width = (int) hidden.getShape().get(1);
            float[] flat = hidden.toFloatArray();
            for (int row = 0; row < texts.size(); row++) {
                assertThat(onnx.get(row)).hasNumberOfRows(ids.get(row).length);
                for (int t = 0; t < ids.get(row).length; t++) {
                    for (int d = 0; d < EncoderKind.HIDDEN_SIZE; d++) {
                        float djl = flat[(row * width + t) * EncoderKind.HIDDEN_SIZE + d];
                        maxDifference = Math.max(maxDifference, Math.abs(djl - onnx.get(row)[t][d]));
                    }
                }
            }
        }
        assertThat(maxDifference).as("max abs difference over every real token").isLessThanOrEqualTo(1e-4f);
    }

    /** 24 sentiment and 24 topic tweets, with the longest topic tweet (cut at 64 tokens) among them. */
    private static List<String> tweets() throws Exception {
        DataLocations data = DataLocations.fromSystemProperties();
        List<LabeledText> sentiment = LabeledCsv.read(data.sentimentValid(),
                LabeledCsv.readLabelMap(data.sentimentLabels()));
        List<LabeledText> topic = LabeledCsv.read(data.topicValid(), LabeledCsv.readLabelMap(data.topicLabels()));
        List<String> texts = new ArrayList<>();
        Stream.concat(sentiment.stream().limit(24), topic.stream().limit(24)).forEach(t -> texts.add(t.text()));
        texts.add(topic.stream().map(LabeledText::text).max(Comparator.comparingInt(String::length)).orElseThrow());
        return texts;
    }
}
