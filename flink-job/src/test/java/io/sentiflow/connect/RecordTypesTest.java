package io.sentiflow.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.ingest.ValidText;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/** The records that travel between operators must be POJOs: the Kryo fallback is disabled in tests. */
class RecordTypesTest {

    @Test
    void pipelineRecordsAreFlinkPojos() {
        assertThat(TypeInformation.of(RawRecord.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(DeadLetter.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(ValidText.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
