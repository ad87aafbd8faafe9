package io.eris.core.model;

/** Size limits enforced before and while parsing external input. */
public final class Limits {
  public static final int MAX_TX_BYTES = 70 * 1024;
  public static final int MAX_TX_BODY_BYTES = 66 * 1024;
  public static final int MAX_KEY_BYTES = 1024;
  public static final int MAX_VALUE_BYTES = 64 * 1024;
  public static final int MAX_WRITE_OPS = 256;
  public static final int MAX_NAMESPACE_BYTES = 64;
  public static final int MAX_BLOCK_TXS = 20_000;
  public static final int MAX_BLOCK_BYTES = 16 * 1024 * 1024;
  public static final int MAX_GENESIS_BYTES = 4 * 1024 * 1024;
  public static final int MAX_ROLE_BYTES = 64;
  public static final int MAX_ROLES = 64;
  public static final int MAX_VALIDATORS = 1024;
  public static final int MAX_ACCOUNTS = 100_000;

  private Limits() {}
}
