// Identity, machine, accelerator, CPU and memory: -name, -uuid, -machine, -cpu, -smp, -m, -mem-path.
import type { CompileContext } from "../context.js";
import { hostPath } from "../context.js";
import { ifSet, implied, props, type Prop, type QemuOption } from "../../qemu/options.js";
import { alignUp, formatSize, parseSize, RAM_ALIGN } from "../../spec/size.js";

/**
 * The machine type: the spec's, or `virt`; with vmspec's defaults on, `virt` is what the lint
 * profile reads it as (its newest supported versioned type where the statement does not support
 * bare `virt`, docs/decisions.md). Without defaults the spec says exactly what is emitted.
 */
function machineType(ctx: CompileContext): string {
  const type = ctx.spec.machine?.type ?? "virt";
  return type === "virt" && ctx.defaults ? ctx.virtMachine : type;
}

export function machineOptions(ctx: CompileContext): QemuOption[] {
  const { spec } = ctx;
  const out: QemuOption[] = [{ flag: "-name", props: [implied("guest", spec.name)], path: ["name"] }];
  if (spec.uuid) out.push({ flag: "-uuid", raw: spec.uuid, path: ["uuid"] });
  // accel= on -machine is the spelling both QEMU 2.9 and 7.2 accept (-accel only gained
  // properties later); the statement names accel=kvm as the way to enable KVM.
  // Without vmspec's defaults, -machine appears only when the spec sets the machine or accelerator.
  if (ctx.defaults || spec.machine || spec.accel) {
    out.push({
      flag: "-machine",
      props: props(
        ctx.defaults || spec.machine?.type || !spec.accel
          ? implied("type", machineType(ctx), ifSet(spec.machine?.type, ["machine", "type"]))
          : null,
        [
          ["accel", spec.accel ?? (ctx.defaults ? "kvm" : undefined), ifSet(spec.accel, ["accel"])],
          ["gic-version", spec.machine?.gicVersion, ["machine", "gicVersion"]],
        ],
      ),
      path: spec.machine ? ["machine"] : spec.accel ? ["accel"] : ["name"],
    });
  }
  const cpu = spec.cpu ?? {};
  // A model may carry features ("host,pmu=off"); the schema allows no character QEMU would
  // misread, so the list is split here into the model and one property per feature.
  // The default follows the accelerator: `host` needs KVM; under TCG QEMU has no `host` model.
  const [model, ...features] = (cpu.model ?? (spec.accel === "tcg" ? ctx.target.tcgCpu : "host")).split(",");
  // A loop, not a spread of a map() result: a list with and one without features differ in map,
  // and the spread site was deoptimised ("wrong map") and optimised again for each.
  const cpuProps: Prop[] = [implied("model", model)];
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    if (!f) continue;
    const eq = f.indexOf("=");
    cpuProps.push(eq < 0 ? { key: f, value: "on", bare: true } : { key: f.slice(0, eq), value: f.slice(eq + 1) });
  }
  if (ctx.defaults || cpu.model) {
    // Under TCG the default model is chosen by `accel: tcg`, so a finding about it points there.
    const tcgDefault = !cpu.model && spec.accel === "tcg";
    out.push({
      flag: "-cpu",
      props: cpuProps,
      path: cpu.model ? ["cpu", "model"] : tcgDefault ? ["accel"] : ["name"],
      ...(tcgDefault ? { byDefault: true } : {}),
    });
  }
  const topo = (cpu.sockets ?? 1) * (cpu.cores ?? 1) * (cpu.threads ?? 1);
  const count = cpu.count ?? topo;
  const topology =
    cpu.count !== undefined ||
    cpu.sockets !== undefined ||
    cpu.cores !== undefined ||
    cpu.threads !== undefined ||
    cpu.maxCount !== undefined;
  if (ctx.defaults || topology) {
    out.push({
      flag: "-smp",
      props: props(implied("cpus", String(count), ifSet(cpu.count, ["cpu", "count"])), [
        ["maxcpus", cpu.maxCount, ["cpu", "maxCount"]],
        ["sockets", cpu.sockets, ["cpu", "sockets"]],
        ["cores", cpu.cores, ["cpu", "cores"]],
        ["threads", cpu.threads, ["cpu", "threads"]],
      ]),
      path: spec.cpu ? ["cpu"] : ["name"],
    });
  }
  // What QEMU itself makes of the size (2.1G: whole bytes, then up to 8 KiB), written exactly.
  const bytes = alignUp(parseSize(spec.memory.size) ?? 0, RAM_ALIGN);
  out.push({ flag: "-m", props: [implied("size", formatSize(bytes))], path: ["memory", "size"] });
  // With NUMA nodes every byte of guest memory is in a node's backend, which takes the hugepages
  // mount itself (compiler/sections/numa.ts): -mem-path would back nothing.
  const huge = spec.numa?.length ? undefined : spec.memory.hugepages;
  if (huge) {
    out.push({ flag: "-mem-path", raw: hostPath(ctx, huge === true ? "/dev/hugepages" : huge), path: ["memory", "hugepages"] });
  }
  if (spec.memory.prealloc) out.push({ flag: "-mem-prealloc", path: ["memory", "prealloc"] });
  // No default devices or user config files: the VM is exactly what the spec says.
  if (ctx.defaults) out.push({ flag: "-nodefaults", path: [] }, { flag: "-no-user-config", path: [] });
  return out;
}
