// A software TPM (tpm.type emulator): QEMU connects to swtpm's control socket. build starts
// nothing: the preparation steps make swtpm's state folder and then, when the socket is missing,
// stop with the swtpm command that must be running.
import type { CompileContext } from "../context.js";
import { hostPath, vmFileStem } from "../context.js";
import { ifSet, implied, props, type PrepareStep, type QemuOption } from "../../qemu/options.js";
import { TPM_CHARDEV_ID, TPMDEV_ID } from "../ids.js";
import { defaultSocket } from "./chardevs.js";

/** The swtpm command that serves `socket`, keeping the TPM's state in `stateDir` (a TPM 2.0). */
export function swtpmCommand(socket: string, stateDir: string): string[] {
  return ["swtpm", "socket", "--tpm2", "--tpmstate", `dir=${stateDir}`, "--ctrl", `type=unixio,path=${socket}`, "--daemon"];
}

export function swtpmOptions(ctx: CompileContext, prepare: PrepareStep[]): QemuOption[] {
  const tpm = ctx.spec.tpm!;
  const socket = tpm.socket !== undefined ? hostPath(ctx, tpm.socket) : defaultSocket(ctx, "swtpm", prepare, ["tpm"]);
  // The TPM's state (its keys and NVRAM) persists beside the spec, owner-only like the sockets.
  const stateDir = hostPath(ctx, `${vmFileStem(ctx)}.tpm`);
  prepare.push({ creates: stateDir, argv: ["mkdir", "-p", "-m", "0700", "--", stateDir], path: ["tpm"] });
  prepare.push({ creates: socket, argv: swtpmCommand(socket, stateDir), path: ["tpm"], mustRun: true });
  return [
    {
      flag: "-chardev",
      props: props(implied("backend", "socket"), [
        ["id", TPM_CHARDEV_ID],
        ["path", socket, ifSet(tpm.socket, ["tpm", "socket"])],
      ]),
      path: ["tpm"],
    },
    {
      flag: "-tpmdev",
      props: props(implied("type", "emulator", ["tpm", "type"]), [
        ["id", TPMDEV_ID],
        ["chardev", TPM_CHARDEV_ID],
      ]),
      path: ["tpm"],
    },
  ];
}
