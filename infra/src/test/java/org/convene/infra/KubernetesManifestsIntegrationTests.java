package org.convene.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks the cluster deployment files in {@code infra/k8s} offline, against the services as built:
 * every environment variable a container gets binds to a setting the service really has (read from
 * the configuration metadata inside its jar), every container has probes on the actuator's health
 * groups and resource requests, and no password or key is written into the files. It runs with the
 * integration tests because it reads the packaged jars.
 */
class KubernetesManifestsIntegrationTests {

  private static final Path MANIFESTS = Path.of("k8s");
  private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET)$");

  /** Variables the JVM reads, not Spring. */
  private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

  private static final Map<String, ServiceJar> SERVICES = new HashMap<>();
  private static final List<Map<String, Object>> DOCUMENTS = new ArrayList<>();

  @BeforeAll
  static void readManifestsAndJars() throws IOException {
    SERVICES.put(
        "scheduler", ServiceJar.read(Path.of(System.getProperty("convene.scheduler-jar"))));
    SERVICES.put("notifier", ServiceJar.read(Path.of(System.getProperty("convene.notifier-jar"))));
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    try (Stream<Path> files = Files.list(MANIFESTS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (Reader reader = Files.newBufferedReader(file)) {
          for (Object document : yaml.loadAll(reader)) {
            Map<String, Object> manifest = map(document);
            manifest.put("_file", file.getFileName().toString());
            DOCUMENTS.add(manifest);
          }
        }
      }
    }
  }

  @Test
  void theKustomizationListsEveryManifestAndNamesTheImagesTheDeploymentsUse() {
    Map<String, Object> kustomization = only("Kustomization");
    Set<String> listed = new TreeSet<>(strings(kustomization.get("resources")));
    Set<String> files = new TreeSet<>();
    DOCUMENTS.stream()
        .map(d -> (String) d.get("_file"))
        .filter(f -> !f.equals("kustomization.yaml"))
        .forEach(files::add);
    assertThat(listed).isEqualTo(files);

    Set<String> images = new TreeSet<>();
    list(kustomization.get("images")).forEach(i -> images.add((String) map(i).get("name")));
    Set<String> used = new TreeSet<>();
    deployments().forEach(d -> containers(d).forEach(c -> used.add((String) c.get("image"))));
    assertThat(images).isEqualTo(used);
  }

  @Test
  void eachServiceRunsWithProbesOnItsHealthGroupsResourcesAndNoRootRights() {
    assertThat(deployments())
        .extracting(KubernetesManifestsIntegrationTests::name)
        .containsExactlyInAnyOrder("scheduler", "notifier");
    for (Map<String, Object> deployment : deployments()) {
      ServiceJar service = SERVICES.get(name(deployment));
      Map<String, Object> container = containers(deployment).getFirst();
      Map<String, Object> port = map(list(container.get("ports")).getFirst());
      assertThat(port.get("containerPort"))
          .as("%s listens where the service does", name(deployment))
          .isEqualTo(Integer.parseInt(service.defaults().getProperty("server.port")));
      assertThat(probePath(container, "livenessProbe")).isEqualTo("/actuator/health/liveness");
      assertThat(probePath(container, "startupProbe")).isEqualTo("/actuator/health/liveness");
      assertThat(probePath(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
      assertThat(service.defaults().getProperty("management.endpoint.health.probes.enabled"))
          .isEqualTo("true");
      for (String probe : List.of("livenessProbe", "startupProbe", "readinessProbe")) {
        assertThat(map(map(container.get(probe)).get("httpGet")).get("port"))
            .isEqualTo(port.get("name"));
      }

      Map<String, Object> resources = map(container.get("resources"));
      assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
      assertThat(map(resources.get("limits"))).containsKey("memory");

      Map<String, Object> podSecurity =
          map(map(template(deployment).get("spec")).get("securityContext"));
      assertThat(podSecurity.get("runAsNonRoot")).isEqualTo(true);
      assertThat(map(container.get("securityContext")).get("allowPrivilegeEscalation"))
          .isEqualTo(false);
    }
  }

  @Test
  void everyVariableAContainerGetsIsASettingOfThatService() {
    Map<String, String> config = stringMap(only("ConfigMap").get("data"));
    for (Map<String, Object> deployment : deployments()) {
      ServiceJar service = SERVICES.get(name(deployment));
      Map<String, Object> container = containers(deployment).getFirst();
      Set<String> variables = new TreeSet<>();
      envs(container).forEach(e -> variables.add((String) e.get("name")));
      Set<String> picked = pickedConfigKeys();
      if (container.containsKey("envFrom")) {
        config.keySet().stream().filter(key -> !picked.contains(key)).forEach(variables::add);
      }
      for (String variable : variables) {
        if (JVM_VARIABLES.contains(variable) || usedOnlyByTheOtherService(variable, service)) {
          continue;
        }
        assertThat(service.binds(variable))
            .as("%s binds %s to a setting it has", name(deployment), variable)
            .isTrue();
      }
    }
  }

  @Test
  void everyConfigMapKeyIsASettingOfSomeService() {
    Map<String, String> config = stringMap(only("ConfigMap").get("data"));
    Set<String> picked = pickedConfigKeys();
    for (String key : config.keySet()) {
      if (JVM_VARIABLES.contains(key) || picked.contains(key)) {
        continue;
      }
      assertThat(SERVICES.values().stream().anyMatch(s -> s.binds(key)))
          .as("some service binds %s", key)
          .isTrue();
    }
    assertThat(picked).allSatisfy(key -> assertThat(config).containsKey(key));
  }

  @Test
  void passwordsAndKeysComeFromTheSecretTheReadmeTellsHowToCreate() throws IOException {
    Map<String, String> config = stringMap(only("ConfigMap").get("data"));
    assertThat(config.keySet()).noneMatch(key -> SECRET_NAME.matcher(key).matches());
    assertThat(DOCUMENTS).noneMatch(d -> "Secret".equals(d.get("kind")));

    Set<String> referenced = new TreeSet<>();
    for (Map<String, Object> deployment : deployments()) {
      for (Map<String, Object> env : envs(containers(deployment).getFirst())) {
        String variable = (String) env.get("name");
        Object secretRef = map(env.get("valueFrom")).get("secretKeyRef");
        if (SECRET_NAME.matcher(variable).matches()) {
          assertThat(env)
              .as("%s is not written into the manifest", variable)
              .doesNotContainKey("value");
          assertThat(secretRef).as("%s comes from a secret", variable).isNotNull();
        }
        if (secretRef != null) {
          assertThat(map(secretRef).get("name")).isEqualTo("convene-secrets");
          referenced.add((String) map(secretRef).get("key"));
        }
      }
    }
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    Matcher literal = Pattern.compile("--from-literal=([a-z-]+)=").matcher(readme);
    Set<String> documented = new TreeSet<>();
    while (literal.find()) {
      documented.add(literal.group(1));
    }
    assertThat(documented).isEqualTo(referenced);
  }

  /** ConfigMap keys a container reads under another variable's name (configMapKeyRef). */
  private static Set<String> pickedConfigKeys() {
    Set<String> picked = new HashSet<>();
    deployments()
        .forEach(
            d ->
                containers(d)
                    .forEach(
                        c ->
                            envs(c).stream()
                                .map(e -> map(e.get("valueFrom")).get("configMapKeyRef"))
                                .filter(ref -> ref != null)
                                .forEach(ref -> picked.add((String) map(ref).get("key")))));
    return picked;
  }

  private static boolean usedOnlyByTheOtherService(String variable, ServiceJar service) {
    return !service.binds(variable)
        && SERVICES.values().stream().anyMatch(other -> other != service && other.binds(variable));
  }

  private static String probePath(Map<String, Object> container, String probe) {
    return (String) map(map(container.get(probe)).get("httpGet")).get("path");
  }

  private static List<Map<String, Object>> deployments() {
    return DOCUMENTS.stream().filter(d -> "Deployment".equals(d.get("kind"))).toList();
  }

  private static Map<String, Object> only(String kind) {
    List<Map<String, Object>> found =
        DOCUMENTS.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    assertThat(found).as("one %s", kind).hasSize(1);
    return found.getFirst();
  }

  private static String name(Map<String, Object> manifest) {
    return (String) map(manifest.get("metadata")).get("name");
  }

  private static Map<String, Object> template(Map<String, Object> deployment) {
    return map(map(deployment.get("spec")).get("template"));
  }

  private static List<Map<String, Object>> containers(Map<String, Object> deployment) {
    return list(map(template(deployment).get("spec")).get("containers")).stream()
        .map(KubernetesManifestsIntegrationTests::map)
        .toList();
  }

  private static List<Map<String, Object>> envs(Map<String, Object> container) {
    return list(container.get("env")).stream()
        .map(KubernetesManifestsIntegrationTests::map)
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value == null ? new LinkedHashMap<>() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return value == null ? List.of() : (List<Object>) value;
  }

  private static List<String> strings(Object value) {
    return list(value).stream().map(String.class::cast).toList();
  }

  private static Map<String, String> stringMap(Object value) {
    Map<String, String> strings = new LinkedHashMap<>();
    map(value).forEach((key, v) -> strings.put(key, String.valueOf(v)));
    return strings;
  }

  /**
   * What a service's executable jar says about its settings: every property named in the
   * configuration metadata of its own classes and of its libraries, and its application.properties.
   */
  private record ServiceJar(Map<String, String> propertyTypes, Properties defaults) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    static ServiceJar read(Path jar) throws IOException {
      Map<String, String> types = new HashMap<>();
      Properties defaults = new Properties();
      try (JarFile file = new JarFile(jar.toFile())) {
        Enumeration<JarEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
          JarEntry entry = entries.nextElement();
          // The service's own metadata: at the jar's root in Spring Boot 4, under classes before.
          if (entry.getName().equals(METADATA)
              || entry.getName().equals("BOOT-INF/classes/" + METADATA)) {
            try (InputStream in = file.getInputStream(entry)) {
              addMetadata(in.readAllBytes(), types);
            }
          } else if (entry.getName().equals("BOOT-INF/classes/application.properties")) {
            try (InputStream in = file.getInputStream(entry)) {
              defaults.load(in);
            }
          } else if (entry.getName().startsWith("BOOT-INF/lib/spring-boot")) {
            // Spring Boot's modules describe every spring.*, server.* and management.* setting.
            try (JarInputStream library = new JarInputStream(file.getInputStream(entry))) {
              for (JarEntry inner = library.getNextJarEntry();
                  inner != null;
                  inner = library.getNextJarEntry()) {
                if (inner.getName().equals(METADATA)) {
                  addMetadata(library.readAllBytes(), types);
                }
              }
            }
          }
        }
      }
      assertThat(types).as("configuration metadata in %s", jar).isNotEmpty();
      return new ServiceJar(types, defaults);
    }

    private static void addMetadata(byte[] json, Map<String, String> types) {
      JsonNode properties = JSON.readTree(new ByteArrayInputStream(json)).path("properties");
      for (JsonNode property : properties) {
        types.put(property.path("name").asString(), property.path("type").asString(""));
      }
    }

    /**
     * Whether an environment variable binds to one of the settings, by Spring Boot's rule for
     * environment variables: upper case, dots as underscores, dashes dropped; below a map or a list
     * the rest of the name is the key or the index.
     */
    boolean binds(String variable) {
      for (Map.Entry<String, String> property : propertyTypes.entrySet()) {
        String form = property.getKey().toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
        if (variable.equals(form)) {
          return true;
        }
        String type = property.getValue();
        boolean container =
            type.startsWith("java.util.Map")
                || type.startsWith("java.util.List")
                || type.endsWith("[]");
        if (container && variable.startsWith(form + "_")) {
          return true;
        }
      }
      return false;
    }
  }
}
