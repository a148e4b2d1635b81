package org.addrservice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.dropwizard.util.DataSize;
import java.nio.file.Path;
import org.addrservice.core.port.StoreException;
import org.addrservice.testing.SmallFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The usable space a store's file system must keep, measured on a real small file system. */
class FreeSpaceTest {

  @Test
  void aFileSystemWithEnoughRoomAnswersHowMuchIsUsableAndAFullOneIsRefusedSayingSo() {
    try (SmallFileSystem disk = SmallFileSystem.mount(256 * 1024)) {
      FreeSpace freeSpace = new FreeSpace(disk.root(), DataSize.kibibytes(64));

      assertThat(freeSpace.require()).isEqualTo(256 * 1024);

      disk.fillLeaving(1);
      assertThatExceptionOfType(StoreException.class)
          .isThrownBy(freeSpace::require)
          .withMessage(
              "only 4.0 KiB usable on the file system of "
                  + disk.root()
                  + ", less than store.minFreeSpace (64.0 KiB)");

      disk.free();
      assertThat(freeSpace.require()).isEqualTo(256 * 1024);
    }
  }

  @Test
  void aMinimumOfNothingIsNeverShort() {
    try (SmallFileSystem disk = SmallFileSystem.mount(64 * 1024)) {
      disk.fillLeaving(0);

      assertThat(new FreeSpace(disk.root(), DataSize.bytes(0)).require()).isZero();
    }
  }

  @Test
  void aPathThatIsGoneCannotTellItsSpace() {
    Path gone = Path.of("/nonexistent-addrservice-store");

    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> new FreeSpace(gone, DataSize.mebibytes(1)).require())
        .withMessageContaining("cannot tell the usable space")
        .withMessageContaining(gone.toString());
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0 bytes",
    "1023, 1023 bytes",
    "1024, 1.0 KiB",
    "4096, 4.0 KiB",
    "16777216, 16.0 MiB",
    "5368709120, 5.0 GiB",
    "9223372036854775807, 8.0 EiB"
  })
  void sizesAreDescribedForPeople(long bytes, String described) {
    assertThat(FreeSpace.describe(bytes)).isEqualTo(described);
  }
}
