package org.addrservice.store.fs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.google.auto.service.AutoService;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.DataSize;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.Optional;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.store.FreeSpace;
import org.addrservice.store.StoreFactory;

/** {@code store: {type: fs, directory: ./data/addresses}}: one JSON file per entry. */
@AutoService(StoreFactory.class)
@JsonTypeName(FileSystemStoreFactory.TYPE)
public final class FileSystemStoreFactory implements StoreFactory {

  public static final String TYPE = "fs";

  @NotEmpty private String directory = "./data/addresses";

  @NotNull private DataSize minFreeSpace = FreeSpace.DEFAULT_MINIMUM;

  @JsonProperty
  public String getDirectory() {
    return directory;
  }

  @JsonProperty
  public void setDirectory(String directory) {
    this.directory = directory;
  }

  @JsonProperty
  public DataSize getMinFreeSpace() {
    return minFreeSpace;
  }

  @JsonProperty
  public void setMinFreeSpace(DataSize minFreeSpace) {
    this.minFreeSpace = minFreeSpace;
  }

  @Override
  public Optional<FreeSpace> freeSpace() {
    return Optional.of(new FreeSpace(Path.of(directory), minFreeSpace));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public AddressBookStore build(Environment environment) {
    return FileSystemStore.open(Path.of(directory));
  }
}
