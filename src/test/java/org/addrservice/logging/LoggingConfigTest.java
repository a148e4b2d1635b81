package org.addrservice.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.logging.common.FileAppenderFactory;
import io.dropwizard.util.DataSize;
import java.nio.file.Path;
import org.addrservice.testing.Configs;
import org.junit.jupiter.api.Test;

/** The shipped config.yml logs briefly to the console and in detail to a bounded, rotating file. */
class LoggingConfigTest {

  @Test
  void theFileLogRotatesBySizeUnderLogsAndKeepsABoundedHistory() throws Exception {
    DefaultLoggingFactory logging = shippedLogging();

    assertThat(logging.getAppenders()).hasSize(2);
    assertThat(logging.getAppenders().get(0)).isInstanceOf(ConsoleAppenderFactory.class);
    FileAppenderFactory<?> file = (FileAppenderFactory<?>) logging.getAppenders().get(1);
    assertThat(file.getCurrentLogFilename()).isEqualTo("./logs/addrservice.log");
    // Without a date (%d) in the pattern Dropwizard rolls by size alone and archivedFileCount is
    // the number of files kept; with one, it would be the number of days, each with any number.
    assertThat(file.getArchivedLogFilenamePattern())
        .startsWith("./logs/")
        .contains("%i")
        .doesNotContain("%d");
    assertThat(file.isArchive()).isTrue();
    assertThat(file.getMaxFileSize()).isNotNull().isLessThanOrEqualTo(DataSize.mebibytes(100));
    assertThat(file.getArchivedFileCount()).isBetween(1, 30);
    // Size per file times the number of files bounds the whole; logback's totalSizeCap is left
    // out because setting it makes logback print a status line at every start.
    assertThat(file.getMaxFileSize().toBytes() * (file.getArchivedFileCount() + 1))
        .isLessThanOrEqualTo(DataSize.gibibytes(1).toBytes());
    assertThat(file.getLogFormat()).contains("%X{req_id");
  }

  @Test
  void theRequestLoggerHasItsOwnLevel() throws Exception {
    assertThat(shippedLogging().getLoggers()).containsKey(CanonicalRequestLog.LOGGER_NAME);
  }

  private static DefaultLoggingFactory shippedLogging() throws Exception {
    return (DefaultLoggingFactory) Configs.load(Path.of("config.yml")).getLoggingFactory();
  }
}
