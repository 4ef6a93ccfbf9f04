package vn.ispeed.testsupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import vn.ispeed.events.Topics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka (KRaft, broker + controller) run as a child JVM from the jars that
 * {@code dev/runtimes} resolved, so it can be stopped and started again like a real broker
 * (and never shares a classpath with the service under test).
 */
public final class KafkaBroker {
    /** Topics of DESIGN.md with their partition counts; each also gets a one-partition dead-letter twin. */
    public static final Map<String, Integer> TOPICS = Map.of(
            Topics.MEASUREMENTS, 6,
            Topics.MEASUREMENTS_LOCATED, 6,
            Topics.COVERAGE, 3,
            Topics.NOTIFICATIONS, 3);

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private Process process;

    public KafkaBroker(Path dir) throws IOException {
        this.dir = dir;
        this.port = Ports.free();
        this.controllerPort = Ports.free();
        this.classpath = readClasspath();
        Files.createDirectories(dir);
        writeConfig();
        format();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> cmd = java("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"), "-Dkafka.logs.dir=" + dir.resolve("logs"),
                "kafka.Kafka", dir.resolve("server.properties").toString());
        try {
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.out").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Kafka: " + e.getMessage(), e);
        }
        awaitReady(Duration.ofSeconds(60));
    }

    /** Stops the broker the hard way (SIGKILL) or gracefully; the data directory is kept for {@link #start()}. */
    public synchronized void stop(boolean hard) {
        if (process == null) {
            return;
        }
        if (hard) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops the broker gracefully and deletes its data directory: a test JVM's broker when the JVM exits. */
    public synchronized void discard() {
        stop(false);
        try {
            Dirs.deleteRecursively(dir);
        } catch (IOException e) {
            System.err.println("cannot delete the test broker's data " + dir + ": " + e);
        }
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** Creates the DESIGN topics (and their -dlq twins) if they do not exist. */
    public void createTopics() {
        List<NewTopic> topics = new ArrayList<>();
        TOPICS.forEach((name, partitions) -> {
            topics.add(new NewTopic(name, partitions, (short) 1)
                    .configs(Map.of("retention.ms", Topics.NOTIFICATIONS.equals(name) ? "2592000000" : "-1")));
            topics.add(new NewTopic(Topics.deadLetter(name), 1, (short) 1).configs(Map.of("retention.ms", "-1")));
        });
        try (Admin admin = admin()) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
                    }
                }
            }
            // A created topic reaches the broker's metadata cache a moment later (KRaft); on a loaded machine a listing
            // right after the creation could miss it, so wait until every topic is listed.
            java.util.Set<String> wanted = new java.util.HashSet<>();
            topics.forEach(t -> wanted.add(t.name()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(wanted)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka did not list the created topics within 30 s");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not create topics in 30 s", e);
        }
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(props);
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with " + process.exitValue() + "; see " + dir.resolve("broker.out"));
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
                sleep(200);
            }
        }
        throw new IllegalStateException("Kafka not ready after " + timeout.toSeconds() + " s; see " + dir.resolve("broker.out"), last);
    }

    private void writeConfig() throws IOException {
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=3",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "log.flush.interval.messages=9223372036854775807",
                "");
        Files.writeString(dir.resolve("server.properties"), config);
        Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                "status=warn",
                "appender.file.type=File",
                "appender.file.name=file",
                "appender.file.fileName=" + dir.resolve("logs/server.log"),
                "appender.file.layout.type=PatternLayout",
                "appender.file.layout.pattern=[%d] %p %m (%c)%n",
                "rootLogger.level=WARN",
                "rootLogger.appenderRef.file.ref=file",
                "logger.kafka.name=kafka",
                "logger.kafka.level=INFO",
                ""));
    }

    private void format() throws IOException {
        List<String> cmd = java("-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", dir.resolve("server.properties").toString(), "--ignore-formatted");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("format.out").toFile())).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka storage failed; see " + dir.resolve("format.out"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> java(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String readClasspath() throws IOException {
        Path file = Runtimes.dir().resolve("kafka.classpath");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("missing " + file + ": build it with ./mvnw -q -f dev/runtimes/pom.xml package");
        }
        return Files.readString(file).trim();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
