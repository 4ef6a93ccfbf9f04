package vn.ispeed.testsupport.keycloak;

import vn.ispeed.testsupport.Dirs;
import vn.ispeed.testsupport.Runtimes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Keycloak distribution unpacked once per machine under the cache dir (shared with
 * {@code dev/stack}, same layout): {@code keycloak-VERSION/} holds the dist after its slow first
 * start (Quarkus' build step), and {@code templates/<realm-hash>/} an H2 database with the realm
 * already imported, so a test instance starts in seconds. Both are written to a temporary dir and
 * published by an atomic rename, so concurrent test JVMs never see half of either.
 */
public final class KeycloakDistribution {
    public static final String VERSION = "26.5.6";

    private final Path cache;
    private final Path dist;
    private final Path realm;

    private KeycloakDistribution(Path cache, Path realm) {
        this.cache = cache;
        this.dist = cache.resolve("keycloak-" + VERSION);
        this.realm = realm;
    }

    /** The distribution prepared for the project's realm file (prepared now if this is the first use). */
    public static KeycloakDistribution prepared() {
        KeycloakDistribution d = new KeycloakDistribution(cacheDir(), realmFile());
        d.prepare();
        return d;
    }

    public Path home() {
        return dist;
    }

    public Path realm() {
        return realm;
    }

    /** The H2 database with the current realm imported (a directory to copy into an instance's data/h2). */
    public Path template() {
        return dist.resolve("templates").resolve(realmHash());
    }

    /** {@code ispeed.cache.dir}, {@code ISPEED_CACHE_DIR}, else {@code $XDG_CACHE_HOME/ispeed} or {@code ~/.cache/ispeed}. */
    public static Path cacheDir() {
        String configured = System.getProperty("ispeed.cache.dir", System.getenv("ISPEED_CACHE_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("ispeed");
    }

    /** dev/keycloak/ispeed-realm.json of the project (found from ispeed.runtimes.dir or by walking up). */
    public static Path realmFile() {
        Path runtimes = Runtimes.dir().toAbsolutePath().normalize();
        if (runtimes.getParent() != null && runtimes.getParent().getParent() != null) {
            Path candidate = runtimes.getParent().getParent().resolve("dev/keycloak/ispeed-realm.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        Path candidate = Runtimes.projectRoot().resolve("dev/keycloak/ispeed-realm.json");
        if (!Files.isRegularFile(candidate)) {
            throw new IllegalStateException("missing realm file " + candidate);
        }
        return candidate;
    }

    private void prepare() {
        try {
            Files.createDirectories(cache);
            if (!Files.exists(dist.resolve(".prepared"))) {
                prepareDistribution();
            }
            if (!Files.isDirectory(template())) {
                prepareTemplate();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Keycloak under " + cache, e);
        }
    }

    private void prepareDistribution() throws IOException {
        Path tmp = cache.resolve("keycloak-" + VERSION + ".tmp." + ProcessHandle.current().pid());
        Dirs.deleteRecursively(tmp);
        unzip(zipFile(), tmp);
        // The first start does Quarkus' build step (~30 s) and imports the realm into a fresh H2.
        Path h2 = firstStart(tmp);
        Files.createDirectories(tmp.resolve("templates"));
        Files.move(h2, tmp.resolve("templates").resolve(realmHash()));
        Dirs.deleteRecursively(tmp.resolve("data"));
        Files.createFile(tmp.resolve(".prepared"));
        publish(tmp, dist);
    }

    private void prepareTemplate() throws IOException {
        Path home = Files.createTempDirectory("ispeed-keycloak-template-");
        try {
            KeycloakServer.layoutHome(this, home, null);
            Path h2 = firstStart(home);
            Path tmp = dist.resolve("templates").resolve(realmHash() + ".tmp." + ProcessHandle.current().pid());
            Files.createDirectories(tmp.getParent());
            Dirs.deleteRecursively(tmp);
            copyRecursively(h2, tmp);
            publish(tmp, template());
        } finally {
            Dirs.deleteRecursively(home);
        }
    }

    /** Starts Keycloak from {@code home} with an empty database and the realm, stops it once up; returns its data/h2. */
    private Path firstStart(Path home) throws IOException {
        Files.createDirectories(home.resolve("data/import"));
        Files.copy(realm, home.resolve("data/import/ispeed-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        KeycloakProcess process = KeycloakProcess.start(home, cache.resolve("keycloak-prepare-" + ProcessHandle.current().pid() + ".log"));
        try {
            process.awaitListening(Duration.ofMinutes(5));
        } finally {
            process.stop();
        }
        return home.resolve("data/h2");
    }

    private static void publish(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            Dirs.deleteRecursively(tmp); // another JVM published it first
        } catch (IOException e) {
            if (Files.exists(target)) {
                Dirs.deleteRecursively(tmp);
            } else {
                throw e;
            }
        }
    }

    private String realmHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(realm));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path zipFile() throws IOException {
        Path pathFile = Runtimes.dir().resolve("keycloak.zip.path");
        if (!Files.isRegularFile(pathFile)) {
            throw new IllegalStateException("missing " + pathFile + ": build it with ./mvnw -q -f dev/runtimes/pom.xml package");
        }
        Path zip = Path.of(Files.readString(pathFile).trim());
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("missing " + zip + ": resolve it with ./mvnw -q -f dev/runtimes/pom.xml package");
        }
        return zip;
    }

    /** Unpacks the dist zip into {@code target}, dropping its top folder (keycloak-VERSION/). */
    private static void unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            var entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path out = target.resolve(name.substring(slash + 1)).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path out = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(out);
                } else {
                    Files.copy(p, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
