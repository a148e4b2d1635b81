package org.addrservice.core;

/** No entry has the given id (or the id is not one any entry could have). */
public final class EntryNotFoundException extends AddressBookException {

  private static final long serialVersionUID = 1L;

  public EntryNotFoundException() {
    super("Address entry not found");
  }
}
