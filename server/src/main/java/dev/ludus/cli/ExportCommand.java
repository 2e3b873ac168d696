package dev.ludus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.ludus.rulesfile.RulesFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ludus export events|users}: writes an application's export ({@code GET /v1/export/...}) to a
 * file as it arrives, with a progress line on a terminal; {@code --resume} continues a file that a
 * broken run left, after its last complete line. docs/exports.md.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write an application's events or users to a file (NDJSON, or CSV with --csv) from the running "
                + "server.", "Any size; --resume continues a file a broken run left. Format: docs/exports.md."})
final class ExportCommand implements Callable<Integer> {

    static final String SUBJECT = "ludus-export";
    /** The lifetime of the tokens export mints: a long export keeps its connection, not its token. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofMillis(500).toNanos();

    @Parameters(index = "0", paramLabel = "WHAT", description = "events or users")
    String what;

    @Option(names = {"-o", "--out"}, description = "the file to write (default: events.ndjson, users.csv, ...)")
    Path out;

    @Option(names = "--csv", description = "CSV instead of NDJSON")
    boolean csv;

    @Option(names = "--from", description = "events received at or after this instant (RFC 3339)")
    String from;

    @Option(names = "--to", description = "events received before this instant (RFC 3339)")
    String to;

    @Option(names = "--resume", description = "continue the file after its last complete line")
    boolean resume;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!what.equals("events") && !what.equals("users")) {
            throw new CliException("export what? 'events' or 'users', not '" + what + "'");
        }
        if (what.equals("users") && (from != null || to != null)) {
            throw new CliException("--from and --to select events; a users export takes every user");
        }
        checkInstant("--from", from);
        checkInstant("--to", to);
        Path file = out != null ? out : Path.of(what + (csv ? ".csv" : ".ndjson"));
        Optional<String> after = Optional.empty();
        boolean header = csv;
        if (Files.exists(file)) {
            if (!resume) {
                throw new CliException(file + " exists: pass --resume to continue it, or remove it");
            }
            after = lastId(file);
            header = csv && Files.size(file) == 0;
        } else if (resume) {
            throw new CliException("nothing to resume: " + file + " does not exist");
        }
        String base = server.base(System.getenv());
        String bearer = server.bearer(System.getenv(), SUBJECT, TOKEN_LIFETIME);
        List<String> query = new ArrayList<>();
        add(query, "from", from);
        add(query, "to", to);
        add(query, "after", after.orElse(null));
        String path = "/v1/export/" + what + (query.isEmpty() ? "" : "?" + String.join("&", query));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", csv ? "text/csv" : "application/x-ndjson")
                .GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new CliException("no Ludus server answers at " + base + ": start it with './ludus serve' (or pass --url)");
        } catch (IllegalArgumentException e) {
            throw new CliException("not a usable server URL: " + base);
        }
        if (response.statusCode() / 100 != 2) {
            try (InputStream body = response.body()) {
                throw new Refused("export", "GET", path, response.statusCode(),
                        new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8));
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = System.console() != null;
        long started = System.nanoTime();
        long lines = 0;
        long bytes = 0;
        try (InputStream body = response.body();
                OutputStream target = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            byte[] buffer = new byte[64 * 1024];
            boolean skipping = csv && !header; // a resumed CSV file has its header already
            long shown = started;
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                int start = 0;
                if (skipping) {
                    while (start < read && buffer[start] != '\n') {
                        start++;
                    }
                    if (start < read) {
                        start++;
                        skipping = false;
                    } else {
                        continue;
                    }
                }
                for (int i = start; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                target.write(buffer, start, read - start);
                bytes += read - start;
                long now = System.nanoTime();
                if (terminal && now - shown >= PROGRESS_EVERY_NANOS) {
                    err.print("\r" + progress(lines, bytes, now - started));
                    err.flush();
                    shown = now;
                }
            }
        } catch (IOException e) {
            throw new CliException("the export broke after " + lines + " lines (" + e.getMessage() + "); run the same "
                    + "command with --resume to continue it");
        }
        if (terminal) {
            err.print("\r");
        }
        long records = csv && header ? Math.max(0, lines - 1) : lines;
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("Exported " + String.format(Locale.ROOT, "%,d", records) + " " + what + " to " + file
                + (after.isPresent() ? " (resumed after " + after.get() + ")" : "") + " in "
                + String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9) + " s.");
        stdout.flush();
        return 0;
    }

    private static String progress(long lines, long bytes, long nanos) {
        double seconds = Math.max(nanos / 1e9, 0.001);
        return String.format(Locale.ROOT, "%,d lines  %.1f MB  %,.0f lines/s", lines, bytes / 1e6, lines / seconds);
    }

    private static void add(List<String> query, String name, String value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static void checkInstant(String option, String value) {
        if (value == null) {
            return;
        }
        try {
            OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new CliException(option + " must be an RFC 3339 instant, such as 2026-12-01T00:00:00Z");
        }
    }

    /**
     * The id of the file's last complete line, after cutting off what follows it (a line a broken run
     * left half written); empty when no record is complete.
     */
    private Optional<String> lastId(Path file) throws IOException {
        try (RandomAccessFile data = new RandomAccessFile(file.toFile(), "rw")) {
            long end = data.length();
            long cut = end;
            while (cut > 0) {
                data.seek(cut - 1);
                if (data.read() == '\n') {
                    break;
                }
                cut--;
            }
            data.setLength(cut);
            if (cut == 0) {
                return Optional.empty();
            }
            long start = cut - 1;
            while (start > 0) {
                data.seek(start - 1);
                if (data.read() == '\n') {
                    break;
                }
                start--;
            }
            byte[] line = new byte[(int) (cut - start)];
            data.seek(start);
            data.readFully(line);
            String text = new String(line, StandardCharsets.UTF_8).strip();
            if (csv) {
                if (start == 0) {
                    return Optional.empty(); // the header alone
                }
                CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
                try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class).readValues(text)) {
                    return Optional.of(rows.next().getFirst());
                }
            }
            JsonNode record = RulesFile.JSON.readTree(text);
            if (!record.path("id").isTextual()) {
                throw new CliException("the last line of " + file + " is not an export's record: cannot resume it");
            }
            return Optional.of(record.path("id").asText());
        }
    }
}
