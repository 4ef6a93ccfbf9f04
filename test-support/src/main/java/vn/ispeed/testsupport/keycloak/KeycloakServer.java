package vn.ispeed.testsupport.keycloak;

import vn.ispeed.testsupport.Dirs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A Keycloak instance of its own: a home dir with its own bin/, conf/ and data/ (the database
 * copied from the prepared template) and the big lib/, themes/, providers/ linked to the shared
 * distribution, so starting one costs seconds and no disk.
 */
public final class KeycloakServer {
    private static final String HOME_PREFIX = "ispeed-keycloak-";
    private static final String OWNER = "owner.pid";

    private final Path home;
    private final KeycloakProcess process;
    private final int port;

    private KeycloakServer(Path home, KeycloakProcess process, int port) {
        this.home = home;
        this.process = process;
        this.port = port;
    }

    public static KeycloakServer start(KeycloakDistribution dist) {
        Path home;
        try {
            removeOrphanHomes();
            home = Files.createTempDirectory(HOME_PREFIX);
            Files.writeString(home.resolve(OWNER), Long.toString(ProcessHandle.current().pid()));
            layoutHome(dist, home, dist.template());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out a Keycloak home", e);
        }
        KeycloakProcess process = KeycloakProcess.start(home, home.resolve("keycloak.log"));
        int port = process.awaitListening(Duration.ofMinutes(3));
        KeycloakServer server = new KeycloakServer(home, process, port);
        server.awaitRealm(Duration.ofSeconds(60));
        return server;
    }

    /** bin/ and conf/ copied, lib/ themes/ providers/ linked, the realm to import, and the template database if given. */
    static void layoutHome(KeycloakDistribution dist, Path home, Path template) throws IOException {
        KeycloakDistribution.copyRecursively(dist.home().resolve("bin"), home.resolve("bin"));
        KeycloakDistribution.copyRecursively(dist.home().resolve("conf"), home.resolve("conf"));
        for (String shared : new String[] {"lib", "themes", "providers"}) {
            Files.createSymbolicLink(home.resolve(shared), dist.home().resolve(shared));
        }
        Files.createDirectories(home.resolve("data/import"));
        Files.copy(dist.realm(), home.resolve("data/import/ispeed-realm.json"));
        if (template != null) {
            KeycloakDistribution.copyRecursively(template, home.resolve("data/h2"));
        }
    }

    /** Homes left by test JVMs that were killed (their Keycloak died with them, see KeycloakProcess). */
    private static void removeOrphanHomes() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (var homes = Files.newDirectoryStream(tmp, HOME_PREFIX + "*")) {
            for (Path home : homes) {
                Path owner = home.resolve(OWNER);
                if (Files.isRegularFile(owner)) {
                    long pid = Long.parseLong(Files.readString(owner).trim());
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                    Dirs.deleteRecursively(home);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // best effort: a leftover home only costs disk
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public Path log() {
        return process.log();
    }

    public void stop() {
        process.stop();
        try {
            Dirs.deleteRecursively(home);
        } catch (IOException ignored) {
            // a temp dir; nothing depends on it any more
        }
    }

    private void awaitRealm(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI wellKnown = URI.create(realmUrl("ispeed") + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(wellKnown).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (!process.alive()) {
                throw new IllegalStateException("Keycloak exited; see " + log());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("realm ispeed not served after " + timeout.toSeconds() + " s; see " + log());
    }
}
