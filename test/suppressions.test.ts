// Inline suppressions: every form, in specs (whole YAML nodes) and command lines, with reasons,
// unused ones reported, reading errors never suppressed, unknown ids a usage error.
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { lintInput, type InputKind } from "../lint/lint.js";
import { locate } from "../core/positions.js";
import { vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

function lint(text: string, kind: InputKind = "spec", extra: { requireReasons?: boolean } = {}) {
  const r = lintInput(kind, new TextEncoder().encode(text), { baseDir: "/", suppressions: { file: "t.yaml", ...extra } });
  return locate(r.text, r.findings).map((f) => `${f.line}:${f.column} ${f.ruleId}`);
}

const HEAD = "name: a\nmemory: {size: 1GiB}\nrunAs: qemu\n";

describe("inline suppressions", () => {
  it("disable-next-line covers the whole YAML node that follows, not just its first line", () => {
    const bad = "disks:\n  - name: d\n    file: d.qed\n    format: qed\n    aio: native\n";
    // Each finding is on the setting that caused it (format: qed, aio: native).
    expect(lint(HEAD + bad)).toEqual(["7:13 qed-deprecated", "8:10 aio-native-requires-direct-cache"]);
    const text =
      HEAD + "# vmspec-disable-next-line qed-deprecated, aio-native-requires-direct-cache -- legacy image, migrating in Q3\n" + bad;
    expect(lint(text)).toEqual([]);
    // Only the named rules.
    expect(lint(HEAD + "# vmspec-disable-next-line qed-deprecated\n" + bad)).toEqual(["9:10 aio-native-requires-direct-cache"]);
  });

  it("disable-line, disable/enable blocks and disable-file", () => {
    expect(lint(HEAD + "cpu: {model: cortex-a57}  # vmspec-disable-line unsupported-cpu-model\n")).toEqual([]);
    const block =
      HEAD +
      "# vmspec-disable unsupported-cpu-model\ncpu: {model: cortex-a57}\n# vmspec-enable unsupported-cpu-model\nextraArgs: [-cpu, cortex-a53]\n";
    // The model is found on the item that holds it, the clash on the flag.
    expect(lint(block)).toEqual(["7:13 extra-args-conflict", "7:19 unsupported-cpu-model"]);
    expect(lint("# vmspec-disable-file\n" + HEAD + "accel: tcg\n")).toEqual([]);
  });

  it("works in command lines through shell comments", () => {
    const argv =
      "# vmspec-disable-file runs-as-root -- libvirt runs QEMU unprivileged itself\n# vmspec-disable-next-line unsupported-cpu-model\nqemu-system-aarch64 -machine virt,accel=kvm -cpu cortex-a57 -snapshot\n";
    expect(lint(argv, "argv")).toEqual(["3:61 unsupported-option"]);
  });

  it("reports unused suppressions and missing reasons, and never suppresses reading errors", () => {
    expect(lint(HEAD + "# vmspec-disable-next-line qed-deprecated\nsandbox: true\n")).toEqual(["4:1 unused-suppression"]);
    expect(
      lint(HEAD + "# vmspec-disable-next-line unsupported-cpu-model\ncpu: {model: cortex-a57}\n", "spec", { requireReasons: true }),
    ).toEqual(["4:1 suppression-reason-missing", "5:14 unsupported-cpu-model"]);
    expect(lint("# vmspec-disable-file\nname: a\nname: b\n")).toEqual(["3:1 duplicate-key", "1:1 unused-suppression"].sort());
  });

  it("an unknown rule id in a suppression is an error finding at the id with a did-you-mean (as ESLint's), and the file is linted on", () => {
    const dir = scratch();
    writeFileSync(
      join(dir, "x.vmspec.yaml"),
      HEAD + "# vmspec-disable-next-line qed-deprecatd, unsupported-cpu-model -- lab board\ncpu: {model: cortex-a57}\naccel: tcg\n",
    );
    const r = vmspec(["lint", dir, "--format", "compact"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n").filter(Boolean);
    expect(lines).toContain(
      `${join(dir, "x.vmspec.yaml")}:4:28: error: unknown rule "qed-deprecatd" in a suppression comment; did you mean "qed-deprecated"? [suppression-unknown-rule]`,
    );
    // The comment's known id still applies; the rest of the file is linted (accel: tcg).
    expect(lines.some((l) => l.includes("[unsupported-cpu-model]"))).toBe(false);
    expect(lines.some((l) => l.includes("[tcg-unsupported]"))).toBe(true);
    // An id that cannot be suppressed: said at it.
    expect(lint(HEAD + "# vmspec-disable-next-line schema\nsandbox: true\n")).toEqual(["4:28 suppression-unknown-rule"]);
  });

  it("lets build go ahead when the error is suppressed with a reason", () => {
    const dir = scratch();
    writeFileSync(join(dir, "x.yaml"), HEAD + "# vmspec-disable-next-line unsupported-cpu-model -- lab board\ncpu: {model: cortex-a57}\n");
    expect(vmspec(["build", join(dir, "x.yaml"), "--format", "argv"]).code).toBe(0);
  });
});
