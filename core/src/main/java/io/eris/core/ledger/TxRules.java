package io.eris.core.ledger;

import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.PublicKey;
import io.eris.core.crypto.SignatureCache;
import io.eris.core.model.Limits;
import io.eris.core.model.Transaction;
import io.eris.core.model.TransferBody;
import io.eris.core.model.WriteBody;
import io.eris.core.state.StateTree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of each transaction kind, against a {@link WorkingState}. Every rule first checks
 * everything and only then writes, so a refused transaction leaves the state as it was (the block
 * builder relies on it to skip bad transactions).
 */
final class TxRules {
  private final Hash chainId;
  private final SignatureCache signatures;
  private final BitcoinNetwork bitcoin;

  TxRules(Hash chainId, SignatureCache signatures, BitcoinNetwork bitcoin) {
    this.chainId = chainId;
    this.signatures = signatures;
    this.bitcoin = bitcoin;
  }

  /** Admission of a transaction for a later block: nonces up to {@code window} ahead pass. */
  Verdict admit(Transaction tx, WorkingState s, long height, ChainHistory history, long window) {
    return run(tx, s, height, history, window, false);
  }

  /** Executes a transaction in the block at {@code height}; writes only if OK. */
  Verdict execute(Transaction tx, WorkingState s, long height, ChainHistory history) {
    return run(tx, s, height, history, 1, true);
  }

  private Verdict run(
      Transaction tx,
      WorkingState s,
      long height,
      ChainHistory history,
      long window,
      boolean apply) {
    Verdict framing = framing(tx, chainId);
    if (!framing.isOk()) {
      return framing;
    }
    Address senderAddress = tx.sender().address();
    AccountState sender = s.accountOrNull(senderAddress);
    if (sender == null || !sender.publicKey().equals(tx.sender())) {
      return Verdict.reject(ErrorCode.UNKNOWN_SENDER, "no account for " + senderAddress);
    }
    if (sender.revoked()) {
      return Verdict.reject(ErrorCode.REVOKED_KEY, "key " + senderAddress + " is revoked");
    }
    if (tx.nonce() <= sender.nonce()) {
      return Verdict.reject(
          ErrorCode.NONCE_USED, "nonce " + tx.nonce() + " used; account is at " + sender.nonce());
    }
    if (tx.nonce() - sender.nonce() > window) {
      return Verdict.reject(
          ErrorCode.BAD_NONCE,
          "nonce " + tx.nonce() + " leaves a gap; next is " + (sender.nonce() + 1));
    }
    if (!tx.verifySignature(signatures)) {
      return badSignature();
    }
    Effect effect;
    try {
      effect =
          switch (tx.kind()) {
            case WRITE -> write(tx, sender, s);
            case TRANSFER -> transfer(tx, sender, s);
            case GOVERN_PROPOSE -> propose(tx, s, height, history);
            case GOVERN_APPROVE -> approve(tx, s, height, history);
            case ANCHOR -> anchor(tx, s, height, history);
          };
    } catch (CodecException e) {
      return Verdict.of(e);
    } catch (Refused r) {
      return r.verdict;
    }
    if (apply) {
      s.putAccount(s.accountOrNull(senderAddress).withNonce(tx.nonce()));
      effect.apply();
    }
    return Verdict.OK;
  }

  /**
   * The checks that need no state: size, chain id and signature. A transaction that fails them
   * fails {@link #admit} too (which checks the sender's account and nonce before the signature, so
   * it may name another fault first).
   */
  static Verdict stateless(Transaction tx, Hash chainId, SignatureCache signatures) {
    Verdict framing = framing(tx, chainId);
    if (!framing.isOk()) {
      return framing;
    }
    return tx.verifySignature(signatures) ? Verdict.OK : badSignature();
  }

  private static Verdict framing(Transaction tx, Hash chainId) {
    if (tx.encodedSize() > Limits.MAX_TX_BYTES) {
      return Verdict.reject(
          ErrorCode.MESSAGE_TOO_LARGE, "tx over " + Limits.MAX_TX_BYTES + " bytes");
    }
    if (!tx.chainId().equals(chainId)) {
      return Verdict.reject(ErrorCode.WRONG_CHAIN, "tx is for chain " + tx.chainId());
    }
    return Verdict.OK;
  }

  private static Verdict badSignature() {
    return Verdict.reject(ErrorCode.BAD_SIGNATURE, "signature does not verify");
  }

  /** The writes of an accepted transaction, run only after all its checks passed. */
  @FunctionalInterface
  private interface Effect {
    void apply();
  }

  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Verdict verdict;

