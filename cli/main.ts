// The vmspec command line: commander parses arguments, the library does the work, each command's
// file in commands/ prints. This file only builds the program, wires the commands in (in the
// order help lists them) and turns errors into exit codes.
// Exit codes: 0 clean (or findings below error), 1 findings at error severity, 2 usage or I/O
// error, 3 internal error.
import { Command, CommanderError } from "commander";
import { packageVersion } from "../core/package-root.js";
import { UsageError } from "../core/files.js";
import { ConfigError } from "../lint/config.js";
import { register as build } from "./commands/build.js";
import { register as lint } from "./commands/lint.js";
import { register as init } from "./commands/init.js";
import { register as rules } from "./commands/rules.js";
import { register as explain } from "./commands/explain.js";
import { register as importCommand } from "./commands/import.js";
import { register as printConfig } from "./commands/print-config.js";
import { register as schema } from "./commands/schema.js";
import { register as lsp } from "./commands/lsp.js";
import { register as graph } from "./commands/graph.js";
import { register as profiles } from "./commands/profiles.js";
import { register as probe } from "./commands/probe.js";

/** Every command, in the order `vmspec --help` lists them. */
const COMMANDS = [build, lint, init, rules, explain, importCommand, printConfig, schema, profiles, probe, graph, lsp];

function program(): Command {
  const cmd = new Command("vmspec")
    .description("Declarative QEMU/KVM virtual machines: YAML spec → linted qemu-system-aarch64 command line")
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of COMMANDS) register(cmd);
  return cmd;
}

/**
 * A reader that stops early (`vmspec lint ... | head`) closes the pipe: stop quietly, no trace.
 * The handler is attached when the stream is first used: Node makes process.stdout and stderr on
 * first access, a pipe's as a socket (loading net and the stream modules), which a run that prints
 * nothing (a clean lint) does not need.
 */
export function quietOnClosedPipe(): void {
  const quiet = (stream: NodeJS.WriteStream) =>
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
  for (const name of ["stdout", "stderr"] as const) {
    const own = Object.getOwnPropertyDescriptor(process, name);
    if (!own?.get || !own.configurable) {
      quiet(process[name]);
      continue;
    }
    // Node's own getter, which makes the stream on first access.
    const make = own.get.bind(process) as () => NodeJS.WriteStream;
    let stream: NodeJS.WriteStream | undefined;
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: own.enumerable,
      get: () => (stream ??= quiet(make())),
    });
  }
}

export async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
    } else if (e instanceof UsageError || e instanceof ConfigError) {
      // A configuration may have several problems, one a line: each gets the prefix.
      process.stderr.write(
        e.message
          .split("\n")
          .map((line) => `vmspec: ${line}\n`)
          .join(""),
      );
      process.exitCode = 2;
    } else {
      process.stderr.write(`vmspec: internal error: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = 3;
    }
  }
}
