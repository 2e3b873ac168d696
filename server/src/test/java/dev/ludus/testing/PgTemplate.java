package dev.ludus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A PostgreSQL database with the store's schema already migrated, that each test store is copied from
 * ({@code CREATE DATABASE ... TEMPLATE}, a file copy) instead of running every migration again: the
 * migrations of a fresh schema cost most of a PostgreSQL test store's start. Named by a hash of the
 * migrations' contents ({@code ludus_template_<hash>}), so a changed migration makes a new template;
 * made once per machine and migration set (the first JVM that needs it builds it under another name
 * and renames it, so two JVMs never see half of one). Nothing connects to a template once it is made.
 */
final class PgTemplate {

    /** The schema the store lives in, in the template and in every copy. */
    static final String SCHEMA = "ludus";

    private static final List<String> LOCATIONS = List.of("db/migration/common", "db/migration/postgresql");
    private static String name;

    private PgTemplate() { }

    /** The template's name for the server of {@code baseUrl}, made when it does not exist yet. */
    static synchronized String of(String baseUrl) {
        if (name == null) {
            name = made(baseUrl, "ludus_template_" + migrationsHash());
        }
        return name;
    }

    /** {@code jdbcUrl} ({@code jdbc:postgresql://host:port/database?...}) naming {@code database} instead. */
    static String withDatabase(String jdbcUrl, String database) {
        int hosts = jdbcUrl.indexOf("//") + 2;
        int query = jdbcUrl.indexOf('?', hosts);
        if (query < 0) {
            query = jdbcUrl.length();
        }
        int path = jdbcUrl.indexOf('/', hosts);
        if (path < 0 || path > query) {
            path = query;
        }
        return jdbcUrl.substring(0, path) + "/" + database + jdbcUrl.substring(query);
    }

    /** {@code url} with {@code name=value} added to its query. */
    static String withParameter(String url, String name, String value) {
        return url + (url.contains("?") ? "&" : "?") + name + "=" + value;
    }

    private static String made(String baseUrl, String template) {
        if (exists(baseUrl, template)) {
            return template;
        }
        String building = template + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute(baseUrl, "CREATE DATABASE " + building);
        try {
            String url = withDatabase(baseUrl, building);
            execute(url, "CREATE SCHEMA " + SCHEMA);
            dev.ludus.store.Database.postgresql(withParameter(url, "currentSchema", SCHEMA)).close();
            execute(baseUrl, "ALTER DATABASE " + building + " RENAME TO " + template);
        } catch (RuntimeException e) {
            execute(baseUrl, "DROP DATABASE IF EXISTS " + building + " WITH (FORCE)");
            if (!exists(baseUrl, template)) {
                throw e;
            }
            // another JVM made it first
        }
        return template;
    }

    private static boolean exists(String baseUrl, String database) {
        try (Connection connection = DriverManager.getConnection(baseUrl);
                var statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, database);
            try (var result = statement.executeQuery()) {
                return result.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look for the database " + database, e);
        }
    }

    static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on the test store", e);
        }
    }

    /** SHA-256 of the names and contents of the PostgreSQL migrations on the class path, 16 hex digits. */
    private static String migrationsHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String location : LOCATIONS) {
                for (Path file : files(location)) {
                    digest.update(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    digest.update(Files.readAllBytes(file));
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The files of a class path folder, by name, whether the classes are a folder or a jar. */
    private static List<Path> files(String location) throws IOException {
        URL url = PgTemplate.class.getClassLoader().getResource(location);
        if (url == null) {
            throw new IllegalStateException("no migrations at " + location + " on the class path");
        }
        try {
            URI uri = url.toURI();
            Path folder;
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    jar = FileSystems.getFileSystem(uri);
                }
                folder = jar.getPath(location);
            } else {
                folder = Path.of(uri);
            }
            try (Stream<Path> listed = Files.list(folder)) {
                List<Path> files = new ArrayList<>(listed.filter(file -> file.toString().endsWith(".sql")).toList());
                files.sort(java.util.Comparator.comparing(file -> file.getFileName().toString()));
                return files;
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
