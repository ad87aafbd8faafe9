package io.eris.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.crypto.KeyFile;
import io.eris.core.model.Genesis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErisToolTest {
  @TempDir Path dir;

  private String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        ErisTool.run(args, new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
    assertThat(code).as("exit code of %s", String.join(" ", args)).isZero();
    return out.toString().trim();
  }

  @Test
  void makesKeysAndAGenesisWhoseChainIdIsStable() throws Exception {
    String leader = run("keygen", "--out", dir.resolve("leader.json").toString());
    run("keygen", "--out", dir.resolve("v2.json").toString());
    assertThat(KeyFile.read(dir.resolve("leader.json")).address().toHex()).isEqualTo(leader);
    String chainId =
        run(
            "genesis",
            "--out",
            dir.resolve("genesis.json").toString(),
            "--leader-key",
            dir.resolve("leader.json").toString(),
            "--validator-key",
            dir.resolve("v2.json").toString());
    assertThat(run("chain-id", dir.resolve("genesis.json").toString())).isEqualTo(chainId);
    Genesis g = Genesis.fromJson(Files.readString(dir.resolve("genesis.json")));
    assertThat(g.validators()).hasSize(2);
    assertThat(g.leaderKey().address().toHex()).isEqualTo(leader);
  }

  @Test
  void aSharedLeaderKeyNeedNotStake() throws Exception {
    run("keygen", "--out", dir.resolve("leader.json").toString());
    run("keygen", "--out", dir.resolve("v1.json").toString());
    run(
        "genesis",
        "--out",
        dir.resolve("g.json").toString(),
        "--leader-key",
        dir.resolve("leader.json").toString(),
        "--validator-key",
        dir.resolve("v1.json").toString(),
        "--leader-not-validator");
    Genesis g = Genesis.fromJson(Files.readString(dir.resolve("g.json")));
    assertThat(g.validators())
        .extracting(Genesis.Validator::key)
        .containsExactly(KeyFile.read(dir.resolve("v1.json")).publicKey());
    assertThat(g.leaderKey()).isEqualTo(KeyFile.read(dir.resolve("leader.json")).publicKey());
  }

  @Test
  void refusesToOverwriteKeysAndReportsBadUsage() {
    run("keygen", "--out", dir.resolve("k.json").toString());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ErisTool.run(
            new String[] {"keygen", "--out", dir.resolve("k.json").toString()},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err));
    assertThat(code).isEqualTo(1);
    assertThat(ErisTool.run(new String[] {"nope"}, System.out, new PrintStream(err))).isEqualTo(2);
  }
}
