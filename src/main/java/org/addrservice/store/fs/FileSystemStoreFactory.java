package org.addrservice.store.fs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.core.setup.Environment;
import jakarta.validation.constraints.NotEmpty;
import java.nio.file.Path;
import org.addrservice.store.AddressBookStore;
import org.addrservice.store.StoreFactory;

/** {@code store: {type: fs, directory: ./data/addresses}}: one JSON file per entry. */
@JsonTypeName(FileSystemStoreFactory.TYPE)
public final class FileSystemStoreFactory implements StoreFactory {

  public static final String TYPE = "fs";

  @NotEmpty private String directory = "./data/addresses";

  @JsonProperty
  public String getDirectory() {
    return directory;
  }

  @JsonProperty
  public void setDirectory(String directory) {
    this.directory = directory;
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