    Refused(ErrorCode code, String message) {
      super(message, null, false, false);
      this.verdict = Verdict.reject(code, message);
    }
  }

  // ---- WRITE ----

  private Effect write(Transaction tx, AccountState sender, WorkingState s) {
    WriteBody body = WriteBody.decode(tx.body());
    String own = sender.address().toHex();
    String ns = body.namespace().isEmpty() ? own : body.namespace();
    if (!ns.equals(own) && !sender.hasRole(Roles.WRITER_PREFIX + ns)) {
      throw new Refused(
          ErrorCode.FORBIDDEN, "no role " + Roles.WRITER_PREFIX + ns + " to write namespace " + ns);
    }
    List<byte[]> keys = new ArrayList<>(body.ops().size());
    for (WriteBody.Op op : body.ops()) {
      keys.add(StateKeys.kv(ns, op.key()));
    }
    return () -> {
      for (int i = 0; i < keys.size(); i++) {
        WriteBody.Op op = body.ops().get(i);
        if (op.isDelete()) {
          s.delete(keys.get(i));
        } else {
          s.put(keys.get(i), op.value());
        }
      }
    };
  }

  // ---- TRANSFER ----

  private Effect transfer(Transaction tx, AccountState sender, WorkingState s) {
    TransferBody body = TransferBody.decode(tx.body());
    AccountState to = s.accountOrNull(body.to());
    if (to == null) {
      throw new Refused(ErrorCode.UNKNOWN_RECIPIENT, "no account " + body.to());
    }
    if (to.revoked()) {
      throw new Refused(ErrorCode.REVOKED_KEY, "recipient " + body.to() + " is revoked");
    }
    if (sender.balance() < body.amount()) {
      throw new Refused(
          ErrorCode.INSUFFICIENT_BALANCE,
          "balance " + sender.balance() + " is less than " + body.amount());
    }
    boolean self = body.to().equals(sender.address());
    if (!self && to.balance() > Long.MAX_VALUE - body.amount()) {
      throw new Refused(ErrorCode.BALANCE_OVERFLOW, "recipient balance would overflow");
    }
    return () -> {
      if (self) {
        return;
      }
      AccountState from = s.accountOrNull(sender.address());
      s.putAccount(from.withBalance(from.balance() - body.amount()));
      AccountState dest = s.accountOrNull(body.to());
      s.putAccount(dest.withBalance(dest.balance() + body.amount()));
    };
  }

  // ---- GOVERNANCE ----

  private Effect propose(Transaction tx, WorkingState s, long height, ChainHistory history) {
    ProposeBody body = ProposeBody.decode(tx.body());
    Address proposer = tx.sender().address();
    if (!s.governance().isSigner(proposer)) {
      throw new Refused(ErrorCode.FORBIDDEN, proposer + " is not a governance signer");
    }
    if (body.expiryHeight() < height
        || body.expiryHeight() - height > Ledger.MAX_PROPOSAL_LIFETIME) {
      throw new Refused(
          ErrorCode.INVALID_BODY,
          "expiry must be within " + Ledger.MAX_PROPOSAL_LIFETIME + " blocks from " + height);
    }
    if (body.action() instanceof GovernanceAction.Recover r && r.height() >= height) {
      throw new Refused(ErrorCode.INVALID_BODY, "can only recover a height below " + height);
    }
    List<Hash> open = new ArrayList<>();
    for (Hash id : s.openProposalIds()) {
      Proposal p = s.proposalOrNull(id);
      if (p != null && p.isOpenAt(height)) {
        open.add(id);
      }
    }
    if (open.size() >= Ledger.MAX_OPEN_PROPOSALS) {
      throw new Refused(ErrorCode.TOO_MANY_PROPOSALS, open.size() + " proposals are open");
    }
    Proposal proposal =
        new Proposal(
            tx.hash(),
            proposer,
            height,
            body.expiryHeight(),
            body.action(),
            List.of(proposer),
            Proposal.Status.OPEN,
            0,
            "");
    return () -> {
      open.add(proposal.id());
      open.sort(null);
      s.put(StateKeys.OPEN_PROPOSALS, StateReads.encodeIds(open));
      settle(proposal, s, height, history);
    };
  }

  private Effect approve(Transaction tx, WorkingState s, long height, ChainHistory history) {
    ApproveBody body = ApproveBody.decode(tx.body());
    Address approver = tx.sender().address();
    Proposal p = s.proposalOrNull(body.proposalId());
    if (p == null) {
      throw new Refused(ErrorCode.UNKNOWN_PROPOSAL, "no proposal " + body.proposalId());
    }
    if (p.status() != Proposal.Status.OPEN) {
      throw new Refused(ErrorCode.PROPOSAL_CLOSED, "proposal is " + p.status());
    }
    if (height > p.expiryHeight()) {
      throw new Refused(ErrorCode.PROPOSAL_EXPIRED, "proposal expired at " + p.expiryHeight());
    }
    if (!s.governance().isSigner(approver)) {
      throw new Refused(ErrorCode.FORBIDDEN, approver + " is not a governance signer");
    }
    if (p.approvals().contains(approver)) {
      throw new Refused(ErrorCode.ALREADY_APPROVED, approver + " already approved");
    }
    return () -> settle(p.withApproval(approver), s, height, history);
  }

  /** Stores the proposal; executes it if the approvals of current signers reach M. */
  private void settle(Proposal p, WorkingState s, long height, ChainHistory history) {
    GovernanceConfig g = s.governance();
    int count = 0;
    for (Address a : p.approvals()) {
      if (g.isSigner(a)) {
        count++;
      }
    }
    if (count < g.threshold()) {
      s.put(StateKeys.proposal(p.id()), p.encode());
      return;
    }
    String failure = new Governance(s, height, history).execute(p.action());
    Proposal closed =
        failure == null
            ? p.close(Proposal.Status.EXECUTED, height, "executed")
            : p.close(Proposal.Status.FAILED, height, failure);
    s.put(StateKeys.proposal(p.id()), closed.encode());
    List<Hash> open = new ArrayList<>(s.openProposalIds());
    open.remove(p.id());
    open.removeIf(id -> !s.proposalOrNull(id).isOpenAt(height));
    s.put(StateKeys.OPEN_PROPOSALS, StateReads.encodeIds(open));
  }

  // ---- ANCHOR ----

  private Effect anchor(Transaction tx, WorkingState s, long height, ChainHistory history) {
    AnchorBody body = AnchorBody.decode(tx.body());
    if (body.height() >= height) {
      throw new Refused(ErrorCode.BAD_ANCHOR, "anchors a block at or above " + height);
    }
    Hash actual = history.blockHashAt(body.height()).orElse(null);
    if (!body.blockHash().equals(actual)) {
      throw new Refused(
          ErrorCode.BAD_ANCHOR,
          "block " + body.height() + " of this chain is not " + body.blockHash());
    }
    byte[] key = StateKeys.anchor(body.height());
    if (s.raw(key) != null) {
      throw new Refused(ErrorCode.DUPLICATE, "height " + body.height() + " is already anchored");
    }
    Verdict v = BitcoinAnchorVerifier.verify(body, chainId, bitcoin);
    if (!v.isOk()) {
      throw new Refused(v.code(), v.message());
    }
    byte[] value = body.encode();
    return () -> s.put(key, value);
  }

  /** Applies governance actions; each returns null when done, else why it failed (no writes). */
  private static final class Governance {
    private final WorkingState s;
    private final long height;
    private final ChainHistory history;

    Governance(WorkingState s, long height, ChainHistory history) {
      this.s = s;
      this.height = height;
      this.history = history;
    }

    String execute(GovernanceAction action) {
      if (action instanceof GovernanceAction.SetValidator a) {
        return setValidator(a);
      } else if (action instanceof GovernanceAction.RemoveValidator a) {
        return removeValidator(a.address());
      } else if (action instanceof GovernanceAction.SetLeader a) {
        return setLeader(a);
      } else if (action instanceof GovernanceAction.SetTiming a) {
        s.putParams(s.params().withTiming(a.blockIntervalMs(), a.leaderTimeoutMs()));
        return null;
      } else if (action instanceof GovernanceAction.SetPow a) {
        s.putParams(s.params().withPow(a.rule(), a.activationHeight(), height));
        return null;
      } else if (action instanceof GovernanceAction.RevokeKey a) {
        return revoke(a.address());
      } else if (action instanceof GovernanceAction.AuthoriseAccount a) {
        return authorise(a);
      } else if (action instanceof GovernanceAction.SetGovernance a) {
        return setGovernance(a.config());
      } else if (action instanceof GovernanceAction.Recover a) {
        return recover(a);
      }
      throw new IllegalStateException("unhandled action " + action);
    }

    private String setGovernance(GovernanceConfig config) {
      for (PublicKey k : config.signers()) {
        if (revoked(k)) {
          return "signer " + k.address() + " is revoked";
        }
      }
      config.signers().forEach(s::ensureAccount);
      s.putGovernance(config);
      return null;
    }

    private boolean revoked(PublicKey key) {
      AccountState a = s.accountOrNull(key.address());
      return a != null && (a.revoked() || !a.publicKey().equals(key));
    }

    private String setValidator(GovernanceAction.SetValidator a) {
      if (revoked(a.key())) {
        return "key " + a.key().address() + " is revoked";
      }
      Address address = a.key().address();
      ValidatorSet set = s.validatorSet();
      ValidatorState old = s.validatorOrNull(address);
      List<Address> addresses = new ArrayList<>(set.addresses());
      if (old == null) {
        if (addresses.size() >= Limits.MAX_VALIDATORS) {
          return "the validator set is full";
        }
        addresses.add(address);
        addresses.sort(null);
      }
      long total = set.totalStake() - (old == null ? 0 : old.stake());
      if (total > Long.MAX_VALUE - a.stake()) {
        return "total stake would overflow";
      }
      s.ensureAccount(a.key());
      s.put(
          StateKeys.validator(address), new ValidatorState(a.key(), a.stake(), a.roles()).encode());
      s.putValidatorSet(new ValidatorSet(total + a.stake(), addresses));
      return null;
    }

    private String removeValidator(Address address) {
      ValidatorState old = s.validatorOrNull(address);
      if (old == null) {
        return address + " is not a validator";
      }
      ValidatorSet set = s.validatorSet();
      if (set.addresses().size() == 1) {
        return "cannot remove the last validator";
      }
      List<Address> addresses = new ArrayList<>(set.addresses());
      addresses.remove(address);
      s.delete(StateKeys.validator(address));
      s.putValidatorSet(new ValidatorSet(set.totalStake() - old.stake(), addresses));
      return null;
    }

    private String setLeader(GovernanceAction.SetLeader a) {
      if (revoked(a.key())) {
        return "key " + a.key().address() + " is revoked";
      }
      s.ensureAccount(a.key());
      s.putParams(s.params().withLeader(a.key(), a.epochFloor()));
      return null;
    }

    private String revoke(Address address) {
      AccountState account = s.accountOrNull(address);
      if (account == null) {
        return "no key " + address;
      }
      if (s.validatorOrNull(address) != null) {
        String why = removeValidator(address);
        if (why != null) {
          return why;
        }
      }
      s.putAccount(account.revoke());
      return null;
    }

    private String authorise(GovernanceAction.AuthoriseAccount a) {
      AccountState account = s.accountOrNull(a.key().address());
      if (account == null) {
        s.putAccount(AccountState.open(a.key(), a.mint(), a.roles()));
        return null;
      }
      if (revoked(a.key())) {
        return "key " + a.key().address() + " is revoked";
      }
      if (account.balance() > Long.MAX_VALUE - a.mint()) {
        return "balance would overflow";
      }
      s.putAccount(account.withRoles(a.roles()).withBalance(account.balance() + a.mint()));
      return null;
    }

    /**
     * Restores the user data of height h: key-value entries become exactly those of h, and each
     * account's balance its balance at h (0 if it did not exist). Governance-owned state (chain
     * parameters, validators, governance, proposals, anchors), account keys, roles and revocations,
     * and every nonce stay as they are now: decisions made since h survive, and no transaction
     * signed before the recovery can be replayed.
     */
    private String recover(GovernanceAction.Recover a) {
      if (a.height() >= height) {
        return "height " + a.height() + " is not below " + height;
      }
      Hash root = history.stateRootAt(a.height()).orElse(null);
      if (root == null) {
        return "no state root known for height " + a.height();
      }
      if (!root.equals(a.stateRoot())) {
        return "the state root of height " + a.height() + " is " + root + ", not " + a.stateRoot();
      }
      Map<Bytes, byte[]> oldKv = new HashMap<>();
      Map<Address, Long> oldBalances = new HashMap<>();
      StateTree.forEach(
          s.base().store(),
          root,
          (k, v) -> {
            if (k[0] == StateKeys.KV) {
              oldKv.put(new Bytes(k), v);
            } else if (k[0] == StateKeys.ACCOUNT) {
              oldBalances.put(
                  Address.wrap(Arrays.copyOfRange(k, 1, k.length)),
                  AccountState.decode(v).balance());
            }
          });
      Set<Bytes> current = new HashSet<>();
      List<byte[]> deletes = new ArrayList<>();
      List<byte[][]> puts = new ArrayList<>();
      s.forEachWithPrefix(
          StateKeys.KV,
          (k, v) -> {
            Bytes key = new Bytes(k);
            current.add(key);
            byte[] old = oldKv.get(key);
            if (old == null) {
              deletes.add(k);
            } else if (!Arrays.equals(old, v)) {
              puts.add(new byte[][] {k, old});
            }
          });
      oldKv.forEach(
          (k, v) -> {
            if (!current.contains(k)) {
              puts.add(new byte[][] {k.data, v});
            }
          });
      List<Address> accounts = new ArrayList<>();
      s.forEachWithPrefix(
          StateKeys.ACCOUNT,
          (k, v) -> accounts.add(Address.wrap(Arrays.copyOfRange(k, 1, k.length))));
      deletes.forEach(s::delete);
      puts.forEach(kv -> s.put(kv[0], kv[1]));
      for (Address address : accounts) {
        AccountState now = s.accountOrNull(address);
        long balance = oldBalances.getOrDefault(address, 0L);
        if (now.balance() != balance) {
          s.putAccount(now.withBalance(balance));
        }
      }
      return null;
    }
  }
}
