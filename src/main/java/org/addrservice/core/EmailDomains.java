package org.addrservice.core;

import com.google.common.net.InternetDomainName;

/**
 * The rule for e-mail domains that the schema's {@code format: email} leaves out: the domain must
 * be a DNS name under a registry suffix of the <a href="https://publicsuffix.org">Public Suffix
 * List</a> (as Guava ships it), so that {@code a@b}, {@code a@localhost}, {@code a@[127.0.0.1]} and
 * {@code a@example.invalid} are refused while {@code x@example.co.uk} and an internationalised
 * domain are not. Private suffixes ({@code github.io}) count as names under their registry suffix.
 */
final class EmailDomains {

  static final String NOT_UNDER_A_PUBLIC_SUFFIX =
      "must have a domain under a public suffix, such as example.org or example.co.uk";

  private EmailDomains() {}

  static boolean isUnderAPublicSuffix(String email) {
    String domain = email.substring(email.lastIndexOf('@') + 1);
    return InternetDomainName.isValid(domain)
        && InternetDomainName.from(domain).isUnderRegistrySuffix();
  }
}
