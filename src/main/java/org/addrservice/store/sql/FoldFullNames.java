package org.addrservice.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;
import org.addrservice.core.model.NameFolding;

/**
 * The Liquibase change that fills {@code full_name_folded} for the rows stored before the column
 * existed. It runs in Java because the fold is {@link NameFolding}'s, which no SQL function
 * reproduces; rows are read in id order, a batch at a time, so any size of table fits in memory.
 */
public final class FoldFullNames implements CustomTaskChange {

  private static final int BATCH = 1_000;

  private int folded;

  @Override
  public void execute(Database database) throws CustomChangeException {
    if (!(database.getConnection() instanceof JdbcConnection jdbc)) {
      throw new CustomChangeException("folding names needs a JDBC connection");
    }
    Connection connection = jdbc.getWrappedConnection();
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT id, full_name FROM address_entries WHERE id > ? ORDER BY id LIMIT "
                    + BATCH);
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE address_entries SET full_name_folded = ? WHERE id = ?")) {
      String after = "";
      while (true) {
        Map<String, String> names = nextBatch(select, after);
        if (names.isEmpty()) {
          return;
        }
        for (Map.Entry<String, String> name : names.entrySet()) {
          update.setString(1, NameFolding.fold(name.getValue()));
          update.setString(2, name.getKey());
          update.addBatch();
          after = name.getKey();
        }
        update.executeBatch();
        folded += names.size();
      }
    } catch (SQLException e) {
      throw new CustomChangeException("cannot fold the stored full names", e);
    }
  }

  private static Map<String, String> nextBatch(PreparedStatement select, String after)
      throws SQLException {
    select.setString(1, after);
    Map<String, String> names = new LinkedHashMap<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        names.put(rows.getString(1), rows.getString(2));
      }
    }
    return names;
  }

  @Override
  public String getConfirmationMessage() {
    return "folded the full names of " + folded + " stored entries";
  }

  @Override
  public void setUp() {
    // Nothing to prepare.
  }

  @Override
  public void setFileOpener(ResourceAccessor resourceAccessor) {
    // Reads no files.
  }

  @Override
  public ValidationErrors validate(Database database) {
    return new ValidationErrors();
  }
}
