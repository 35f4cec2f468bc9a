// node:child_process, node:crypto and node:os in the playground: only `vmspec probe` / `--host`
// (qemu/probe.ts) use them, and a page has no host QEMU to start.
function unavailable(): never {
  throw new Error("the playground cannot start programs (vmspec probe and --host need the CLI)");
}
export const spawnSync = unavailable;
export const execFileSync = unavailable;
export const createHash = unavailable;
export const tmpdir = () => "/tmp";
export const homedir = () => "/";
export default { spawnSync, execFileSync, createHash, tmpdir, homedir };
