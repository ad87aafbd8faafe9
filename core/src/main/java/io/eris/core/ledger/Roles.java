package io.eris.core.ledger;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.model.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Role lists as the genesis writes them: {@code u32 n | n x string}, sorted (by code unit, which
 * for the allowed alphabet is byte order) and unique, each 1..64 chars of {@code [a-z0-9:_.-]}.
 */
final class Roles {
  /** Role granting WRITE access to the shared namespace that follows the colon. */
  static final String WRITER_PREFIX = "writer:";

  private Roles() {}

  static List<String> canonical(List<String> roles) {
    TreeSet<String> sorted = new TreeSet<>(roles);
    if (sorted.size() != roles.size()) {
      throw new CodecException(ErrorCode.INVALID_BODY, "duplicate role");
    }
    if (sorted.size() > Limits.MAX_ROLES) {
      throw new CodecException(ErrorCode.FIELD_TOO_LARGE, "too many roles");
    }
    for (String r : sorted) {
      if (r.isEmpty() || r.length() > Limits.MAX_ROLE_BYTES || !r.matches("[a-z0-9:_.\\-]+")) {
        throw new CodecException(
            ErrorCode.INVALID_BODY, "role names are 1-64 chars of [a-z0-9:_.-]: " + r);
      }
    }
    return List.copyOf(sorted);
  }

  static void write(CanonicalWriter w, List<String> roles) {
    w.u32(roles.size());
    for (String r : roles) {
      w.string(r);
    }
  }

  static List<String> read(CanonicalReader r) {
    int n = r.count(Limits.MAX_ROLES, "roles");
    List<String> roles = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      roles.add(r.string(Limits.MAX_ROLE_BYTES, "role"));
    }
    List<String> canonical = canonical(roles);
    if (!canonical.equals(roles)) {
      throw new CodecException(ErrorCode.NON_CANONICAL, "roles must be sorted and unique");
    }
    return canonical;
  }
}
