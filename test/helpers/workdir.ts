// Scratch folders for tests that build and start VMs, and the host files an example expects.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { buildSpec } from "../../lint/build.js";
import { vmspec } from "./cli.js";
import { ALL_RULES_OFF } from "./import-corpus.js";

export function scratch(prefix = "vmspec-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface BuiltJson {
  binary: string;
  argv: string[];
  images: { path: string; format: string; size?: string }[];
  prepare: { creates: string; argv: string[] }[];
  readconfig: { file: string; argv: string[] } | { error: string };
}

/** Builds a spec file as JSON for this host (TCG, cortex-a57, QEMU 7.2). */
export function buildJson(specPath: string, extra: string[] = []): BuiltJson {
  const r = vmspec(["build", specPath, "--format", "json", "--accel", "tcg", "--cpu", "cortex-a57", "--qemu", "7.2", ...extra]);
  if (r.code !== 0) throw new Error(`vmspec build failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/**
 * Builds spec text in `dir` as JSON for this host (TCG, -cpu max, QEMU 7.2), rules off: the
 * compiler is under test (golden specs carry the statement's findings). Fails on an error.
 */
export function buildForHost(text: string, dir: string): BuiltJson {
  const r = buildSpec(new TextEncoder().encode(text), {
    baseDir: dir,
    format: "json",
    qemu: [7, 2],
    overrides: { accel: "tcg", cpu: "max" },
    rules: { ...ALL_RULES_OFF },
  });
  const errors = r.findings.filter((f) => f.severity === "error");
  if (r.output === undefined || errors.length) throw new Error(`does not build: ${errors.map((f) => f.message).join("; ")}`);
  return JSON.parse(r.output) as BuiltJson;
}

/** The argv without -runas, which needs root and the user it names: tests run QEMU as whoever runs them. */
export function withoutRunas(argv: string[]): string[] {
  return argv.filter((w, i, all) => w !== "-runas" && all[i - 1] !== "-runas");
}

/** Creates everything the build says must exist: images to create, vars stores, and images it only uses. */
export function prepareHost(built: BuiltJson): void {
  for (const p of built.prepare) {
    mkdirSync(dirname(p.creates), { recursive: true });
    if (!existsSync(p.creates)) execFileSync(p.argv[0], p.argv.slice(1), { stdio: "ignore" });
  }
  for (const img of built.images) {
    if (existsSync(img.path)) continue;
    mkdirSync(dirname(img.path), { recursive: true });
    execFileSync("qemu-img", ["create", "-f", img.format, img.path, "64M"], { stdio: "ignore" });
  }
}

export function copyInto(dir: string, file: string, name?: string): string {
  const to = join(dir, name ?? file.split("/").pop()!);
  copyFileSync(file, to);
  return to;
}

export function touch(path: string, bytes = 4096): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.alloc(bytes));
}
