import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Waits for the broker, then makes the topics match the specs given as arguments
 * ({@code name:partitions:retention.ms}): creates missing ones, sets the retention of existing
 * ones, and only reports (never shrinks) a partition count that differs. One JVM for all topics,
 * run as a single-file program by dev/stack: {@code java -cp <kafka.classpath> EnsureTopics.java
 * <bootstrap> <timeout-seconds> <spec>...}.
 */
public class EnsureTopics {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
        Map<String, int[]> partitions = new LinkedHashMap<>();
        Map<String, String> retention = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] spec = args[i].split(":");
            partitions.put(spec[0], new int[] {Integer.parseInt(spec[1])});
            retention.put(spec[0], spec[2]);
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(props)) {
            Exception last = null;
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    break;
                } catch (Exception e) {
                    last = e;
                    if (System.nanoTime() > deadline) {
                        System.err.println("broker at " + bootstrap + " not ready: " + last);
                        System.exit(2);
                    }
                    Thread.sleep(300);
                }
            }
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (var topic : partitions.entrySet()) {
                if (!existing.contains(topic.getKey())) {
                    missing.add(new NewTopic(topic.getKey(), topic.getValue()[0], (short) 1)
                            .configs(Map.of("retention.ms", retention.get(topic.getKey()))));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> alter = new LinkedHashMap<>();
            retention.forEach((name, ms) -> alter.put(new ConfigResource(ConfigResource.Type.TOPIC, name),
                    List.of(new AlterConfigOp(new ConfigEntry("retention.ms", ms), AlterConfigOp.OpType.SET))));
            admin.incrementalAlterConfigs(alter).all().get(30, TimeUnit.SECONDS);
            Map<String, TopicDescription> described = admin.describeTopics(partitions.keySet()).allTopicNames().get(30, TimeUnit.SECONDS);
            for (var topic : partitions.entrySet()) {
                int actual = described.get(topic.getKey()).partitions().size();
                String note = actual == topic.getValue()[0] ? "" : "  (expected " + topic.getValue()[0] + " partitions)";
                System.out.printf("  %-26s %2d partitions  retention.ms=%s%s%n", topic.getKey(), actual, retention.get(topic.getKey()), note);
            }
        }
    }
}
