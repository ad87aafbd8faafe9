package io.eris.core.state;

/** One write to the state: put a value under a key, or delete the key. */
public final class StateChange {
  /** Largest key, in bytes. */
  public static final int MAX_KEY_BYTES = 1024;

  /** Largest value, in bytes. */
  public static final int MAX_VALUE_BYTES = 64 * 1024;

  private final byte[] key;
  private final byte[] value;

  private StateChange(byte[] key, byte[] value) {
    this.key = key;
    this.value = value;
  }

  /** Sets {@code key} to {@code value} (which may be empty: empty is not absent). */
  public static StateChange put(byte[] key, byte[] value) {
    checkKey(key);
    checkValue(value);
    return new StateChange(key.clone(), value.clone());
  }

  /** Removes {@code key}; deleting an absent key changes nothing. */
  public static StateChange delete(byte[] key) {
    checkKey(key);
    return new StateChange(key.clone(), null);
  }

  static void checkKey(byte[] key) {
    if (key.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException(
          "state key has " + key.length + " bytes, limit " + MAX_KEY_BYTES);
    }
  }

  static void checkValue(byte[] value) {
    if (value.length > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException(
          "state value has " + value.length + " bytes, limit " + MAX_VALUE_BYTES);
    }
  }

  /** The key; not a copy, callers in this package do not modify it. */
  byte[] key() {
    return key;
  }

  /** The value, or null for a delete; not a copy. */
  byte[] value() {
    return value;
  }
}
