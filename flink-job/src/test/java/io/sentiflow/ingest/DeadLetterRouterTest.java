package io.sentiflow.ingest;

import static io.sentiflow.ingest.TestEvents.NOW;
import static io.sentiflow.ingest.TestEvents.avro;
import static io.sentiflow.ingest.TestEvents.event;
import static io.sentiflow.ingest.TestEvents.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.connect.DeadLetter;
import io.sentiflow.schema.codec.RecordCodec;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DeadLetterRouterTest {

    @Test
    void emitsValidTextsAndSendsRefusedRecordsToTheSideOutputKeepingTheirTimestamps() throws Exception {
        Configuration conf = new Configuration();
        conf.set(IngestOptions.MAX_RECORD_BYTES, MemorySize.parse("1kb"));
        TextValidation validation = new TextValidation(RecordCodec.textEvents(), IngestConfig.fromConfiguration(conf));
        try (OneInputStreamOperatorTestHarness<IngestedRecord, ValidText> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new DeadLetterRouter())) {
            harness.processElement(validation.validate(raw(0, avro(event("ok", "$TSLA soars", List.of()))), NOW), 7L);
            harness.processElement(validation.validate(raw(1, avro(event("blank", "  ", List.of()))), NOW), 8L);
            harness.processElement(validation.validate(raw(2, new byte[] {(byte) 0xC3}), NOW), 9L);
            harness.processElement(validation.validate(raw(3, new byte[2048]), NOW), 10L);

            assertThat(harness.extractOutputValues())
                    .extracting(ValidText::id, ValidText::entities)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ok", List.of("TSLA")));
            assertThat(harness.getSideOutput(DeadLetterRouter.DEAD_LETTERS))
                    .extracting(r -> r.getValue())
                    .extracting(DeadLetter::errorClass)
                    .containsExactly("EMPTY_TEXT", "UNKNOWN_FORMAT", "RECORD_TOO_LARGE");
            assertThat(harness.getSideOutput(DeadLetterRouter.DEAD_LETTERS))
                    .extracting(r -> r.getTimestamp()).containsExactly(8L, 9L, 10L);
        }
    }
}
