// Generates varied, realistic VM specs for the benchmark, deterministic by index: about 40 lines
// each, clean, except every twentieth (5%), which carries a finding. The findings cycle through
// every rule that can fire on a spec (each rule's own failing example, merged into a realistic
// spec) and the reading problems (a typo'd key, a bad size, a duplicate key, a YAML error).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { RULES } from "../rules/index.js";
import { lintSpec } from "../lint/lint.js";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** A clean spec of about 40 lines, in the mixed block and flow styles people write. */
export function cleanSpec(i: number): string {
  const r = rng(i + 1);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const name = `vm-${i}`;
  const disks = 1 + Math.floor(r() * 3);
  const lines = [
    `# ${pick(["web", "db", "build", "cache", "ci"])} server ${i}, managed by vmspec`,
    `name: ${name}`,
    `uuid: ${[8, 4, 4, 4, 12].map((n) => Array.from({ length: n }, () => "0123456789abcdef"[Math.floor(r() * 16)]).join("")).join("-")}`,
    `machine: {type: virt}`,
    `cpu:`,
    `  model: host`,
    `  count: ${pick([1, 2, 4, 8])}`,
    `memory:`,
    `  size: ${pick(["512MiB", "1GiB", "2GiB", "4GiB", "8GiB"])}`,
    `firmware:`,
    `  uefi:`,
    `    code: /usr/share/AAVMF/AAVMF_CODE.fd`,
    `    varsTemplate: /usr/share/AAVMF/AAVMF_VARS.fd`,
    `    vars: ${name}_VARS.fd`,
    `disks:`,
  ];
  for (let d = 0; d < disks; d++) {
    const format = pick(["qcow2", "raw"]);
    lines.push(
      `  - name: disk${d}`,
      `    file: images/${name}-${d}.${format}`,
      `    format: ${format}`,
      `    cache: ${pick(["none", "writeback"])}`,
    );
    if (r() < 0.5) lines.push(`    size: ${pick(["10GiB", "20GiB", "100GiB"])}`);
    if (r() < 0.3) lines.push(`    discard: true`);
  }
  lines.push(`networks:`, `  - name: lan`, `    type: user`, `    forwards:`, `      - {hostPort: ${2000 + (i % 5000)}, guestPort: 22}`);
  if (r() < 0.3) lines.push(`  - name: backup`, `    type: user`);
  lines.push(`boot:`, `  order: [disk0]`, `serial: {type: pty}`, `rng: {}`, `balloon: {}`, `guestAgent: {}`);
  if (r() < 0.5) lines.push(`watchdog: {action: reset}`);
  if (r() < 0.3) lines.push(`usb: {tablet: true}`);
  if (r() < 0.3) lines.push(`cdroms:`, `  - name: install`, `    file: iso/debian-12-arm64.iso`);
  lines.push(
    `smbios:`,
    `  manufacturer: Example Corp`,
    `  product: ${pick(["web", "db", "build"])}-tier`,
    `rtc: {base: utc}`,
    `# unprivileged after start-up`,
    `runAs: qemu`,
  );
  return lines.join("\n") + "\n";
}

/** A rule's failing example merged into a clean spec (its keys win); the example alone if that hides the finding. */
function specWithRuleFinding(i: number, ruleId: string, example: string): string {
  const merged = { ...(parse(cleanSpec(i)) as Record<string, unknown>), ...(parse(example) as Record<string, unknown>) };
  if (ruleId === "runs-as-root") delete merged.runAs;
  const text = `# ${ruleId}: a spec with something to report\n${stringify(merged)}`;
  const found = lintSpec(new TextEncoder().encode(text), { baseDir: "/nonexistent" }).findings.some((f) => f.ruleId === ruleId);
  return found ? text : example;
}

/** Every failing YAML example in the rulebook, by rule id. */
const RULE_EXAMPLES: [string, string][] = RULES.flatMap((r) =>
  r.meta.docs.examples.filter((e) => e.lang === "yaml" && e.kind === "incorrect").map((e): [string, string] => [r.meta.id, e.text]),
);

const READING_PROBLEMS: ((text: string) => string)[] = [
  (t) => t.replace("memory:", "memroy:"),
  (t) => t.replace(/size: \d+[GM]iB/, "size: 4 GB"),
  (t) => t.replace("runAs: qemu", "runAs: qemu\nname: again"),
  (t) => t.replace("boot:", "boot: [\n"),
];

export function generateSpec(i: number): string {
  if (i % 20 !== 7) return cleanSpec(i);
  const k = (i - 7) / 20;
  const all = RULE_EXAMPLES.length + READING_PROBLEMS.length;
  const n = k % all;
  if (n < RULE_EXAMPLES.length) return specWithRuleFinding(i, ...RULE_EXAMPLES[n]);
  return READING_PROBLEMS[n - RULE_EXAMPLES.length](cleanSpec(i));
}

export function generateTree(dir: string, count: number, spec: (i: number) => string = generateSpec): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `vm-${String(i).padStart(5, "0")}.vmspec.yaml`), spec(i));
}
