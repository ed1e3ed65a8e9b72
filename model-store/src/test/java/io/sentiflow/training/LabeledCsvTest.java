package io.sentiflow.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabeledCsvTest {

    private static final List<String> LABELS = List.of("Bearish", "Bullish", "Neutral");

    @TempDir
    Path dir;

    @Test
    void readsQuotedTextsWithNewlinesAndLabelsAsNamesOrIds() throws Exception {
        Path file = dir.resolve("set.csv");
        Files.writeString(file, "text,label\n\"line one\nline two, with comma\",2\nplain,Bullish\n\"say \"\"hi\"\"\",bearish\n");

        List<LabeledText> examples = LabeledCsv.read(file, LABELS);

        assertThat(examples).containsExactly(new LabeledText("line one\nline two, with comma", 2),
                new LabeledText("plain", 1), new LabeledText("say \"hi\"", 0));
    }

    @Test
    void namesEveryUnknownLabel() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "text,label\na,7\nb,Sideways\nc,0\n");

        assertThatThrownBy(() -> LabeledCsv.read(file, LABELS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[7, Sideways]");
    }

    @Test
    void refusesAFileWithoutALabelColumn() throws Exception {
        Path file = dir.resolve("nolabel.csv");
        Files.writeString(file, "text,sentiment\na,0\n");

        assertThatThrownBy(() -> LabeledCsv.read(file, LABELS)).hasMessageContaining("no 'label' column");
    }

    @Test
    void readsTheSharedLabelMaps() throws Exception {
        DataLocations data = DataLocations.fromSystemProperties();

        assertThat(LabeledCsv.readLabelMap(data.sentimentLabels())).containsExactly("Bearish", "Bullish", "Neutral");
        assertThat(LabeledCsv.readLabelMap(data.topicLabels())).hasSize(20).startsWith("Analyst Update");
    }
}
