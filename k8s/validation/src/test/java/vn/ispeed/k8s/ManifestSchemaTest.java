package vn.ispeed.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every overlay renders, and every object it renders is valid for Kubernetes 1.34 and the operators' CRDs. */
class ManifestSchemaTest {
    private static final SchemaCheck CHECK = new SchemaCheck();

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/production"})
    void everyRenderedObjectValidates(String dir) throws Exception {
        List<JsonNode> objects = Manifests.render(dir);
        assertThat(objects).hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        objects.forEach(o -> problems.addAll(CHECK.check(o)));
        assertThat(problems).as("schema findings in k8s/" + dir).isEmpty();
    }

    @Test
    void aDeliberatelyBrokenManifestFailsTheCheck() {
        List<JsonNode> broken = Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: broken}
                spec:
                  replicas: two
                  selector: {matchLabels: {app: broken}}
                  template:
                    metadata: {labels: {app: broken}}
                    spec:
                      containers:
                        - name: broken
                          image: ispeed/broken
                          imagePullPolicyy: Always
                ---
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: broken, labels: {strimzi.io/cluster: ispeed-kafka}}
                spec: {partitions: six, replicas: 3}
                ---
                apiVersion: gateway.envoyproxy.io/v1alpha1
                kind: BackendTrafficPolicy
                metadata: {name: broken}
                spec:
                  rateLimit: {type: Local, local: {rules: [{limit: {requests: 10, unit: Fortnight}}]}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: broken, labelz: {a: b}}
                ---
                apiVersion: example.com/v1
                kind: Unknown
                metadata: {name: broken}
                """);
        assertThat(CHECK.check(broken.get(0))).anySatisfy(p -> assertThat(p).contains("replicas"))
                .anySatisfy(p -> assertThat(p).contains("imagePullPolicyy"));
        assertThat(CHECK.check(broken.get(1))).anySatisfy(p -> assertThat(p).contains("partitions"));
        assertThat(CHECK.check(broken.get(2))).anySatisfy(p -> assertThat(p).contains("unit"));
        assertThat(CHECK.check(broken.get(3))).anySatisfy(p -> assertThat(p).contains("labelz"));
        assertThat(CHECK.check(broken.get(4))).anySatisfy(p -> assertThat(p).contains("no schema for example.com/v1/Unknown"));
    }
}
