package vn.ispeed.testsupport.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code kc.sh start-dev} child on a port the OS picks (read back from its log, so two test
 * JVMs never race for a port). It runs under a tiny shell watchdog that reads this JVM's pipe:
 * when the JVM ends, even by SIGKILL, the pipe closes and the watchdog stops Keycloak, so no
 * server outlives its test run.
 */
final class KeycloakProcess {
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://127\\.0\\.0\\.1:(\\d+)");
    private static final String WATCHDOG = "bash \"$0\" \"$@\" </dev/null & kc=$!; read -r _; kill -TERM $kc 2>/dev/null; wait $kc";

    private final Process process;
    private final Path log;

    private KeycloakProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static KeycloakProcess start(Path home, Path log) {
        List<String> cmd = List.of("bash", "-c", WATCHDOG, home.resolve("bin/kc.sh").toString(),
                "start-dev", "--db=dev-file", "--http-port=0", "--http-host=127.0.0.1", "--import-realm");
        ProcessBuilder builder = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        try {
            return new KeycloakProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + home, e);
        }
    }

    /** Waits for Keycloak's "started ... Listening on" line; returns the port. */
    int awaitListening(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String text = readLog();
            Matcher m = LISTENING.matcher(text);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + tail(text));
            }
            sleep(250);
        }
        stop();
        throw new IllegalStateException("Keycloak did not start in " + timeout.toSeconds() + " s; see " + log);
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Graceful stop (Keycloak flushes its H2 database), then the whole process tree by force. */
    void stop() {
        try {
            process.getOutputStream().close(); // the watchdog's read ends: it sends SIGTERM to kc.sh
        } catch (IOException ignored) {
            // already closed
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private String readLog() {
        try {
            // Latin-1 never fails on bytes that are not UTF-8; the line looked for is ASCII.
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, lines.length - 25); i < lines.length; i++) {
            sb.append(lines[i]).append('\n');
        }
        return sb.toString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
