package io.sentiflow.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.schema.LabeledText;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Older writer schemas are found by number and refused at start-up when the current schema cannot read them. */
class SchemaHistoryTest {

    private static final Schema CURRENT = LabeledText.getClassSchema();

    @TempDir
    Path resources;

    @Test
    void loadsConsecutiveVersionsIntoTheStore() throws IOException {
        Schema v0 = withoutField("annotator");
        writeHistory(0, v0);
        writeHistory(1, CURRENT);

        try (URLClassLoader loader = loader()) {
            assertThat(SchemaHistory.olderWriterSchemas(CURRENT, loader)).containsExactly(v0, CURRENT);
            assertThat(SchemaHistory.storeFor(CURRENT, loader).findByFingerprint(SchemaNormalization.parsingFingerprint64(v0)))
                    .isEqualTo(v0);
        }
    }

    @Test
    void refusesAHistorySchemaTheCurrentOneCannotRead() throws IOException {
        Schema taskAsString = new Schema.Parser().parse(CURRENT.toString()
                .replaceFirst("\\{\"type\":\"enum\",\"name\":\"Task\"[^}]*}", "\"string\""));
        assertThat(taskAsString.getField("task").schema().getType()).isEqualTo(Schema.Type.STRING);
        writeHistory(0, taskAsString);

        try (URLClassLoader loader = loader()) {
            assertThatThrownBy(() -> SchemaHistory.storeFor(CURRENT, loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot read data written with io/sentiflow/schema/history/LabeledText-v0.avsc");
        }
    }

    private static Schema withoutField(String name) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : CURRENT.getFields()) {
            if (!field.name().equals(name)) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        Schema older = Schema.createRecord(CURRENT.getName(), CURRENT.getDoc(), CURRENT.getNamespace(), false, fields);
        assertThat(older.getField(name)).isNull();
        return older;
    }

    private void writeHistory(int version, Schema schema) throws IOException {
        Path folder = Files.createDirectories(resources.resolve("io/sentiflow/schema/history"));
        Files.writeString(folder.resolve("LabeledText-v" + version + ".avsc"), schema.toString(true));
    }

    private URLClassLoader loader() throws IOException {
        return new URLClassLoader(new URL[] {resources.toUri().toURL()}, null);
    }
}
