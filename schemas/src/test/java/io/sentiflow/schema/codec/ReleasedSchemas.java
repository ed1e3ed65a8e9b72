package io.sentiflow.schema.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of a record's schema, kept in the test resources as {@code released/<Name>-v<N>.avsc},
 * numbered from 0 without gaps. The newest is the schema deployed now; the older ones are what producers and
 * consumers out there may still run, so every change is judged against all of them.
 */
final class ReleasedSchemas {

    private ReleasedSchemas() {
    }

    /** The releases of {@code current}'s record, oldest first; fails if there is none. */
    static List<Schema> of(Schema current) {
        List<Schema> releases = new ArrayList<>();
        for (int version = 0; ; version++) {
            String path = path(current, version);
            try (InputStream in = ReleasedSchemas.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    break;
                }
                releases.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        if (releases.isEmpty()) {
            throw new AssertionError("no " + path(current, 0) + " in the test resources: every topic record keeps"
                    + " its released schemas there");
        }
        return List.copyOf(releases);
    }

    static String path(Schema current, int version) {
        return "released/" + current.getName() + "-v" + version + ".avsc";
    }
}
