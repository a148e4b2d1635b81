package org.addrservice.auth;

/** The client behind a request: the name and role of the configured key it presented. */
public record ApiKey(String name, Role role) {}
