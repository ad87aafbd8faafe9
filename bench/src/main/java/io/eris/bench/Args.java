package io.eris.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} and repeated options; {@code --flag} alone means "true". */
final class Args {
  private final Map<String, List<String>> values = new LinkedHashMap<>();
  final List<String> positional = new ArrayList<>();

  Args(String[] args, int from) {
    for (int i = from; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--")) {
        String name = a.substring(2);
        String v = "true";
        int eq = name.indexOf('=');
        if (eq >= 0) {
          v = name.substring(eq + 1);
          name = name.substring(0, eq);
        } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
          v = args[++i];
        }
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
      } else {
        positional.add(a);
      }
    }
  }

  String str(String name, String dflt) {
    List<String> v = values.get(name);
    return v == null ? dflt : v.get(v.size() - 1);
  }

  String required(String name) {
    String v = str(name, null);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** A comma-separated list (also from repeated options). */
  List<String> list(String name) {
    List<String> out = new ArrayList<>();
    for (String v : all(name)) {
      for (String s : v.split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  int integer(String name, int dflt) {
    String v = str(name, null);
    return v == null ? dflt : Integer.parseInt(v);
  }

  double number(String name, double dflt) {
    String v = str(name, null);
    return v == null ? dflt : Double.parseDouble(v);
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(str(name, "false"));
  }
}
