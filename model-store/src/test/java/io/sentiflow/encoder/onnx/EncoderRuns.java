package io.sentiflow.encoder.onnx;

import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TokenEncoder;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.LabeledCsv;
import io.sentiflow.training.LabeledText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Real headlines through ONNX Runtime, for comparing an exported graph with the original. */
final class EncoderRuns {

    private EncoderRuns() {}

    /** The first {@code count} texts of the shared sentiment valid split (tweets of 3 to 60 tokens). */
    static List<String> validTexts(int count) throws IOException {
        DataLocations data = DataLocations.fromSystemProperties();
        return LabeledCsv.read(data.sentimentValid(), LabeledCsv.readLabelMap(data.sentimentLabels())).stream()
                .limit(count).map(LabeledText::text).toList();
    }

    /** Per-token outputs of {@code texts} from the graph in {@code onnxFile}, one batch padded to the longest. */
    static List<float[][]> encode(EncoderKind kind, Path onnxFile, List<String> texts) {
        EncoderFiles files = new EncoderFiles(kind, onnxFile, EncoderFiles.of(kind).tokenizer());
        try (TokenEncoder encoder = TokenEncoder.open(files, 1, TextNormalization.NONE)) {
            return encoder.encode(texts);
        }
    }

    /** Largest absolute difference between two runs' outputs (same texts, same token counts). */
    static double maxAbsDifference(List<float[][]> a, List<float[][]> b) {
        double max = 0;
        for (int text = 0; text < a.size(); text++) {
            for (int token = 0; token < a.get(text).length; token++) {
                for (int d = 0; d < a.get(text)[token].length; d++) {
                    max = Math.max(max, Math.abs(a.get(text)[token][d] - b.get(text)[token][d]));
                }
            }
        }
        return max;
    }
}
