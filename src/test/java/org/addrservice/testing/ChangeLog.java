package org.addrservice.testing;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The Liquibase change log the jar ships, {@code migrations.xml}, as tests count it. */
public final class ChangeLog {

  private static final String RESOURCE = "migrations.xml";

  private ChangeLog() {}

  /**
   * How many change sets a database of the given store type ({@code sqlite} or {@code postgres})
   * records once migrated: those without a {@code dbms}, and those for its database.
   */
  public static int changeSetsFor(String storeType) {
    String dbms = storeType.equals("postgres") ? "postgresql" : storeType;
    try (InputStream changeLog = ChangeLog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (changeLog == null) {
        throw new AssertionError(RESOURCE + " is not on the class path");
      }
      Document document =
          DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(changeLog);
      NodeList changeSets = document.getElementsByTagName("changeSet");
      int count = 0;
      for (int i = 0; i < changeSets.getLength(); i++) {
        String only = ((Element) changeSets.item(i)).getAttribute("dbms");
        if (only.isEmpty() || List.of(only.split(",")).contains(dbms)) {
          count++;
        }
      }
      return count;
    } catch (IOException | ParserConfigurationException | SAXException e) {
      throw new AssertionError("cannot read " + RESOURCE, e);
    }
  }
}
