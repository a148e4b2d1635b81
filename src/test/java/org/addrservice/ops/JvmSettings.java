package org.addrservice.ops;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options ({@code JDK_JAVA_OPTIONS}) each way of deploying the service sets, the bound on
 * the C library's malloc arenas beside them, and the memory the Kubernetes deployment allows.
 */
public final class JvmSettings {

  static final String VARIABLE = "JDK_JAVA_OPTIONS";
  static final String MALLOC_ARENAS = "MALLOC_ARENA_MAX";

  private static final Pattern MAX_HEAP = Pattern.compile("-Xmx(\\d+)([mMgG])");

  private JvmSettings() {}

  static String docker() {
    return DockerImageTest.dockerfile().environment().get(VARIABLE);
  }

  static String systemd() {
    return SystemdUnitTest.unit().environment().get(VARIABLE);
  }

  static String kubernetes() {
    return KubernetesManifestsTest.envValue(VARIABLE).asText();
  }

  /**
   * The ops deployments' JVM options, for a test that runs the jar as they do, less the class
   * archive, which lives in the image.
   */
  public static List<String> opsOptionsWithoutArchive() {
    return Arrays.stream(docker().trim().split("\\s+"))
        .filter(option -> !option.startsWith("-XX:SharedArchiveFile="))
        .toList();
  }

  /** The memory limit of the Kubernetes deployment's container, in MiB. */
  public static long kubernetesMemoryLimitMebibytes() {
    String limit = OpsKit.container().at("/resources/limits/memory").asText();
    if (!limit.endsWith("Mi")) {
      throw new AssertionError("the memory limit is not in Mi: " + limit);
    }
    return Long.parseLong(limit.substring(0, limit.length() - 2));
  }

  static long maxHeapMebibytes(String options) {
    Matcher heap = MAX_HEAP.matcher(options);
    if (!heap.find()) {
      throw new AssertionError("no -Xmx in " + options);
    }
    long size = Long.parseLong(heap.group(1));
    return heap.group(2).equalsIgnoreCase("g") ? size * 1024 : size;
  }
}
