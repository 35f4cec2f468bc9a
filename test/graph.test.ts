// `vmspec graph`: one golden DOT and Mermaid file per example and golden spec (reviewed as
// pictures), every QEMU device id exactly once, a well-formed SVG from Graphviz in WebAssembly
// (checked by the real xmllint), findings marked on their node, hostile names kept literal.
import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { parse } from "yaml";
import { ROOT, vmspec } from "./helpers/cli.js";
import { compile } from "../compiler/compile.js";
import { vmGraph, toDot, toMermaid } from "../compiler/graph.js";
import type { VmSpec } from "../spec/types.js";

const UPDATE = process.env.UPDATE_GOLDEN === "1";
const GOLDEN = join(ROOT, "test/golden/graph");

const SPECS = [
  ...readdirSync(join(ROOT, "examples"))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => ({ file: `examples/${f}`, qemu: "7.2" })),
  { file: "test/golden/all-features-7.2.yaml", qemu: "7.2" },
  { file: "test/golden/escaping.yaml", qemu: "7.2" },
  { file: "test/golden/blockdev-7.2.yaml", qemu: "7.2" },
];

function golden(name: string, actual: string) {
  const path = join(GOLDEN, name);
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(existsSync(path), `${name} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
  expect(actual, name).toBe(readFileSync(path, "utf8"));
}

describe("vmspec graph", () => {
  for (const { file, qemu } of SPECS) {
    it(`${file}: golden DOT and Mermaid, every device id once, a well-formed SVG`, () => {
      const stem = basename(file, ".yaml");
      const dot = vmspec(["graph", file, "--format", "dot", "--qemu", qemu]);
      expect(dot.code, dot.stderr).toBe(0);
      golden(`${stem}.dot`, dot.stdout);
      const mmd = vmspec(["graph", file, "--format", "mermaid", "--qemu", qemu]);
      golden(`${stem}.mmd`, mmd.stdout);

      const spec = parse(readFileSync(join(ROOT, file), "utf8")) as VmSpec;
      const { options } = compile(spec, { baseDir: dirname(join(ROOT, file)), qemu: [7, 2] });
      const deviceIds = options.filter((o) => o.flag === "-device").map((o) => o.props!.find((p) => p.key === "id")!.value);
      const g = vmGraph(options);
      expect(new Set(g.nodes.map((n) => n.id)).size).toBe(g.nodes.length);
      for (const id of deviceIds) expect(g.nodes.filter((n) => n.id === id).length, id).toBe(1);
      // Every node is reachable from the machine.
      const seen = new Set(["machine"]);
      for (let grew = true; grew;) {
        grew = false;
        for (const e of g.edges)
          if (seen.has(e.from) && !seen.has(e.to)) {
            seen.add(e.to);
            grew = true;
          }
      }
      expect([...g.nodes.map((n) => n.id)].filter((id) => !seen.has(id))).toEqual([]);

      const dir = mkdtempSync(join(tmpdir(), "vmspec-graph-"));
      try {
        const out = join(dir, "vm.svg");
        const svg = vmspec(["graph", file, "-o", out, "--qemu", qemu]);
        expect(svg.code, svg.stderr).toBe(0);
        const lint = spawnSync("xmllint", ["--noout", out], { encoding: "utf8" });
        expect(lint.status, lint.stderr).toBe(0);
        const text = readFileSync(out, "utf8").replace(/&#45;/g, "-");
        for (const id of deviceIds)
          expect(text).toContain(`id="node-${id.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;")}"`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it("marks a finding on the node it concerns, with the rule id and its severity's colour", () => {
    const dir = mkdtempSync(join(tmpdir(), "vmspec-graph-"));
    try {
      writeFileSync(
        join(dir, "vm.yaml"),
        "name: vm\nmemory: {size: 1GiB}\ndisks:\n  - {name: root, file: root.qed, format: qed}\n  - {name: data, file: data.qcow2, format: qcow2}\n",
      );
      const r = vmspec(["graph", "vm.yaml", "--format", "dot", "--qemu", "7.2"], { cwd: dir });
      expect(r.code).toBe(0);
      const marked = r.stdout.split("\n").filter((l) => l.includes("penwidth"));
      expect(
        marked.some((l) => /^ {2}"(root|drive\/drive-root)"/.test(l) && l.includes("qed-deprecated") && l.includes('color="#ef8f00"')),
      ).toBe(true);
      expect(r.stdout.split("\n").find((l) => l.startsWith('  "data"'))).not.toContain("penwidth");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes the spec's own # vmspec-profile comment over the configuration's profile, as lint and build do", () => {
    const dir = mkdtempSync(join(tmpdir(), "vmspec-graph-"));
    try {
      writeFileSync(join(dir, ".vmspec.yaml"), "profile: sles12sp3\n");
      writeFileSync(join(dir, "vm.yaml"), "# vmspec-profile sles15sp4\nname: vm\nmemory: {size: 1GiB}\nrunAs: qemu\n");
      const r = vmspec(["graph", "vm.yaml", "--format", "dot"], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      // SLES 15 SP4 does not support bare virt: its default machine compiles to virt-6.1.
      expect(r.stdout).toContain("vm: virt-6.1");
      expect(vmspec(["build", "vm.yaml", "--format", "argv"], { cwd: dir }).stdout).toContain("virt-6.1");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps hostile names literal in DOT and Mermaid, and refuses an unknown format", () => {
    const g = vmGraph([
      { flag: "-name", props: [{ key: "guest", value: 'a"b\\c\nd', implied: true }], path: [] },
      {
        flag: "-device",
        props: [
          { key: "driver", value: "virtio-blk-pci", implied: true },
          { key: "id", value: 'x"];evil[label="' },
        ],
        path: [],
      },
    ]);
    const dot = toDot(g);
    expect(dot).toContain('"x\\"];evil[label=\\""');
    expect(dot).not.toMatch(/\bevil\[label="\s*$/m);
    const mmd = toMermaid(g);
    expect(mmd).toContain("x#34;];evil[label=#34;");
    const r = vmspec(["graph", "examples/minimal-uefi.yaml", "--format", "png"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown graph format");
  });

  it("draws nothing for a spec that does not compile, and says why at its line", () => {
    const r = vmspec(["graph", "-", "--format", "dot"], { input: "name: vm\nmemory: {size: lots}\n" });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/<stdin>:2:\d+: error/);
  });
});

describe("the README's picture", () => {
  it("docs/images/vm-graph.svg is what vmspec graph draws for examples/bridged-agent.yaml (npm run docs)", () => {
    const r = vmspec(["graph", "examples/bridged-agent.yaml"]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(ROOT, "docs/images/vm-graph.svg"), "utf8")).toBe(r.stdout);
  });
});

describe("back ends other options name", () => {
  it("joins a device to its I/O thread and a display to its password secret", () => {
    const st = vmspec(["graph", "test/golden/storage-7.2.yaml", "--format", "dot", "--qemu", "7.2"]);
    expect(st.stdout).toMatch(/"root" -> "object\/io-root" \[style=dashed/);
    const ad = vmspec(["graph", "test/golden/admin-fields-7.2.yaml", "--format", "dot", "--qemu", "7.2"]);
    expect(ad.stdout).toMatch(/"(vnc|spice)" -> "object\/display-password" \[style=dashed/);
  });
});
