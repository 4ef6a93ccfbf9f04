package vn.ispeed.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with kubectl and reads the objects (offline: kustomize needs no cluster). */
final class Manifests {
    static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {
    }

    static Path root() {
        return Path.of(System.getProperty("ispeed.root", "../..")).toAbsolutePath().normalize();
    }

    static String kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Path.of(dir, "kubectl").toString();
            }
        }
        throw new IllegalStateException("kubectl is needed to render the overlays (kubectl kustomize, Kubernetes 1.27+): this"
                + " project's machines have it in their image; elsewhere install it from the Kubernetes project's package"
                + " repository (see k8s/README.md), then run the tests again");
    }

    /** {@code kubectl kustomize k8s/<dir>}: the rendered objects, in order. */
    static List<JsonNode> render(String dir) throws IOException, InterruptedException {
        Path out = Files.createTempFile("ispeed-kustomize-", ".yaml");
        Path err = Files.createTempFile("ispeed-kustomize-", ".err");
        try {
            Process p = new ProcessBuilder(kubectl(), "kustomize", root().resolve("k8s").resolve(dir).toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("kubectl kustomize k8s/" + dir + " failed: " + Files.readString(err));
            }
            return parse(Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static List<JsonNode> parse(String yaml) {
        List<JsonNode> objects = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (doc != null) {
                objects.add(JSON.valueToTree(doc));
            }
        }
        return objects;
    }

    static String name(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }
}
