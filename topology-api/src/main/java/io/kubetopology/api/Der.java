package io.kubetopology.api;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The few DER (ASN.1) steps needed to turn a PKCS #1 or SEC 1 private key into PKCS #8, the only
 * private key encoding the JDK's key factories read.
 */
final class Der {
  private static final int SEQUENCE = 0x30;
  private static final int OCTET_STRING = 0x04;
  private static final byte[] VERSION_ZERO = {0x02, 0x01, 0x00};

  private Der() {}

  /**
   * Wraps a traditional private key in a PKCS #8 PrivateKeyInfo: {@code SEQUENCE { INTEGER 0,
   * AlgorithmIdentifier, OCTET STRING key }}. The AlgorithmIdentifier is copied from the
   * certificate's SubjectPublicKeyInfo, which names the same algorithm and, for ECDSA, the curve.
   *
   * @throws IllegalArgumentException if {@code subjectPublicKeyInfo} is not a DER SEQUENCE that
   *     starts with a SEQUENCE
   */
  static byte[] wrapInPkcs8(byte[] traditionalKey, byte[] subjectPublicKeyInfo) {
    byte[] algorithm = firstElement(contents(subjectPublicKeyInfo, 0));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(VERSION_ZERO);
    body.writeBytes(algorithm);
    body.writeBytes(element(OCTET_STRING, traditionalKey));
    return element(SEQUENCE, body.toByteArray());
  }

  /** Encodes one element: its tag, its length in DER form and its contents. */
  static byte[] element(int tag, byte[] contents) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = contents.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
        out.write(length >>> shift);
      }
    }
    out.writeBytes(contents);
    return out.toByteArray();
  }

  /** Returns the contents of the SEQUENCE that starts at {@code offset}. */
  private static byte[] contents(byte[] der, int offset) {
    requireSequence(der, offset);
    int[] header = header(der, offset);
    return Arrays.copyOfRange(der, header[0], header[0] + header[1]);
  }

  /** Returns the whole first element, tag and length included, of a sequence's contents. */
  private static byte[] firstElement(byte[] contents) {
    requireSequence(contents, 0);
    int[] header = header(contents, 0);
    return Arrays.copyOfRange(contents, 0, header[0] + header[1]);
  }

  private static void requireSequence(byte[] der, int offset) {
    if (der.length < offset + 2 || (der[offset] & 0xff) != SEQUENCE) {
      throw new IllegalArgumentException("expected a DER SEQUENCE at offset " + offset);
    }
  }

  /** Returns the offset where the element's contents start, and their length. */
  private static int[] header(byte[] der, int offset) {
    int first = der[offset + 1] & 0xff;
    if (first < 0x80) {
      return new int[] {offset + 2, first};
    }
    int count = first & 0x7f;
    if (count == 0 || count > 3 || der.length < offset + 2 + count) {
      throw new IllegalArgumentException("unsupported DER length at offset " + offset);
    }
    int length = 0;
    for (int i = 0; i < count; i++) {
      length = (length << 8) | (der[offset + 2 + i] & 0xff);
    }
    int start = offset + 2 + count;
    if (der.length < start + length) {
      throw new IllegalArgumentException("truncated DER element at offset " + offset);
    }
    return new int[] {start, length};
  }
}
