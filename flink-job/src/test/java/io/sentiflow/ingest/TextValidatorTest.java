package io.sentiflow.ingest;

import static io.sentiflow.ingest.TestEvents.avro;
import static io.sentiflow.ingest.TestEvents.event;
import static io.sentiflow.ingest.TestEvents.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.connect.DeadLetter;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class TextValidatorTest {

    @Test
    void emitsValidTextsAndSendsRefusedRecordsToTheSideOutput() throws Exception {
        TextValidator validator =
                new TextValidator(new IngestConfig(1024, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        try (OneInputStreamOperatorTestHarness<io.sentiflow.connect.RawRecord, ValidText> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(validator)) {
            harness.processElement(raw(0, avro(event("ok", "$TSLA soars", List.of()))), 0L);
            harness.processElement(raw(1, avro(event("blank", "  ", List.of()))), 0L);
            harness.processElement(raw(2, new byte[] {(byte) 0xC3}), 0L);
            harness.processElement(raw(3, new byte[2048]), 0L);

            assertThat(harness.extractOutputValues())
                    .extracting(ValidText::id, ValidText::entities)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ok", List.of("TSLA")));
            assertThat(harness.getSideOutput(TextValidator.DEAD_LETTERS))
                    .extracting(r -> r.getValue())
                    .extracting(DeadLetter::errorClass)
                    .containsExactly("EMPTY_TEXT", "UNKNOWN_FORMAT", "RECORD_TOO_LARGE");
        }
    }
}
