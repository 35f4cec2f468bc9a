// YAML merge keys (`<<: *base`, `<<: [*a, *b]`) and docker-compose-style `x-` extension keys, the
// way people share blocks: read alike by the full loader and the fast path, with findings on a
// merged value at the line where the value is written (in the anchored block).
import { describe, expect, it } from "vitest";
import { lintInput } from "../lint/lint.js";
import { locate } from "../core/positions.js";
import { fastLoad } from "../spec/fast/load.js";
import { loadSpecText } from "../spec/load.js";
import { compile } from "../compiler/compile.js";
import { parseTarget } from "../qemu/targets.js";
import type { VmSpec } from "../spec/types.js";

function lint(text: string) {
  const out = [];
  for (const fullPath of [true, false]) {
    const r = lintInput("spec", new TextEncoder().encode(text), { baseDir: "/srv/vm", fullPath, suppressions: { file: "t.yaml" } });
    out.push(locate(r.text, r.findings).map((f) => `${f.line}:${f.column} ${f.ruleId}`));
  }
  expect(out[1], "fast path = full path").toEqual(out[0]);
  return out[0];
}

// As docker-compose files write it: shared blocks under x- keys, merged into each item.
const SHARED = `x-disk: &disk
  format: qcow2
  cache: none
  aio: native
x-user-net: &usernet
  type: user
  model: virtio
name: web
memory: {size: 2GiB}
runAs: qemu
disks:
  - <<: *disk
    name: root
    file: root.qcow2
  - <<: *disk
    name: data
    file: data.qcow2
    cache: writeback
networks:
  - <<: *usernet
    name: lan
`;

describe("merge keys and x- extension keys", () => {
  it("merges shared blocks (explicit keys win) and ignores x- keys, as docker-compose does", () => {
    const loaded = loadSpecText(SHARED);
    expect(loaded.findings).toEqual([]);
    const data = loaded.data as unknown as VmSpec;
    expect(data.disks).toEqual([
      { format: "qcow2", cache: "none", aio: "native", name: "root", file: "root.qcow2" },
      { format: "qcow2", cache: "writeback", aio: "native", name: "data", file: "data.qcow2" },
    ]);
    const argv = compile(data, { baseDir: "/srv/vm", qemu: parseTarget("7.2")! }).options.map((o) => o.flag);
    expect(argv.filter((f) => f === "-drive")).toHaveLength(2);
  });

  it("points a finding on a merged value at the anchored block where it is written", () => {
    // aio: native (line 4) is wrong only for the disk that overrides cache to writeback.
    expect(lint(SHARED)).toEqual(["4:8 aio-native-requires-direct-cache"]);
    // An explicit key is found in its own mapping, not in the merged block.
    const own = SHARED.replace("    cache: writeback\n", "    cache: writeback\n    format: qed\n");
    expect(lint(own)).toEqual(["4:8 aio-native-requires-direct-cache", "19:13 qed-deprecated"]);
  });

  it("merges a list of blocks, the first one winning, as YAML says", () => {
    const text = `x-a: &a {type: user}
x-b: &b {type: tap, ifname: tap0, forwards: [{hostAddress: 0.0.0.0, hostPort: 2222, guestPort: 22}]}
name: web
memory: {size: 1GiB}
runAs: qemu
networks:
  - <<: [*a, *b]
    name: lan
`;
    expect((loadSpecText(text).data as any).networks[0]).toMatchObject({ type: "user", ifname: "tap0" });
    // ifname comes from *b (line 2) and applies to tap only; the forward listens everywhere.
    expect(lint(text)).toEqual(["2:29 conflicting-settings", "2:46 hostfwd-all-interfaces"]);
  });

  it("reports schema errors inside a merged block where they are written", () => {
    const text = `x-disk: &disk\n  formt: qcow2\nname: web\nmemory: {size: 1GiB}\ndisks:\n  - <<: *disk\n    name: d\n    file: d.qcow2\n`;
    expect(lint(text)).toEqual(["2:3 schema", "6:5 schema"]);
  });

  it("a suppression above the written value works, and is used", () => {
    const text = SHARED.replace(
      "  aio: native\n",
      "  # vmspec-disable-next-line aio-native-requires-direct-cache -- data disk is scratch\n  aio: native\n",
    );
    expect(lint(text)).toEqual([]);
  });

  it("takes x- keys at the top level on the fast path too, and nowhere else", () => {
    const text = "x-note: {owner: ops, ticket: 42}\nname: web\nmemory: {size: 1GiB}\nrunAs: qemu\n";
    expect(fastLoad(text)).toBeDefined();
    expect(lint(text)).toEqual([]);
    expect(lint("name: web\nmemory: {size: 1GiB, x-note: 1}\nrunAs: qemu\n")).toEqual(["2:22 schema"]);
  });

  it("refuses a merge of something that is not a mapping, at its line", () => {
    expect(lint("name: web\nmemory:\n  <<: 5\n  size: 1GiB\n")).toEqual(["3:7 yaml-syntax"]);
    expect(lint("name: web\nmemory:\n  <<: *nowhere\n  size: 1GiB\n")[0]).toMatch(/^3:7 /);
    const r = lintInput("spec", new TextEncoder().encode("name: web\nmemory:\n  <<: [5]\n  size: 1GiB\n"), { baseDir: "/" });
    expect(r.findings[0].message).toBe(
      'a merge key (<<) takes a mapping, an alias of one (<<: *base) or a list of them (<<: [*a, *b]); this is the value "5"',
    );
  });
});
