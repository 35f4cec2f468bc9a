// Process and platform settings: -rtc, -smbios, -runas, -sandbox, -pidfile, -daemonize, -incoming, -global.
import type { CompileContext } from "../context.js";
import { hostPath } from "../context.js";
import { implied, props, type QemuOption } from "../../qemu/options.js";

export function runtimeOptions(ctx: CompileContext): QemuOption[] {
  const { spec } = ctx;
  const out: QemuOption[] = [];
  // An empty rtc: {} says nothing: an -rtc with no property would be an empty argument.
  if (spec.rtc && (spec.rtc.base || spec.rtc.clock))
    out.push({
      flag: "-rtc",
      props: props(null, [
        ["base", spec.rtc.base, ["rtc", "base"]],
        ["clock", spec.rtc.clock, ["rtc", "clock"]],
      ]),
      path: ["rtc"],
    });
  const s = spec.smbios;
  if (s && Object.keys(s).length > 0) {
    out.push({
      flag: "-smbios",
      props: props(null, [
        ["type", "1"],
        ["manufacturer", s.manufacturer],
        ["product", s.product],
        ["version", s.version],
        ["serial", s.serial],
        ["sku", s.sku],
        ["family", s.family],
      ]),
      path: ["smbios"],
    });
  }
  if (spec.runAs) out.push({ flag: "-runas", raw: spec.runAs, path: ["runAs"] });
  // The seccomp sandbox is on unless the spec turns it off.
  if (ctx.defaults || spec.sandbox !== undefined)
    out.push({
      flag: "-sandbox",
      props: [implied("enable", spec.sandbox === false ? "off" : "on")],
      path: spec.sandbox === undefined ? [] : ["sandbox"],
    });
  if (spec.pidfile) out.push({ flag: "-pidfile", raw: hostPath(ctx, spec.pidfile), path: ["pidfile"] });
  if (spec.daemonize) out.push({ flag: "-daemonize", path: ["daemonize"] });
  if (spec.incoming) out.push({ flag: "-incoming", raw: spec.incoming, path: ["incoming"] });
  (spec.globals ?? []).forEach((g, i) => {
    out.push({
      flag: "-global",
      props: props(null, [
        ["driver", g.driver, ["globals", i, "driver"]],
        ["property", g.property, ["globals", i, "property"]],
        ["value", g.value, ["globals", i, "value"]],
      ]),
      path: ["globals", i],
    });
  });
  return out;
}
