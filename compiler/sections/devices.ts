// Other devices: RNG, balloon, watchdog, virtio-9p shares, VFIO host devices, pvpanic, TPM.
import type { CompileContext } from "../context.js";
import { hostPath } from "../context.js";
import { ifSet, implied, props, type PrepareStep, type QemuOption } from "../../qemu/options.js";
import { swtpmOptions } from "./swtpm.js";
import { bootIndex } from "../bootorder.js";
import {
  BALLOON_ID,
  deviceId,
  fsdevId,
  PVPANIC_ID,
  RNG_DEVICE_ID,
  RNG_OBJECT_ID,
  shareId,
  TPM_DEVICE_ID,
  TPMDEV_ID,
  WATCHDOG_ID,
} from "../ids.js";

export function deviceOptions(ctx: CompileContext, prepare: PrepareStep[]): QemuOption[] {
  const { spec, target } = ctx;
  const out: QemuOption[] = [];
  if (spec.rng) {
    out.push({
      flag: "-object",
      props: [
        implied("qom-type", "rng-random"),
        { key: "id", value: RNG_OBJECT_ID },
        {
          key: "filename",
          value: hostPath(ctx, spec.rng.source ?? "/dev/urandom"),
          ...(spec.rng.source !== undefined ? { path: ["rng", "source"] } : {}),
        },
      ],
      path: ["rng"],
    });
    out.push({
      flag: "-device",
      props: props(implied("driver", "virtio-rng-pci"), [
        ["rng", RNG_OBJECT_ID],
        ["id", RNG_DEVICE_ID],
      ]),
      path: ["rng"],
    });
  }
  if (spec.balloon) {
    // -device virtio-balloon-pci is accepted by QEMU 2.9 and 7.2 alike (the -balloon option is gone in 7.2).
    out.push({
      flag: "-device",
      props: props(implied("driver", "virtio-balloon-pci"), [
        ["id", BALLOON_ID],
        ["deflate-on-oom", spec.balloon.deflateOnOom, ["balloon", "deflateOnOom"]],
      ]),
      path: ["balloon"],
    });
  }
  if (spec.watchdog) {
    out.push({
      flag: "-device",
      props: [
        implied("driver", spec.watchdog.model ?? "i6300esb", ifSet(spec.watchdog.model, ["watchdog", "model"])),
        { key: "id", value: WATCHDOG_ID },
      ],
      path: ["watchdog"],
    });
    out.push({
      flag: "-watchdog-action",
      raw: spec.watchdog.action ?? "reset",
      path: spec.watchdog.action ? ["watchdog", "action"] : ["watchdog"],
    });
  }
  (spec.shares ?? []).forEach((s, i) => {
    const id = fsdevId(s.tag);
    out.push({
      flag: "-fsdev",
      props: props(implied("fsdriver", "local"), [
        ["id", id],
        ["path", hostPath(ctx, s.path), ["shares", i, "path"]],
        ["security_model", s.securityModel ?? "mapped-xattr", ifSet(s.securityModel, ["shares", i, "securityModel"])],
        ["readonly", s.readonly ? true : undefined, ["shares", i, "readonly"]],
      ]),
      path: ["shares", i],
    });
    out.push({
      flag: "-device",
      props: props(implied("driver", "virtio-9p-pci"), [
        ["fsdev", id],
        ["mount_tag", s.tag, ["shares", i, "tag"]],
        ["id", shareId(s.tag)],
      ]),
      path: ["shares", i],
    });
  });
  (spec.hostDevices ?? []).forEach((h, i) => {
    out.push({
      flag: "-device",
      props: props(implied("driver", "vfio-pci"), [
        ["host", h.address.toLowerCase(), ["hostDevices", i, "address"]],
        ["id", deviceId(h.name), ["hostDevices", i, "name"]],
        ["bootindex", bootIndex(spec, h.name, h.bootindex), ifSet(h.bootindex, ["hostDevices", i, "bootindex"])],
      ]),
      path: ["hostDevices", i],
    });
  });
  // The one panic device an aarch64 virt board can hold: pvpanic-pci (QEMU 6.0). The ISA pvpanic
  // the SLES 12 SP3 statement lists needs an ISA bus the virt board lacks; before 6.0 the option
  // is a target-unsupported error (qemu/since.ts), not a command line QEMU refuses at start.
  if (spec.pvpanic)
    out.push({ flag: "-device", props: [implied("driver", "pvpanic-pci"), { key: "id", value: PVPANIC_ID }], path: ["pvpanic"] });
  if (spec.tpm && !target.tpmOnVirt) {
    ctx.unsupported?.push({
      id: "target-unsupported",
      message: `a TPM on the virt board needs QEMU 5.0 or later (tpm-tis-device); QEMU ${target.version.join(".")} has only the ISA tpm-tis, and the virt board has no ISA bus: target a newer QEMU (--qemu) or drop tpm`,
      path: ["tpm"],
    });
    // Still compiled (as the device a virt board can hold, tpm-tis-device), so that lint's rules
    // judge the TPM's backend as they would on a QEMU that has it; build stops on the error.
  }
  if (spec.tpm?.type === "emulator") out.push(...swtpmOptions(ctx, prepare));
  else if (spec.tpm) {
    out.push({
      flag: "-tpmdev",
      props: props(implied("type", "passthrough", ifSet(spec.tpm.type, ["tpm", "type"])), [
        ["id", TPMDEV_ID],
        ["path", hostPath(ctx, spec.tpm.path ?? "/dev/tpm0"), ifSet(spec.tpm.path, ["tpm", "path"])],
      ]),
      path: ["tpm"],
    });
  }
  if (spec.tpm) {
    out.push({
      flag: "-device",
      props: props(implied("driver", "tpm-tis-device"), [
        ["tpmdev", TPMDEV_ID],
        ["id", TPM_DEVICE_ID],
      ]),
      path: ["tpm"],
    });
  }
  return out;
}
