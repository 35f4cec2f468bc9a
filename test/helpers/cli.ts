// Runs the built CLI (as a user would, through cli/vmspec.cjs) and returns its output and exit code.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = fileURLToPath(new URL("../../cli/vmspec.cjs", import.meta.url));

export function vmspec(args: string[], opts: { input?: string | Buffer; cwd?: string; env?: NodeJS.ProcessEnv; bin?: string } = {}) {
  const r = spawnSync(process.execPath, [opts.bin ?? BIN, ...args], {
    input: opts.input,
    cwd: opts.cwd ?? ROOT,
    env: opts.env ?? process.env,
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
