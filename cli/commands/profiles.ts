// `vmspec profiles`: the support statements vmspec knows, with the QEMU version each describes
// (the build target under it) and what a spec's `machine.type: virt` becomes under it.
import { type Command, Option } from "commander";
import { DEFAULT_PROFILE, PROFILES } from "../../rules/data/profiles.js";
import { profileNamed } from "../../rules/profile.js";

export function register(program: Command): void {
  program
    .command("profiles")
    .description("list the support statements (profiles) vmspec lints against, with the QEMU version each describes")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText("after", "\nExamples:\n  vmspec profiles\n  vmspec lint --profile sles15sp4 vms/\n")
    .action((o: { format: string }) => {
      const rows = Object.values(PROFILES).map((p) => {
        const profile = profileNamed(p.id)!;
        return {
          id: p.id,
          title: p.title,
          qemu: p.qemu,
          default: p.id === DEFAULT_PROFILE,
          virtMachine: profile.virtMachine,
          machines: profile.supportedMachines.filter((m) => m !== "help" && m !== "?"),
        };
      });
      if (o.format === "json") return void process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
      const w = Math.max(...rows.map((r) => r.id.length));
      process.stdout.write(`${"id".padEnd(w)}  qemu  machine: virt  title\n`);
      for (const r of rows)
        process.stdout.write(
          `${r.id.padEnd(w)}  ${r.qemu.padEnd(4)}  ${r.virtMachine.padEnd(13)}  ${r.title}${r.default ? " (default)" : ""}\n`,
        );
    });
}
