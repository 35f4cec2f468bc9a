// `vmspec probe`: what the host's QEMU binary has (machine types, CPU models, devices, QMP
// commands, options, what it marks deprecated), asked of the binary over QMP and cached per binary.
import type { Command } from "commander";
import { cacheDir, DEFAULT_BINARY, probe } from "../../qemu/probe.js";

export function register(program: Command): void {
  program
    .command("probe")
    .description(
      "ask the host's QEMU binary what it has (over QMP, started paused with no devices) and print it as JSON; cached per binary",
    )
    .option("--binary <path>", `the QEMU binary (default ${DEFAULT_BINARY} on PATH)`)
    .option("--refresh", "probe again even when the cache holds this binary")
    .addHelpText(
      "after",
      // A function: the folder is looked up (a home directory) only when the help is shown.
      () =>
        `\nThe answer is cached in ${cacheDir()} (VMSPEC_CACHE_DIR or XDG_CACHE_HOME override it), keyed by the binary's path, size, mtime and inode: a changed binary is probed again.\n\nExamples:\n  vmspec probe\n  vmspec probe --binary /usr/bin/qemu-system-arm\n`,
    )
    .action((o: { binary?: string; refresh?: boolean }) => {
      const r = probe(o.binary ?? DEFAULT_BINARY, { refresh: o.refresh });
      process.stderr.write(`vmspec: ${r.host.binary} ${r.cached ? "(from the probe cache" : "(probed now, cached"} in ${r.cacheFile})\n`);
      process.stdout.write(JSON.stringify(r.host, null, 2) + "\n");
    });
}
