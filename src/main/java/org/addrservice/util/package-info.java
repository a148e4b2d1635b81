/**
 * Small helpers that any layer may use: they depend on the Java runtime alone, never on a class of
 * this service, so using them adds no arrow between the layers.
 */
package org.addrservice.util;
