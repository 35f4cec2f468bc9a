// Firmware and boot: UEFI pflash pair or -bios, direct kernel boot, -boot.
import type { CompileContext } from "../context.js";
import { hostPath } from "../context.js";
import { props, type PrepareStep, type QemuOption } from "../../qemu/options.js";
import { blockdevAllowed, pflashNodes } from "./blockdev.js";

export function firmwareOptions(ctx: CompileContext, prepare: PrepareStep[]): QemuOption[] {
  const { spec } = ctx;
  const out: QemuOption[] = [];
  const uefi = spec.firmware?.uefi;
  if (uefi) {
    const code = hostPath(ctx, uefi.code);
    const vars = hostPath(ctx, uefi.vars);
    // The code is shared and read-only; the variable store is this VM's own copy (unit 1).
    if (blockdevAllowed(ctx)) {
      // -blockdev nodes that -machine pflash0=/pflash1= name (blockdev.ts: addPflashMachineProps).
      out.push(...pflashNodes(0, code, ["firmware", "uefi", "code"]), ...pflashNodes(1, vars, ["firmware", "uefi", "vars"]));
    } else {
      out.push({
        flag: "-drive",
        props: props(null, [
          ["if", "pflash"],
          ["format", "raw"],
          ["unit", 0],
          ["readonly", true],
          ["file", code],
        ]),
        path: ["firmware", "uefi", "code"],
      });
      out.push({
        flag: "-drive",
        props: props(null, [
          ["if", "pflash"],
          ["format", "raw"],
          ["unit", 1],
          ["file", vars],
        ]),
        path: ["firmware", "uefi", "vars"],
      });
    }
    prepare.push({
      creates: vars,
      argv: ["cp", "--", hostPath(ctx, uefi.varsTemplate ?? "/usr/share/AAVMF/AAVMF_VARS.fd"), vars],
      path: ["firmware", "uefi", "vars"],
    });
  }
  if (spec.firmware?.bios) out.push({ flag: "-bios", raw: hostPath(ctx, spec.firmware.bios), path: ["firmware", "bios"] });
  const k = spec.kernel;
  if (k) {
    out.push({ flag: "-kernel", raw: hostPath(ctx, k.path), path: ["kernel", "path"] });
    if (k.initrd) out.push({ flag: "-initrd", raw: hostPath(ctx, k.initrd), path: ["kernel", "initrd"] });
    if (k.append !== undefined) out.push({ flag: "-append", raw: k.append, path: ["kernel", "append"] });
  }
  const b = spec.boot;
  if (b && (b.order?.length || b.menu !== undefined)) {
    // Boot order by device name is compiled to bootindex properties (storage and network sections);
    // -boot only carries the menu switch.
    if (b.menu !== undefined) out.push({ flag: "-boot", props: props(null, [["menu", b.menu]]), path: ["boot", "menu"] });
  }
  return out;
}
