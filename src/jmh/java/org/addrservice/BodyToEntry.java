package org.addrservice;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import org.addrservice.core.EntryValidator;
import org.addrservice.core.StorableText;
import org.addrservice.core.UnstorableTextException;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.resources.JsonBodyReader;

/**
 * What POST and PUT do with a request body before the store sees it: the web edge reads it as JSON,
 * then the service checks its text and its schema and makes the entry of it.
 */
public final class BodyToEntry {

  private final JsonBodyReader bodies;
  private final EntryValidator validator;

  public BodyToEntry(JsonBodyReader bodies, EntryValidator validator) {
    this.bodies = bodies;
    this.validator = validator;
  }

  /** The body to a JSON tree, as the web edge reads it. */
  public JsonNode parse(InputStream body) {
    return bodies.read(body);
  }

  /** Request bytes to a valid entry. */
  public AddressEntry read(InputStream body) {
    JsonNode document = bodies.read(body);
    StorableText.firstProblem(document)
        .ifPresent(
            problem -> {
              throw new UnstorableTextException(problem);
            });
    return validator.validate(document);
  }
}
