package io.sentiflow.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
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
import io.sentiflow.training.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frozen layers' cached outputs feed the top layers as the whole encoder would. */
class FrozenLayerCacheTest {

    private static final HeadDimensions DIMS = new HeadDimensions(384, 16, 32, 20, 3);

    private static Map<String, Tensor> pretrained;
    private static List<TokenizedExample> tweets;

    @TempDir Path dir;

    @BeforeAll
    static void readTweets() throws Exception {
        pretrained = OnnxWeights.readFp32(EncoderFiles.of(EncoderKind.FP32).model());
        DataLocations data = DataLocations.fromSystemProperties();
        List<LabeledText> texts = LabeledCsv.read(data.sentimentTrain(),
                LabeledCsv.readLabelMap(data.sentimentLabels())).subList(0, 24);
        tweets = new ArrayList<>();
        try (TextTokenizer tokenizer = TextTokenizer.open(EncoderKind.FP32, TextNormalization.URLS)) {
            List<long[]> ids = tokenizer.tokenize(texts.stream().map(LabeledText::text).toList()).ids();
            for (int i = 0; i < texts.size(); i++) {
                tweets.add(new TokenizedExample(ids.get(i), Task.SENTIMENT, texts.get(i).label()));
            }
        }
    }

    @Test
    void logitsFromTheCachedLowerLayersMatchTheWholeEncoderWithinHalfPrecision() {
        FrozenLayerCache cache = FrozenLayerCache.open(null, EncoderKind.FP32.modelSha256(), TextNormalization.URLS, 4);
        fill(cache);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            JointModel whole = JointModel.create(manager, pretrained, null, DIMS, new Random(3));
            JointModel cached = JointModel.create(manager, pretrained, null, DIMS, new Random(3), cache);

            NDList expected = whole.logitsOf(manager, tweets, null, false);
            NDList actual = cached.logitsOf(manager, tweets, null, false);

            for (int head = 0; head < 2; head++) {
                float[] e = expected.get(head).toFloatArray();
                float[] a = actual.get(head).toFloatArray();
                for (int i = 0; i < e.length; i++) {
                    assertThat(Math.abs(a[i] - e[i])).as("head %d logit %d", head, i).isLessThan(2e-2f);
                }
            }
            assertThat(cached.argMax(manager, tweets)).usingRecursiveComparison()
                    .isEqualTo(whole.argMax(manager, tweets));
        }
    }

    @Test
    void aSecondRunReadsTheFileAndComputesNothingWhileAnotherLayerCountHasAFileOfItsOwn() throws Exception {
        FrozenLayerCache first = FrozenLayerCache.open(dir, EncoderKind.FP32.modelSha256(), TextNormalization.URLS, 5);
        assertThat(fill(first)).isEqualTo(tweets.size());

        FrozenLayerCache again = FrozenLayerCache.open(dir, EncoderKind.FP32.modelSha256(), TextNormalization.URLS, 5);
        FrozenLayerCache other = FrozenLayerCache.open(dir, EncoderKind.FP32.modelSha256(), TextNormalization.URLS, 4);

        assertThat(again.size()).isEqualTo(tweets.size());
        assertThat(fill(again)).isZero();
        List<long[]> ids = tweets.stream().map(TokenizedExample::ids).toList();
        assertThat(again.outputs(ids)).usingRecursiveComparison().isEqualTo(first.outputs(ids));
        assertThat(other.size()).isZero();
        assertThat(other.file()).isNotEqualTo(first.file());
        assertThat(Files.size(first.file())).isPositive();
    }

    private static int fill(FrozenLayerCache cache) {
        ThreadSettings.apply(1);
        try (var bar = FineTuneProgress.linesOnly(line -> { }).bar("test", tweets.size())) {
            return cache.fill(tweets.stream().map(TokenizedExample::ids).toList(), pretrained, bar);
        }
    }
}
