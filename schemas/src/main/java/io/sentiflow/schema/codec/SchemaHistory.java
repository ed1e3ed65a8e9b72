package io.sentiflow.schema.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.message.SchemaStore;

/**
 * The older writer schemas of a record, kept as resources so that payloads written by producers that have not
 * upgraded still resolve. A record {@code io.sentiflow.schema.TextEvent} looks for
 * {@code io/sentiflow/schema/history/TextEvent-v0.avsc}, {@code -v1.avsc} and so on, stopping at the first
 * missing number. Each must have the record's full name and be readable by the current schema; a resource that
 * is not fails the codec's creation, because it would otherwise reject real traffic at run time.
 *
 * <p>Stateless; the store it builds is only read after construction.
 */
final class SchemaHistory {

    private SchemaHistory() {
    }

    /** A schema store that knows {@code current} and every older writer schema of it. */
    static SchemaStore.Cache storeFor(Schema current, ClassLoader loader) {
        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(current);
        for (Schema older : olderWriterSchemas(current, loader)) {
            store.addSchema(older);
        }
        return store;
    }

    /** The older writer schemas of {@code current}, oldest first. */
    static List<Schema> olderWriterSchemas(Schema current, ClassLoader loader) {
        String folder = current.getNamespace() == null ? "history/" : current.getNamespace().replace('.', '/') + "/history/";
        List<Schema> schemas = new ArrayList<>();
        for (int version = 0; ; version++) {
            String resource = folder + current.getName() + "-v" + version + ".avsc";
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    return List.copyOf(schemas);
                }
                schemas.add(checked(new Schema.Parser().parse(in), current, resource));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read writer schema " + resource, e);
            }
        }
    }

    private static Schema checked(Schema older, Schema current, String resource) {
        if (!older.getFullName().equals(current.getFullName())) {
            throw new IllegalStateException(resource + " describes " + older.getFullName()
                    + ", expected an older " + current.getFullName());
        }
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(current, older);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new IllegalStateException("the current " + current.getFullName() + " cannot read data written with "
                    + resource + ": " + compatibility.getDescription());
        }
        return older;
    }
}
