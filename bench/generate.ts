// Generates varied, realistic VM specs for the benchmark: about 40 lines each, a few percent with
// findings (typos, bad sizes, duplicate names, unknown boot devices), deterministic by seed.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function generateSpec(i: number): string {
  const r = rng(i + 1);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const name = `vm-${i}`;
  const disks = 1 + Math.floor(r() * 3);
  const lines = [
    `# generated benchmark spec ${i}`,
    `name: ${name}`,
    `machine: {type: ${pick(["virt", "virt-2.6"])}}`,
    `cpu:`,
    `  count: ${pick([1, 2, 4, 8])}`,
    `memory:`,
    `  size: ${pick(["512MiB", "1GiB", "2GiB", "4GiB", "8GiB"])}`,
    `firmware:`,
    `  uefi:`,
    `    code: /usr/share/AAVMF/AAVMF_CODE.fd`,
    `    vars: ${name}_VARS.fd`,
    `disks:`,
  ];
  for (let d = 0; d < disks; d++) {
    lines.push(
      `  - name: disk${d}`,
      `    file: images/${name}-${d}.${pick(["qcow2", "raw"])}`,
      `    format: ${pick(["qcow2", "raw"])}`,
      `    bus: ${pick(["virtio-blk", "virtio-scsi"])}`,
      `    cache: ${pick(["none", "writeback"])}`,
      `    size: ${pick(["10GiB", "20GiB", "100GiB"])}`,
    );
  }
  lines.push(`networks:`, `  - name: lan`, `    type: user`, `    model: ${pick(["virtio", "e1000"])}`, `    forwards:`, `      - {hostPort: ${2000 + (i % 5000)}, guestPort: 22}`);
  lines.push(`boot:`, `  order: [disk0]`, `serial: {type: pty}`, `rng: {}`, `balloon: {}`, `guestAgent: {}`);
  if (r() < 0.5) lines.push(`watchdog: {action: reset}`);
  if (r() < 0.3) lines.push(`usb: {tablet: true}`);
  // About 5% with a finding, each kind exercised.
  if (i % 20 === 7) {
    const kind = (i / 20) % 5 | 0;
    if (kind === 0) lines.push(`memroy: {size: 1GiB}`);
    if (kind === 1) lines[6] = `  size: 4 GB`;
    if (kind === 2) lines.push(`cdroms: [{name: disk0, file: x.iso}]`);
    if (kind === 3) lines.push(`extraArgs: [-m, 2G]`);
    if (kind === 4) lines[lines.indexOf(`  order: [disk0]`)] = `  order: [disk9]`;
  }
  return lines.join("\n") + "\n";
}

export function generateTree(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `vm-${String(i).padStart(5, "0")}.yaml`), generateSpec(i));
}
