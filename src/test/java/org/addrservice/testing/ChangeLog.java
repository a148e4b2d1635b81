package org.addrservice.testing;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/** The Liquibase change log the jar ships, {@code migrations.xml}, as tests count it. */
public final class ChangeLog {

  private static final String RESOURCE = "migrations.xml";

  private ChangeLog() {}

  /** How many change sets it holds: a migrated database records each once. */
  public static int changeSets() {
    try (InputStream changeLog = ChangeLog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (changeLog == null) {
        throw new AssertionError(RESOURCE + " is not on the class path");
      }
      Document document =
          DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(changeLog);
      return document.getElementsByTagName("changeSet").getLength();
    } catch (IOException | ParserConfigurationException | SAXException e) {
      throw new AssertionError("cannot read " + RESOURCE, e);
    }
  }
}
