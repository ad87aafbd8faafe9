package io.eris.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Flyway scripts are append-only and versioned; a duplicate or malformed name breaks deploys. */
class MigrationScriptsTest {
  private static final Pattern NAME = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");
  private static final Path DIR = Path.of("src/main/resources/db/migration");

  @Test
  void versionsAreWellFormedUniqueAndContiguous() throws IOException {
    List<String> names;
    try (Stream<Path> files = Files.list(DIR)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(names).isNotEmpty();
    Set<Integer> versions = new HashSet<>();
    for (String name : names) {
      Matcher m = NAME.matcher(name);
      assertThat(m.matches()).as("migration name %s", name).isTrue();
      assertThat(versions.add(Integer.parseInt(m.group(1)))).as("unique version %s", name).isTrue();
    }
    for (int v = 1; v <= versions.size(); v++) {
      assertThat(versions).as("versions start at 1 with no gaps").contains(v);
    }
  }

  @Test
  void scriptsAvoidVendorOnlySyntax() throws IOException {
    // The embedded default runs the same scripts on H2, so PostgreSQL-only syntax is refused.
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path p : files.toList()) {
        String sql = Files.readString(p).toUpperCase();
        assertThat(sql).as(p.toString()).doesNotContain("SERIAL", "JSONB", " WHERE CANONICAL");
      }
    }
  }
}
