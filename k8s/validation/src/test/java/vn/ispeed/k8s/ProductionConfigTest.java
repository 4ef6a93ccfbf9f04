package vn.ispeed.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the production overlay must give the services and the platform: every environment variable a service's
 * %prod configuration reads without a default has a value in its Deployment, and every topic of DESIGN.md exists as
 * a KafkaTopic (with its -dlq twin) with the retention the local stack gives it.
 */
class ProductionConfigTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");
    private static List<JsonNode> production;

    @BeforeAll
    static void render() throws Exception {
        production = Manifests.render("overlays/production");
    }

    @Test
    void everyVariableAServiceReadsInProdHasAValue() throws Exception {
        List<String> missing = new ArrayList<>();
        int services = 0;
        try (Stream<Path> modules = Files.list(Manifests.root())) {
            for (Path module : modules.sorted().toList()) {
                Path properties = module.resolve("src/main/resources/application.properties");
                String name = module.getFileName().toString();
                JsonNode deployment = find("Deployment", name);
                if (!Files.isRegularFile(properties) || deployment == null) {
                    continue;
                }
                services++;
                Set<String> provided = provided(deployment);
                for (String variable : required(Files.readAllLines(properties))) {
                    if (!provided.contains(variable)) {
                        missing.add(name + " reads ${" + variable + "} in %prod, and its Deployment does not set it");
                    }
                }
            }
        }
        assertThat(services).as("services with a Deployment and an application.properties").isGreaterThanOrEqualTo(4);
        assertThat(missing).isEmpty();
    }

    @Test
    void everyTopicOfTheDesignExistsWithItsRetention() throws Exception {
        Path design = Path.of(System.getProperty("ispeed.design", "../../../shared/DESIGN.md"));
        List<String> topics = designTopics(Files.readAllLines(design));
        assertThat(topics).contains("measurements", "measurements-located", "coverage", "notifications");
        Map<String, String> retention = stackRetention(Files.readString(Manifests.root().resolve("dev/stack")));
        assertThat(retention.get("measurements")).as("DESIGN.md: measurements keeps every test forever").isEqualTo("-1");
        for (String topic : topics) {
            assertThat(retention).as("dev/stack's TOPICS").containsKey(topic);
            for (String name : List.of(topic, topic + "-dlq")) {
                JsonNode kafkaTopic = find("KafkaTopic", name);
                assertThat(kafkaTopic).as("KafkaTopic " + name).isNotNull();
                assertThat(kafkaTopic.path("spec").path("config").path("retention.ms").asText()).as("retention.ms of " + name)
                        .isEqualTo(retention.get(topic));
                assertThat(kafkaTopic.path("spec").path("replicas").asInt()).as("replicas of " + name).isEqualTo(3);
            }
        }
    }

    /** Variables read without a default by lines that apply in prod: %prod lines, and plain lines %prod does not override. */
    static Set<String> required(List<String> lines) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> prod = new HashMap<>();
        for (String line : lines) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || eq < 0) {
                continue;
            }
            String key = l.substring(0, eq).strip();
            String value = l.substring(eq + 1).strip();
            if (key.startsWith("%prod.")) {
                prod.put(key.substring("%prod.".length()), value);
            } else if (!key.startsWith("%")) {
                plain.put(key, value);
            }
        }
        Map<String, String> effective = new HashMap<>(plain);
        effective.putAll(prod);
        Set<String> required = new TreeSet<>();
        for (String value : effective.values()) {
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                if (m.group(2) == null) {
                    required.add(m.group(1));
                }
            }
        }
        return required;
    }

    private static Set<String> provided(JsonNode deployment) {
        Set<String> names = new TreeSet<>();
        for (JsonNode c : deployment.path("spec").path("template").path("spec").path("containers")) {
            c.path("env").forEach(e -> names.add(e.path("name").asText()));
            for (JsonNode from : c.path("envFrom")) {
                JsonNode map = find("ConfigMap", from.path("configMapRef").path("name").asText());
                if (map != null) {
                    map.path("data").fieldNames().forEachRemaining(names::add);
                }
            }
        }
        return names;
    }

    private static JsonNode find(String kind, String name) {
        return production.stream().filter(o -> kind.equals(o.path("kind").asText()) && name.equals(o.path("metadata").path("name").asText()))
                .findFirst().orElse(null);
    }

    /** The first column of the table under "## Topics". */
    static List<String> designTopics(List<String> lines) {
        List<String> topics = new ArrayList<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.startsWith("## Topics");
                continue;
            }
            if (inSection && line.startsWith("|") && !line.startsWith("|--") && !line.startsWith("| topic")) {
                topics.add(line.split("\\|")[1].strip());
            }
        }
        return topics;
    }

    /** dev/stack's TOPICS=(name:partitions:retention.ms ...). */
    static Map<String, String> stackRetention(String stack) {
        Matcher m = Pattern.compile("(?m)^TOPICS=\\(([^)]*)\\)").matcher(stack);
        assertThat(m.find()).as("TOPICS=(...) in dev/stack").isTrue();
        Map<String, String> retention = new HashMap<>();
        for (String spec : m.group(1).trim().split("\\s+")) {
            String[] p = spec.split(":");
            retention.put(p[0], p[2]);
        }
        return retention;
    }
}
