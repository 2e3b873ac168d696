package dev.ludus.exports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The two formats of an export, picked by {@code Accept}: NDJSON (one JSON object a line, the default)
 * or CSV (a header line, then one line a record, RFC 4180 quoting).
 */
enum ExportFormat {
    NDJSON("application/x-ndjson"), CSV("text/csv; charset=utf-8");

    private final String contentType;

    ExportFormat(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** CSV when {@code Accept} names {@code text/csv}, else NDJSON. */
    static ExportFormat of(String accept) {
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv") ? CSV : NDJSON;
    }

    /** Writes records, one a line, to a stream; the caller flushes between chunks. */
    interface Lines extends AutoCloseable {
        /** One record: its values by column, in the columns' order. */
        void write(Map<String, Object> record) throws IOException;

        void flush() throws IOException;

        @Override
        void close() throws IOException;
    }

    /** A writer of records with these {@code columns} (the CSV header; NDJSON members in this order). */
    Lines lines(OutputStream out, List<String> columns, ObjectMapper json) throws IOException {
        if (this == NDJSON) {
            JsonGenerator generator = json.getFactory().createGenerator(out)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .setRootValueSeparator(null); // lines end with a line feed, and nothing starts them
            return new Lines() {
                @Override
                public void write(Map<String, Object> record) throws IOException {
                    json.writeValue(generator, record);
                    generator.writeRaw('\n');
                }

                @Override
                public void flush() throws IOException {
                    generator.flush();
                }

                @Override
                public void close() throws IOException {
                    generator.close();
                }
            };
        }
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        CsvMapper csv = new CsvMapper();
        csv.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        SequenceWriter writer = csv.writer(schema.build()).writeValues(out);
        return new Lines() {
            @Override
            public void write(Map<String, Object> record) throws IOException {
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    Object value = record.get(columns.get(i));
                    row[i] = value == null || value instanceof String || value instanceof Number
                            || value instanceof Boolean ? value : json.writeValueAsString(value);
                }
                writer.write(row);
            }

            @Override
            public void flush() throws IOException {
                writer.flush();
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }
}
