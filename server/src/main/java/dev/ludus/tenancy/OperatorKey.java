package dev.ludus.tenancy;

import dev.ludus.secrets.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The operator key that guards {@code /admin/v1}: {@code LUDUS_ADMIN_KEY} when set, otherwise the
 * content of {@code admin.key} in the data directory, generated (mode 0600) on first start.
 *
 * @param value the key itself; never logged
 * @param file the file it was read from or written to; empty when it came from the environment
 * @param generated true when this start created the file
 */
public record OperatorKey(String value, Optional<Path> file, boolean generated) {

    /** Name of the key file in the data directory. */
    public static final String FILE_NAME = "admin.key";

    @Override
    public String toString() {
        return "OperatorKey[file=" + file + ", generated=" + generated + "]";
    }

    /** The configured key, or the one in {@code dataDir} (created when missing). */
    public static OperatorKey resolve(Optional<String> configured, Path dataDir, Secrets secrets) {
        if (configured.isPresent()) {
            return new OperatorKey(configured.get(), Optional.empty(), false);
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(file)) {
                return new OperatorKey(read(file), Optional.of(file), false);
            }
            String key = secrets.secret("lok_");
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException raced) {
                return new OperatorKey(read(file), Optional.of(file), false);
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return new OperatorKey(key, Optional.of(file), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the operator key file " + file, e);
        }
    }

    /** Reads an existing key file; used by the CLI to find the running server's key. */
    public static Optional<String> readExisting(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operator key file " + file, e);
        }
    }

    private static String read(Path file) throws IOException {
        String key = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (key.length() < 32) {
            throw new IOException("the operator key in " + file + " is shorter than 32 characters");
        }
        return key;
    }
}
