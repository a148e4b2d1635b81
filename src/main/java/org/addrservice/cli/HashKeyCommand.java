package org.addrservice.cli;

import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.addrservice.auth.ApiKeyAuthenticator;

/**
 * {@code hash-key [--name NAME] [--role reader|writer]}: prints the {@code auth.keys} entry for the
 * key read from standard input, so that only the key's hash goes into the configuration. With
 * nothing on standard input it makes a new random key, and prints that key on standard error, so
 * that redirecting standard output into a file never writes the key there.
 */
public final class HashKeyCommand extends Command {

  static final int NEW_KEY_BYTES = 32;

  private static final String NAME = "name";
  private static final String ROLE = "role";

  private final SecureRandom random = new SecureRandom();

  public HashKeyCommand() {
    super("hash-key", "Prints the auth.keys entry for an API key read from standard input");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser
        .addArgument("--name")
        .dest(NAME)
        .setDefault("client")
        .help("the key's name, which the request log shows (default: client)");
    subparser
        .addArgument("--role")
        .dest(ROLE)
        .choices("reader", "writer")
        .setDefault("reader")
        .help("reader may only GET, HEAD and OPTIONS; writer may do everything (default: reader)");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws IOException {
    String key = readKey(System.in);
    if (key.isEmpty()) {
      key = newKey();
      System.err.println("A new key; give it to the client, it is not kept anywhere:");
      System.err.println(key);
    }
    PrintStream out = System.out;
    out.println("    - name: " + namespace.getString(NAME));
    out.println("      role: " + namespace.getString(ROLE));
    out.println("      sha256: " + ApiKeyAuthenticator.sha256Hex(key));
  }

  /**
   * The key on standard input without surrounding white space (such as the line break {@code echo}
   * adds, which HTTP drops from a header value as well); empty when there is none.
   */
  // On Java 17, which the service targets, a console exists only when nothing is redirected. On 22
  // and newer one always exists, and a key typed at the terminal is read up to Ctrl-D instead.
  @SuppressWarnings("SystemConsoleNull")
  static String readKey(InputStream in) throws IOException {
    if (System.console() != null && Runtime.version().feature() < 22) {
      // An interactive terminal: nothing was piped in, and waiting for typing would hang.
      return "";
    }
    return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
  }

  private String newKey() {
    byte[] bytes = new byte[NEW_KEY_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
