package org.addrservice.ops;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options ({@code JDK_JAVA_OPTIONS}) each way of deploying the service sets, and the bound
 * on the C library's malloc arenas beside them.
 */
final class JvmSettings {

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

  static long maxHeapMebibytes(String options) {
    Matcher heap = MAX_HEAP.matcher(options);
    if (!heap.find()) {
      throw new AssertionError("no -Xmx in " + options);
    }
    long size = Long.parseLong(heap.group(1));
    return heap.group(2).equalsIgnoreCase("g") ? size * 1024 : size;
  }
}
