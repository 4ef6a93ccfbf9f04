package vn.ispeed.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The faults of a chaos run, spread evenly over the load: kill -9 each service and start it
 * again, restart Kafka, restart PostgreSQL; each through the local stack's own commands.
 */
public final class ChaosPlan implements E2eRun.DuringLoad {
    private static final List<List<String>> STEPS = List.of(
            List.of("kill", "ingest-service"), List.of("kill", "geo-service"), List.of("kill", "stats-service"),
            List.of("kill", "notify-service"), List.of("restart", "kafka"), List.of("restart", "postgres"));

    private final String stack;
    private final int durationSeconds;
    private final List<Map<String, Object>> timeline = new ArrayList<>();
    private Thread thread;

    public ChaosPlan(String stack, int durationSeconds) {
        this.stack = stack;
        this.durationSeconds = durationSeconds;
    }

    @Override
    public void start(Consumer<String> log) {
        long start = System.nanoTime();
        long gap = durationSeconds * 1_000_000_000L / (STEPS.size() + 1);
        thread = new Thread(() -> {
            for (int i = 0; i < STEPS.size(); i++) {
                long due = start + (i + 1) * gap;
                try {
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
                } catch (InterruptedException e) {
                    return;
                }
                List<String> step = STEPS.get(i);
                long at = System.nanoTime();
                log.accept("chaos: " + String.join(" ", step));
                int exit = run(step);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("atSecond", Math.round((at - start) / 1e9));
                entry.put("action", String.join(" ", step));
                entry.put("exit", exit);
                entry.put("tookSeconds", Math.round((System.nanoTime() - at) / 1e8) / 10.0);
                synchronized (timeline) {
                    timeline.add(entry);
                }
                log.accept("chaos: " + String.join(" ", step) + " done (exit " + exit + ")");
            }
        }, "chaos");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * {@code kill <service>}: SIGKILL to the service's process group (the PID file dev/stack
     * keeps), then {@code dev/stack up --all}, which starts what is down and waits until ready.
     * {@code restart <component>}: dev/stack's own graceful restart.
     */
    private int run(List<String> step) {
        if (step.get(0).equals("kill")) {
            java.nio.file.Path pidFile = java.nio.file.Path.of(".dev/run", step.get(1) + ".pid");
            try {
                long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).trim());
                int killed = exec(List.of("kill", "-KILL", "--", "-" + pid));
                for (int i = 0; i < 100 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
                    Thread.sleep(100);
                }
                if (killed != 0) {
                    return killed;
                }
            } catch (IOException | NumberFormatException e) {
                return -4;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -3;
            }
            return exec(List.of(stack, "up", "--all"));
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(stack);
        cmd.addAll(step);
        return exec(cmd);
    }

    private static int exec(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            return p.waitFor(300, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -3;
        }
    }

    @Override
    public void stop() {
        try {
            if (thread != null) {
                thread.join(TimeUnit.MINUTES.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<Map<String, Object>> timeline() {
        synchronized (timeline) {
            return List.copyOf(timeline);
        }
    }
}
