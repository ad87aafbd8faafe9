package io.eris.core.crypto;

import io.eris.core.codec.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node or account key on disk: JSON {@code {"type":"ed25519","seed":hex,"publicKey":hex,
 * "address":hex}}, created owner-read/write only. The public key and address are checked against
 * the seed when read, so a damaged file is refused instead of signing with a wrong key.
 */
public final class KeyFile {
  private KeyFile() {}

  public static KeyPair read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Object parsed;
    try {
      parsed = Json.parse(text, 4096);
    } catch (RuntimeException e) {
      throw new IOException(
          "key file " + file.getFileName() + " is not valid JSON: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> m)
        || !"ed25519".equals(m.get("type"))
        || !(m.get("seed") instanceof String seedHex)
        || !seedHex.matches("[0-9a-f]{64}")) {
      throw new IOException("key file " + file.getFileName() + " is not an ed25519 key file");
    }
    KeyPair kp = KeyPair.fromSeed(HexFormat.of().parseHex(seedHex));
    if (m.get("publicKey") != null && !kp.publicKey().toHex().equals(m.get("publicKey"))) {
      throw new IOException("key file " + file.getFileName() + ": public key does not match seed");
    }
    return kp;
  }

  /** Writes a new key file; refuses to overwrite an existing one. */
  public static void write(Path file, KeyPair key) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "ed25519");
    m.put("seed", HexFormat.of().formatHex(key.seed()));
    m.put("publicKey", key.publicKey().toHex());
    m.put("address", key.address().toHex());
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString());
    }
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(
        file, Json.write(m), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }
}
