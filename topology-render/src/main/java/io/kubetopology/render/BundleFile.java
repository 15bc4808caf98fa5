package io.kubetopology.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One file of a bundle: its path inside the bundle, its text, its POSIX mode, and whether it
 * contains a secret. {@link #toString()} shows the path and mode, never the content.
 */
public final class BundleFile {
  /** Mode of ordinary files: owner read-write, everyone else read. */
  public static final int MODE_READABLE = 0644;

  /** Mode of scripts: executable by everyone, writable by the owner only. */
  public static final int MODE_EXECUTABLE = 0755;

  /** Mode of files that hold a secret: owner read-write only. */
  public static final int MODE_SECRET = 0600;

  private final String path;
  private final String text;
  private final int mode;
  private final boolean secret;

  private BundleFile(String path, String text, int mode, boolean secret) {
    this.path = path;
    this.text = text;
    this.mode = mode;
    this.secret = secret;
  }

  /** Creates a file readable by everyone. */
  public static BundleFile readable(String path, String text) {
    return new BundleFile(path, text, MODE_READABLE, false);
  }

  /** Creates an executable script. */
  public static BundleFile executable(String path, String text) {
    return new BundleFile(path, text, MODE_EXECUTABLE, false);
  }

  /** Creates a file that contains a secret, readable by its owner only. */
  public static BundleFile secret(String path, String text) {
    return new BundleFile(path, text, MODE_SECRET, true);
  }

  /** Returns the path inside the bundle, with '/' separators and no leading '/'. */
  public String path() {
    return path;
  }

  /** Returns the content as text. */
  public String text() {
    return text;
  }

  /** Returns the content as UTF-8 bytes, exactly as written to disk. */
  public byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the POSIX permission bits, such as {@code 0644}. */
  public int mode() {
    return mode;
  }

  /** Returns the mode as four octal digits, such as {@code 0600}. */
  public String modeText() {
    String octal = Integer.toOctalString(mode);
    return "0000".substring(octal.length()) + octal;
  }

  /** Returns true if the file contains a secret (a token, key or password). */
  public boolean containsSecret() {
    return secret;
  }

  /** Returns the lowercase hex SHA-256 of {@link #bytes()}. */
  public String sha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return path + " (" + modeText() + (secret ? ", secret" : "") + ")";
  }
}
