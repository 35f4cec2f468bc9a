// Helpers of the libvirt output (compiler/emit/libvirt.ts) for qemuProperties.devices: a device's
// `bus`/`addr` become its PCI <address>, its other properties <qemu:override> properties.
import type { SpecPath } from "../../spec/nodes.js";
import { EmitError } from "./argv.js";
import { DEVICE_PROP_TYPES } from "./device-prop-types.js";

/**
 * A property value as libvirt's <qemu:property> types it. libvirt 9.0 gives QEMU 7.2 its devices as
 * JSON, where a property's type must be QEMU's own: bool, a number, or a string (on/off/auto
 * properties are strings). The types are QEMU 7.2's (device-prop-types.ts); docs/decisions.md.
 */
export function qemuOverrideProperty(device: string, key: string, value: string, path: SpecPath): { type: string; value: string } {
  const types = DEVICE_PROP_TYPES[device];
  if (types?.bool.includes(key)) {
    const bool = { on: "true", yes: "true", true: "true", off: "false", no: "false", false: "false" }[value.toLowerCase()];
    if (bool === undefined) throw new EmitError(`${device}'s ${key} is on or off (a boolean), not ${JSON.stringify(value)}`, path);
    return { type: "bool", value: bool };
  }
  const unsigned = types?.unsigned.includes(key);
  if (unsigned || types?.signed.includes(key)) {
    // QEMU reads "4k" in a command line, but libvirt passes a JSON number.
    if (!(unsigned ? /^[0-9]{1,19}$/ : /^-?[0-9]{1,18}$/).test(value))
      throw new EmitError(
        `libvirt passes ${device}'s ${key} to QEMU as a number: write it in decimal digits, not ${JSON.stringify(value)}`,
        path,
      );
    return { type: unsigned ? "unsigned" : "signed", value: String(BigInt(value)) };
  }
  return { type: "string", value };
}

const hex = (n: number, width: number) => `0x${n.toString(16).padStart(width, "0")}`;

/**
 * The PCI <address> of a device from its qemuProperties `bus` (pcie.0 or rp<i> of pci.rootPorts,
 * which the libvirt output gives the PCI index i) and `addr` (QEMU's slot[.function]); undefined
 * without either.
 */
export function pciAddressOf(
  map: Record<string, string> | undefined,
  name: string,
  rootPorts: number,
  pci: boolean,
): { attrs: Record<string, string>; path: SpecPath } | undefined {
  const bus = map?.bus;
  const addr = map?.addr;
  if (bus === undefined && addr === undefined) return undefined;
  const at = (key: string): SpecPath => ["qemuProperties", "devices", name, key];
  const key = bus !== undefined ? "bus" : "addr";
  if (!pci) throw new EmitError(`${name} is not a PCI device here: the libvirt output places only PCI devices (${key})`, at(key));
  let index = 0;
  if (bus !== undefined && bus !== "pcie.0") {
    const m = /^rp([1-9][0-9]*)$/.exec(bus);
    if (!m || Number(m[1]) > rootPorts)
      throw new EmitError(
        `libvirt output places a device on pcie.0 or on a root port rp1...rp${rootPorts} of pci.rootPorts, not on ${JSON.stringify(bus)}`,
        at("bus"),
      );
    index = Number(m[1]);
  }
  let slot = 0;
  let fn = 0;
  if (addr !== undefined) {
    const m = /^(?:0x)?([0-9a-f]{1,2})(?:\.(?:0x)?([0-7]))?$/i.exec(addr);
    if (!m) throw new EmitError(`expected a PCI slot such as 0x5 or 0x5.0x1 (QEMU's addr=), not ${JSON.stringify(addr)}`, at("addr"));
    slot = parseInt(m[1], 16);
    fn = m[2] === undefined ? 0 : Number(m[2]);
    if (slot > 0x1f) throw new EmitError(`a PCI slot is 0x0 to 0x1f, not ${addr}`, at("addr"));
    if (index > 0 && slot !== 0) throw new EmitError(`a root port has one slot (0x0): ${addr} on ${bus}`, at("addr"));
  } else if (index === 0) throw new EmitError("libvirt output needs a slot (addr) for a device placed on pcie.0", at("bus"));
  return { attrs: { type: "pci", domain: "0x0000", bus: hex(index, 2), slot: hex(slot, 2), function: `0x${fn}` }, path: at(key) };
}
