package org.addrservice.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.store.fs.FileSystemStoreFactory;
import org.addrservice.testing.Configs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ops/systemd: systemd's own tools find no problem in the unit and rate its sandbox well, and the
 * unit agrees with the jar, the configurations and the other ways of deploying.
 */
class SystemdUnitTest {

  private static final Path UNIT = OpsKit.OPS.resolve("systemd").resolve("addrservice.service");

  @Test
  void systemdAnalyzeVerifyReportsNothing() throws Exception {
    assumeTrue(systemdAnalyzeInstalled(), "systemd-analyze is not installed");

    Result verify = run("systemd-analyze", "verify", UNIT.toString());

    assertThat(verify.output()).isEmpty();
    assertThat(verify.exitCode()).isZero();
  }

  @Test
  void systemdAnalyzeSecurityRatesTheSandboxOk(@TempDir Path dir) throws Exception {
    assumeTrue(systemdAnalyzeInstalled(), "systemd-analyze is not installed");
    // Offline analysis names the unit by its file, which must carry the unit's name.
    Path copy = Files.copy(UNIT, dir.resolve("addrservice.service"));

    Result security =
        run("systemd-analyze", "security", "--offline=yes", "--threshold=30", copy.toString());

    assertThat(security.exitCode()).as(security.output()).isZero();
    assertThat(security.output()).contains("Overall exposure level for addrservice.service");
  }

  @Test
  void unitRunsTheJarWithTheInstalledConfigurationAsItsOwnUser() {
    Unit unit = unit();

    assertThat(unit.only("ExecStart"))
        .matches(
            "/usr/bin/java -jar /opt/addrservice/addrservice.jar server /etc/addrservice/config.yml");
    assertThat(unit.only("User")).isEqualTo("addrservice");
    assertThat(unit.only("Group")).isEqualTo("addrservice");
    assertThat(unit.only("EnvironmentFile")).startsWith("/etc/addrservice/");
    assertThat(unit.only("Restart")).isEqualTo("on-failure");
    assertThat(unit.values())
        .containsKeys("RestartSec", "StartLimitIntervalSec", "StartLimitBurst");
  }

  @Test
  void installMakesTheClassArchiveTheUnitsJavaOptionsNameForTheJarItRuns() {
    Matcher archive =
        Pattern.compile("(?:^|\\s)-XX:SharedArchiveFile=(\\S+)").matcher(JvmSettings.systemd());
    assertThat(archive.find()).as("the unit's java options name an archive").isTrue();

    assertThat(OpsKit.read(UNIT))
        .contains(
            "\n#   ops/cds/create-archive.sh /opt/addrservice/addrservice.jar "
                + archive.group(1)
                + "\n");
    assertThat(unit().only("ExecStart")).contains(" -jar /opt/addrservice/addrservice.jar ");
  }

  @Test
  void unitIsSandboxedButLetsTheJitCompilerWork() {
    Unit unit = unit();

    for (String key :
        List.of(
            "NoNewPrivileges",
            "ProtectHome",
            "PrivateTmp",
            "PrivateDevices",
            "ProtectKernelTunables",
            "ProtectKernelModules",
            "ProtectKernelLogs",
            "ProtectControlGroups",
            "RestrictNamespaces",
            "LockPersonality")) {
      assertThat(unit.only(key)).as(key).isEqualTo("yes");
    }
    assertThat(unit.only("ProtectSystem")).isEqualTo("strict");
    assertThat(unit.only("CapabilityBoundingSet")).isEmpty();
    assertThat(unit.only("SystemCallArchitectures")).isEqualTo("native");
    assertThat(unit.only("RestrictAddressFamilies")).contains("AF_INET");
    assertThat(unit.only("UMask")).isEqualTo("0027");
    assertThat(unit.only("MemoryDenyWriteExecute")).isEqualTo("no");
  }

  @ParameterizedTest
  @ValueSource(strings = {"config-fs.yml", "config-postgres.yml"})
  void unitWaitsLongerThanTheServiceTakesToStop(String configName) throws Exception {
    AddrServiceConfiguration config =
        Configs.load(
            OpsKit.read(OpsKit.OPS.resolve(configName)),
            withKeyHashes(Map.of("ADDRSERVICE_DB_PASSWORD", "secret")));

    long stopSeconds = OpsKit.stopDuration(config).toSeconds();

    assertThat(stopSeconds).isPositive();
    assertThat(Long.parseLong(unit().only("TimeoutStopSec"))).isGreaterThan(stopSeconds);
  }

  @Test
  void unitMayWriteWhereTheFileStoreKeepsItsEntries() throws Exception {
    AddrServiceConfiguration config =
        Configs.load(OpsKit.read(OpsKit.OPS.resolve("config-fs.yml")), withKeyHashes(Map.of()));
    String directory = ((FileSystemStoreFactory) config.getStore()).getDirectory();

    assertThat(unit().only("ReadWritePaths").split(" ", -1))
        .anyMatch(path -> directory.startsWith(path + "/"));
    assertThat(unit().only("WorkingDirectory")).isEqualTo("/var/lib/addrservice");
  }

  static Unit unit() {
    return Unit.parse(OpsKit.read(UNIT));
  }

  /** The settings of a unit file, each key with its values in order. */
  record Unit(Map<String, List<String>> values) {

    static Unit parse(String text) {
      Map<String, List<String>> values = new LinkedHashMap<>();
      for (String line : text.split("\n", -1)) {
        String setting = line.strip();
        if (setting.isEmpty() || setting.startsWith("#") || setting.startsWith("[")) {
          continue;
        }
        int equals = setting.indexOf('=');
        values
            .computeIfAbsent(setting.substring(0, equals), key -> new ArrayList<>())
            .add(setting.substring(equals + 1));
      }
      return new Unit(values);
    }

    String only(String key) {
      assertThat(values).as("the unit sets " + key).containsKey(key);
      assertThat(values.get(key)).as(key).hasSize(1);
      return values.get(key).get(0);
    }

    /** The variables of every {@code Environment=} line. */
    Map<String, String> environment() {
      Map<String, String> environment = new LinkedHashMap<>();
      for (String assignment : values.getOrDefault("Environment", List.of())) {
        String unquoted = assignment.replaceAll("^\"|\"$", "");
        int equals = unquoted.indexOf('=');
        environment.put(unquoted.substring(0, equals), unquoted.substring(equals + 1));
      }
      return environment;
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish");
    }
    return new Result(process.exitValue(), output.strip());
  }

  private static boolean systemdAnalyzeInstalled() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator, -1))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "systemd-analyze")));
  }

  private static Map<String, String> withKeyHashes(Map<String, String> environment) {
    Map<String, String> all = new HashMap<>(environment);
    all.putAll(OpsKit.testKeyHashes());
    return all;
  }
}
