// PCI Express root ports (pci.rootPorts), written before every other PCI device: eight to a slot
// of the root bus from slot 1, as functions of one multifunction slot, so the devices QEMU places
// itself take the slots after them.
import type { CompileContext } from "../context.js";
import { implied, props, type QemuOption } from "../../qemu/options.js";
import { rootPortId } from "../ids.js";

/** Root ports share a slot as its eight functions. */
const PORTS_PER_SLOT = 8;
/** The first root-bus slot they use (slot 0 is the host bridge). */
const FIRST_SLOT = 1;
/** PCIe port numbers start here, clear of the root bus's own (libvirt does the same). */
const FIRST_PORT = 0x10;

export function pciOptions(ctx: CompileContext): QemuOption[] {
  const n = ctx.spec.pci?.rootPorts ?? 0;
  const out: QemuOption[] = [];
  for (let i = 1; i <= n; i++) {
    const slot = FIRST_SLOT + Math.floor((i - 1) / PORTS_PER_SLOT);
    const fn = (i - 1) % PORTS_PER_SLOT;
    // A slot's function 0 says the slot is multifunction, when more ports share it.
    const multi = fn === 0 && i < n;
    out.push({
      flag: "-device",
      props: props(implied("driver", ctx.target.rootPortDevice), [
        ["id", rootPortId(i)],
        ["chassis", i],
        ["port", `0x${(FIRST_PORT + i - 1).toString(16)}`],
        ["bus", "pcie.0"],
        ["addr", `0x${slot.toString(16)}.0x${fn}`],
        ["multifunction", multi ? true : undefined],
      ]),
      // Each port its own path (a libvirt domain's ports are elements of their own: lint points at
      // each); in a spec, where rootPorts is a count, it resolves to rootPorts.
      path: ["pci", "rootPorts", i - 1],
    });
  }
  return out;
}
