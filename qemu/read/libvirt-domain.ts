// Reads a libvirt domain XML (`virsh dumpxml`, virt-install's and virt-manager's output, libvirt's
// test data) into a vmspec spec, with a source map from every spec path it sets to the element or
// attribute that set it, so that `vmspec lint` reports each finding there and `vmspec import
// --from libvirt` writes the spec. It sits in qemu/ beside the other readers of what people run
// QEMU with (command lines, -readconfig files, monitor scripts): lint/ and import/ both use it, and
// it needs only spec/ (types, positions) and core/ below it.
//
// What vmspec cannot say is never dropped: each element the reader does not map (and each element
// whose values have no vmspec equivalent) is listed in `unmapped`, once, at that element, with the
// reason. XML is parsed by @xmldom/xmldom with its positions; entities, DTDs and anything it only
// warns about are refused, so a file either reads exactly or is an error at its line and column.
import { createRequire } from "node:module";
import type { Element, Attr, Node } from "@xmldom/xmldom";
import type { SourcePositions, SpecPath } from "../../spec/nodes.js";
import type {
  CharBackend,
  Cdrom,
  Disk,
  DiskThrottle,
  HostPciDevice,
  Network,
  NumaNode,
  Share,
  Smbios,
  Usb,
  UsbHostDevice,
  VmSpec,
} from "../../spec/types.js";

/** The namespace of `<qemu:commandline>`. */
export const QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0";

/** An element (or value) the reader did not map, with why. */
export interface Unmapped {
  /** What it is, as written: `<on_crash>`, `<disk bus="sata">`. */
  what: string;
  why: string;
  range: [number, number];
}

export interface LibvirtRead {
  text: string;
  /** The spec; absent when the text is not a readable domain (then `error`). */
  spec?: VmSpec;
  error?: { message: string; range: [number, number] };
  /** Spec path → XML range; unknown paths fall back to their nearest mapped parent, then `<domain>`. */
  positions: SourcePositions;
  unmapped: Unmapped[];
  /** Choices the reader made that the XML does not spell out (a default it filled in). */
  notes: { message: string; range: [number, number] }[];
  /**
   * QEMU devices the XML names itself where the spec names a kind (`<controller model='qemu-xhci'>`
   * is `usb.controller: xhci`, which a QEMU 2.9 target builds as nec-usb-xhci): lint judges the
   * device the domain gives QEMU, and import reads the QEMU version it needs from them.
   */
  drivers: { path: SpecPath; driver: string; range: [number, number]; what?: string }[];
  /** The domain's `<display passwd>`: lint counts it as a password, import leaves it out of the spec (it is a secret). */
  password?: [number, number];
}

/** Whether `text` looks like a libvirt domain: its first element (after the prolog) is `<domain`. */
export function isLibvirtDomain(text: string): boolean {
  const t = text.replace(/^\uFEFF/, "");
  const m = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*<([A-Za-z_][\w.:-]*)/.exec(t);
  return m !== null && m[1] === "domain";
}

/** The TPM models libvirt 9.0's schema knows (domaincommon.rng, <tpm model>). */
const LIBVIRT_TPM_MODELS = new Set(["tpm-tis", "tpm-crb", "tpm-spapr", "spapr-tpm-proxy"]);

/**
 * libvirt 9.0's refusal of a `<tpm model>` on aarch64, in its words: a model its schema lacks is an
 * XML error when the domain is defined; a known model other than tpm-tis (which it gives QEMU as
 * tpm-tis-device) is refused when the domain starts (`virsh domxml-to-native qemu-argv` says so too).
 */
function tpmRefusal(model: string, emulator: string | undefined): string {
  const fix = "write <tpm model='tpm-tis'> or leave model out: on aarch64 libvirt gives QEMU tpm-tis-device for it";
  if (!LIBVIRT_TPM_MODELS.has(model))
    return `libvirt refuses <tpm model='${model}'>: "XML error: Invalid value for attribute 'model' in element 'tpm': '${model}'."; ${fix}`;
  return `libvirt refuses <tpm model='${model}'> on aarch64: "unsupported configuration: The QEMU executable ${emulator ?? "/usr/bin/qemu-system-aarch64"} does not support TPM model ${model}"; ${fix}`;
}

/** `rec[key]` when `key` is its own property: never Object.prototype's (`__proto__`, `constructor`) for a value read from the XML. */
function own<T>(rec: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(rec, key) ? rec[key] : undefined;
}

const KIB = 1024;
const UNITS: Record<string, number> = {
  b: 1,
  bytes: 1,
  kb: 1000,
  k: KIB,
  kib: KIB,
  mb: 1000 ** 2,
  m: KIB ** 2,
  mib: KIB ** 2,
  gb: 1000 ** 3,
  g: KIB ** 3,
  gib: KIB ** 3,
  tb: 1000 ** 4,
  t: KIB ** 4,
  tib: KIB ** 4,
};

function sizeText(bytes: number): string {
  for (const [suffix, unit] of [
    ["TiB", KIB ** 4],
    ["GiB", KIB ** 3],
    ["MiB", KIB ** 2],
    ["KiB", KIB],
  ] as const)
    if (bytes % unit === 0) return `${bytes / unit}${suffix}`;
  return `${bytes}B`;
}

const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/;
const IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;
const MAC = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const MACHINE = /^[a-z][a-z0-9.-]*$/;
const CPU_MODEL = /^[A-Za-z0-9][A-Za-z0-9_.+=,-]*$/;
const TAG = /^[A-Za-z0-9_.-]{1,31}$/;
const COUNT = /^[1-9][0-9]{0,5}$/;
/** vmspec's vCPU list (NumaNode.cpus). */
const CPUS = /^[0-9]{1,4}(-[0-9]{1,4})?(,[0-9]{1,4}(-[0-9]{1,4})?){0,63}$/;
/** A QEMU property name (PropertyMap). */
const PROP = /^[a-z][a-z0-9._-]*$/;
const HEX4 = /^(0x)?[0-9a-fA-F]{4}$/;

class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Offsets of each line's start, for turning xmldom's line/column into offsets. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function parse(text: string): Element {
  let first: string | undefined;
  // Loaded on first use: only a domain XML needs it, and every other run starts without it.
  const { DOMParser } = createRequire(import.meta.url)("@xmldom/xmldom") as typeof import("@xmldom/xmldom");
  const parser = new DOMParser({
    locator: true,
    // Everything xmldom reports is refused: libvirt itself (libxml2) refuses what xmldom only warns about.
    onError: (_level, message) => {
      first ??= message;
      throw new Error(message);
    },
  });
  let doc;
  try {
    doc = parser.parseFromString(text, "text/xml");
  } catch (e) {
    const at = (e as { locator?: { lineNumber?: number; columnNumber?: number } }).locator;
    if (e instanceof RangeError) throw new XmlError("elements are nested too deeply to be a libvirt domain", 1, 1);
    const message = (first ?? (e as Error).message).replace(/^\[xmldom \w+\]\t/, "").split("\n")[0];
    throw new XmlError(`not well-formed XML: ${message}`, at?.lineNumber || 1, at?.columnNumber || 1);
  }
  for (let n = doc.firstChild; n; n = n.nextSibling)
    if (n.nodeType === 10) throw new XmlError("a DOCTYPE is not allowed in a libvirt domain", 1, 1);
  const root = doc.documentElement;
  if (!root) throw new XmlError("not well-formed XML: no root element", 1, 1);
  if (root.tagName !== "domain")
    throw new XmlError(
      `the root element is <${root.tagName}>, not <domain>: not a libvirt domain XML`,
      root.lineNumber ?? 1,
      root.columnNumber ?? 1,
    );
  return root;
}

/** Element children of `el`. */
function kids(el: Element, name?: string): Element[] {
  const out: Element[] = [];
  for (let n: Node | null = el.firstChild; n; n = n.nextSibling)
    if (n.nodeType === 1 && (name === undefined || (n as Element).tagName === name)) out.push(n as Element);
  return out;
}

function kid(el: Element | undefined, name: string): Element | undefined {
  return el ? kids(el, name)[0] : undefined;
}

function textOf(el: Element | undefined): string | undefined {
  if (!el) return undefined;
  const t = (el.textContent ?? "").trim();
  return t === "" ? undefined : t;
}

function attr(el: Element | undefined, name: string): string | undefined {
  if (!el || !el.hasAttribute(name)) return undefined;
  return el.getAttribute(name) ?? undefined;
}

const yes = (v: string | undefined): boolean => v === "yes" || v === "on";

/** Reads a libvirt domain XML text. Never throws: an unreadable text gives `error`. */
export function readLibvirtDomain(text: string): LibvirtRead {
  const source = text.replace(/^\uFEFF/, "");
  const starts = lineStarts(source);
  const offset = (line: number, column: number): number =>
    Math.min(source.length, (starts[Math.max(0, line - 1)] ?? source.length) + Math.max(0, column - 1));
  const ranges = new Map<string, [number, number]>();
  let rootRange: [number, number] = [0, 0];
  const positions: SourcePositions = {
    rangeAt(path: SpecPath) {
      for (let n = path.length; n > 0; n--) {
        const r = ranges.get(JSON.stringify(path.slice(0, n)));
        if (r) return r;
      }
      return rootRange;
    },
    // No YAML scalar to edit: fixes are never offered on XML.
    scalarRangeAt: () => undefined,
    has: (path) => ranges.has(JSON.stringify(path)),
  };
  const unmapped: Unmapped[] = [];
  const notes: LibvirtRead["notes"] = [];
  const drivers: LibvirtRead["drivers"] = [];
  let password: [number, number] | undefined;
  /** The first thing in the domain libvirt refuses (as libvirt says it), at its attribute. */
  let refused: { message: string; range: [number, number] } | undefined;
  let root: Element;
  try {
    root = parse(source);
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    const at = offset(e.line, e.column);
    return {
      text: source,
      error: { message: e.message, range: [at, Math.min(source.length, at + 1)] },
      positions,
      unmapped,
      notes,
      drivers: [],
    };
  }

  /** The range of an element's name in its start tag. */
  const elRange = (el: Element): [number, number] => {
    const at = offset(el.lineNumber ?? 1, el.columnNumber ?? 1);
    return [at, at + 1 + el.tagName.length];
  };
  /** The range of `name="value"` (xmldom points at the value's quote). */
  const attrRange = (el: Element, name: string): [number, number] => {
    const a: Attr | null = el.getAttributeNode(name);
    if (!a || a.lineNumber === undefined) return elRange(el);
    const q = offset(a.lineNumber, a.columnNumber ?? 1);
    const quote = source[q];
    const end = quote === '"' || quote === "'" ? source.indexOf(quote, q + 1) + 1 : q;
    const start = source.lastIndexOf(name, q);
    return [start >= 0 && start < q ? start : q, end > q ? end : q + 1];
  };
  /** The range of an element's text when it holds only text (`<source>` paths, `<memory>`, `<model>`). */
  const textRange = (el: Element): [number, number] | undefined => {
    const t = el.firstChild;
    if (!t || t.nodeType !== 3 || t.nextSibling || t.lineNumber === undefined || (el.textContent ?? "").trim() === "") return undefined;
    let start = offset(t.lineNumber, t.columnNumber ?? 1);
    let end = source.indexOf("<", start);
    if (end < 0) end = source.length;
    while (start < end && /\s/.test(source[start])) start++;
    while (end > start && /\s/.test(source[end - 1])) end--;
    return end > start ? [start, end] : undefined;
  };
  rootRange = elRange(root);

  const used = new Set<Element>();
  const use = (...els: (Element | undefined)[]): void => {
    for (const el of els) if (el) used.add(el);
  };
  /** Records that `path` was set by `el` (or its attribute `name`). */
  const at = (path: SpecPath, el: Element, name?: string): void => {
    use(el);
    ranges.set(JSON.stringify(path), name !== undefined && el.hasAttribute(name) ? attrRange(el, name) : (textRange(el) ?? elRange(el)));
  };
  const describe = (el: Element, names: string[] = []): string => {
    const shown = names.filter((n) => el.hasAttribute(n)).map((n) => ` ${n}="${el.getAttribute(n)}"`);
    return `<${el.tagName}${shown.join("")}>`;
  };
  /** An element vmspec does not map (with its children: they are part of it). */
  const skip = (el: Element, why: string, names: string[] = ["type", "model", "device", "bus"]): void => {
    markTree(el);
    unmapped.push({ what: describe(el, names), why, range: elRange(el) });
  };
  const markTree = (el: Element): void => {
    used.add(el);
    for (const k of kids(el)) markTree(k);
  };
  const note = (message: string, el: Element, name?: string): void => {
    notes.push({ message, range: name ? attrRange(el, name) : elRange(el) });
  };

  const spec: Partial<VmSpec> & Record<string, unknown> = {};
  /** The devices' <address> elements, reported once (finishDevice). */
  const addresses: Element[] = [];
  const videos: Element[] = [];
  use(root);

  // --- name, uuid, type ---
  const nameEl = kid(root, "name");
  const name = textOf(nameEl);
  if (nameEl && name && NAME.test(name)) {
    spec.name = name;
    at(["name"], nameEl);
  } else {
    spec.name =
      (name ?? "")
        .replace(/[^A-Za-z0-9_.-]/g, "-")
        .replace(/^[^A-Za-z]+/, "")
        .slice(0, 32) || "imported";
    if (nameEl) {
      at(["name"], nameEl);
      note(
        `the name ${JSON.stringify(name ?? "")} is not a vmspec name (letters, digits, '_', '.', '-'): the spec is named ${spec.name}`,
        nameEl,
      );
    } else ranges.set(JSON.stringify(["name"]), rootRange);
  }
  const uuidEl = kid(root, "uuid");
  const uuid = textOf(uuidEl);
  if (uuidEl && uuid && UUID.test(uuid)) {
    spec.uuid = uuid;
    at(["uuid"], uuidEl);
  } else if (uuidEl) skip(uuidEl, `${JSON.stringify(uuid ?? "")} is not a UUID vmspec can pass on`);
  const type = attr(root, "type");
  if (type === "kvm" || type === "qemu") {
    spec.accel = type === "kvm" ? "kvm" : "tcg";
    ranges.set(JSON.stringify(["accel"]), attrRange(root, "type"));
  } else
    unmapped.push({
      what: `<domain type="${type ?? ""}">`,
      why: "vmspec runs QEMU with kvm or tcg (libvirt type kvm or qemu): linted as kvm",
      range: attrRange(root, "type"),
    });

  // --- memory ---
  const memEl = kid(root, "memory");
  const bytes = memEl ? memoryBytes(memEl) : undefined;
  if (memEl && bytes !== undefined && bytes > 0) {
    spec.memory = { size: sizeText(bytes) };
    at(["memory"], memEl);
    at(["memory", "size"], memEl);
  } else {
    spec.memory = { size: "128MiB" };
    if (memEl) skip(memEl, "not a size vmspec can read: linted with QEMU's default of 128 MiB");
    else ranges.set(JSON.stringify(["memory"]), rootRange);
  }
  const current = kid(root, "currentMemory");
  if (current) {
    const cb = memoryBytes(current);
    if (cb === bytes) use(current);
    else skip(current, "a balloon target below <memory> has no vmspec setting: the guest starts with <memory>");
  }
  const backing = kid(root, "memoryBacking");
  /** <hugepages><page nodeset=...>: applied to the NUMA nodes once they are read (after <cpu>). */
  const nodePages: { page: Element; nodes: number[] }[] = [];
  if (backing) {
    use(backing);
    for (const k of kids(backing)) {
      if (k.tagName === "hugepages" && kids(k).length === 0) {
        spec.memory.hugepages = true;
        at(["memory", "hugepages"], k);
      } else if (k.tagName === "hugepages" && kids(k).every((p) => p.tagName === "page")) {
        use(k);
        for (const page of kids(k)) {
          const nodeset = attr(page, "nodeset");
          const nodes = nodeset === undefined ? undefined : cpuList(nodeset);
          if (nodeset !== undefined && nodes === undefined) {
            skip(page, "not a node set vmspec can read", ["nodeset"]);
            continue;
          }
          if (page.hasAttribute("size"))
            note(
              `<page size='${page.getAttribute("size")}'>: the spec backs memory with the hugetlbfs mount /dev/hugepages, whose page size is the host's default; libvirt picks the mount of that size from qemu.conf`,
              page,
              "size",
            );
          if (nodes === undefined) {
            spec.memory.hugepages = true;
            at(["memory", "hugepages"], page);
          } else nodePages.push({ page, nodes });
        }
      } else if (k.tagName === "allocation" && attr(k, "mode") === "immediate" && k.attributes.length === 1) {
        spec.memory.prealloc = true;
        at(["memory", "prealloc"], k);
      } else skip(k, "this memory backing setting has no vmspec field", ["mode", "type"]);
    }
  }

  // --- vcpu and cpu ---
  const vcpuEl = kid(root, "vcpu");
  const cpu: NonNullable<VmSpec["cpu"]> = {};
  const vcpus = textOf(vcpuEl);
  if (vcpuEl && vcpus && COUNT.test(vcpus) && Number(vcpus) <= 512) {
    const cur = attr(vcpuEl, "current");
    if (cur !== undefined && COUNT.test(cur) && Number(cur) < Number(vcpus)) {
      cpu.count = Number(cur);
      cpu.maxCount = Number(vcpus);
      at(["cpu", "count"], vcpuEl, "current");
      at(["cpu", "maxCount"], vcpuEl);
    } else {
      cpu.count = Number(vcpus);
      at(["cpu", "count"], vcpuEl);
    }
    if (vcpuEl.hasAttribute("cpuset")) note("<vcpu cpuset> (host CPU pinning) has no vmspec setting", vcpuEl, "cpuset");
    if (attr(vcpuEl, "placement") === "auto") note("<vcpu placement='auto'> (numad placement) has no vmspec setting", vcpuEl, "placement");
  } else if (vcpuEl) skip(vcpuEl, "not a CPU count vmspec can read");
  const cpuEl = kid(root, "cpu");
  if (cpuEl) {
    use(cpuEl);
    const mode = attr(cpuEl, "mode") ?? "custom";
    const modelEl = kid(cpuEl, "model");
    const model = textOf(modelEl);
    const features: string[] = [];
    for (const f of kids(cpuEl, "feature")) {
      const fname = attr(f, "name");
      const policy = attr(f, "policy") ?? "require";
      if (
        fname &&
        /^[a-z0-9_-]+$/i.test(fname) &&
        (policy === "require" || policy === "force" || policy === "disable" || policy === "forbid")
      ) {
        features.push(`${fname}=${policy === "require" || policy === "force" ? "on" : "off"}`);
        at(["cpu", "model"], f);
      } else skip(f, "a CPU feature vmspec cannot spell", ["name", "policy"]);
    }
    let base: string | undefined;
    if (mode === "host-passthrough") base = "host";
    else if (mode === "maximum") base = "max";
    else if (mode === "custom" && model && CPU_MODEL.test(model)) base = model;
    if (base && (features.length === 0 || CPU_MODEL.test([base, ...features].join(",")))) {
      cpu.model = [base, ...features].join(",");
      if (mode === "custom" && modelEl) {
        at(["cpu", "model"], modelEl);
        for (const a of ["fallback", "vendor_id"]) if (modelEl.hasAttribute(a)) use(modelEl);
      } else at(["cpu", "model"], cpuEl, "mode");
    } else if (mode === "host-model")
      unmapped.push({
        what: '<cpu mode="host-model">',
        why: "libvirt picks a named model like the host's; vmspec names its model: linted with QEMU's default",
        range: attrRange(cpuEl, "mode"),
      });
    else if (modelEl || mode !== "custom") skip(modelEl ?? cpuEl, "a CPU model vmspec cannot spell", ["mode"]);
    const topo = kid(cpuEl, "topology");
    if (topo) {
      use(topo);
      for (const k of ["sockets", "cores", "threads"] as const) {
        const v = attr(topo, k);
        if (v !== undefined && COUNT.test(v)) {
          cpu[k] = Number(v);
          at(["cpu", k], topo, k);
        }
      }
      for (const k of ["dies", "clusters"]) {
        const v = attr(topo, k);
        if (v !== undefined && v !== "1")
          unmapped.push({ what: `<topology ${k}="${v}">`, why: `vmspec's topology has no ${k}`, range: attrRange(topo, k) });
      }
    }
    for (const a of ["match", "check"]) if (cpuEl.hasAttribute(a)) use(cpuEl);
    const numaEl = kid(cpuEl, "numa");
    if (numaEl) readNuma(numaEl);
  }
  for (const { page, nodes } of nodePages) {
    if (!spec.numa) {
      skip(page, "a page size per NUMA node, but the domain has no <numa> cells", ["nodeset"]);
      continue;
    }
    for (const n of nodes) {
      if (n >= spec.numa.length) {
        unmapped.push({
          what: `<page nodeset="${attr(page, "nodeset")}">`,
          why: `the domain has no NUMA cell ${n}`,
          range: attrRange(page, "nodeset"),
        });
        continue;
      }
      spec.numa[n].hugepages = true;
      at(["numa", n, "hugepages"], page, "nodeset");
    }
  }

  /** <cpu><numa><cell id cpus memory unit>, with <distances><sibling id value>, in cell order. */
  function readNuma(numaEl: Element): void {
    const cells = kids(numaEl, "cell");
    const nodes: NumaNode[] = [];
    const ok =
      cells.length > 0 &&
      cells.length <= 128 &&
      cells.every((c, i) => {
        const id = attr(c, "id");
        const cpus = attr(c, "cpus");
        const bytes = c.hasAttribute("memory") ? sizeOf(attr(c, "memory")!, attr(c, "unit")) : undefined;
        return (id === undefined || id === String(i)) && cpus !== undefined && CPUS.test(cpus) && bytes !== undefined && bytes > 0;
      });
    if (!ok)
      return skip(
        numaEl,
        "vmspec's NUMA nodes are cells numbered 0, 1, ... in order, each with its vCPUs (a list of indexes and ranges) and its memory",
        [],
      );
    use(numaEl);
    cells.forEach((c, i) => {
      const node: NumaNode = { cpus: attr(c, "cpus")!, memory: sizeText(sizeOf(attr(c, "memory")!, attr(c, "unit"))!) };
      at(["numa", i], c);
      at(["numa", i, "cpus"], c, "cpus");
      at(["numa", i, "memory"], c, "memory");
      if (c.hasAttribute("unit")) use(c);
      for (const a of ["memAccess", "discard"])
        if (c.hasAttribute(a))
          unmapped.push({
            what: `<cell ${a}="${c.getAttribute(a)}">`,
            why: "vmspec's NUMA nodes have no such setting",
            range: attrRange(c, a),
          });
      for (const k of kids(c)) {
        if (k.tagName !== "distances") {
          skip(k, "vmspec's NUMA nodes have their vCPUs, memory and distances");
          continue;
        }
        use(k);
        for (const sib of kids(k)) {
          const id = attr(sib, "id");
          const v = attr(sib, "value");
          if (sib.tagName !== "sibling" || !id || !/^[0-9]{1,3}$/.test(id) || Number(id) >= cells.length || !v || !/^[0-9]{1,3}$/.test(v)) {
            skip(sib, "a distance vmspec can read is <sibling id='<cell>' value='<10-255>'/>", ["id", "value"]);
            continue;
          }
          node.distances = { ...node.distances, [String(Number(id))]: Number(v) };
          at(["numa", i, "distances", String(Number(id))], sib, "value");
          ranges.set(JSON.stringify(["numa", i, "distances"]), elRange(k));
        }
      }
      nodes.push(node);
    });
    spec.numa = nodes;
    ranges.set(JSON.stringify(["numa"]), elRange(numaEl));
    // libvirt sizes a guest with NUMA cells by the cells: <memory> becomes their total.
    const total = cells.reduce((sum, c) => sum + sizeOf(attr(c, "memory")!, attr(c, "unit"))!, 0);
    if (sizeText(total) !== spec.memory!.size) {
      if (memEl)
        note(
          `the NUMA cells add up to ${sizeText(total)}, which libvirt makes the guest's memory (<memory> says ${spec.memory!.size}): so does the spec`,
          memEl,
        );
      spec.memory = { ...spec.memory!, size: sizeText(total) };
    }
  }
  if (Object.keys(cpu).length) {
    spec.cpu = cpu;
    ranges.set(
      JSON.stringify(["cpu"]),
      ranges.get(JSON.stringify(["cpu", "model"])) ?? ranges.get(JSON.stringify(["cpu", "count"])) ?? rootRange,
    );
  }

  // --- os: machine, firmware, kernel, boot ---
  const os = kid(root, "os");
  const bootDevs: { dev: string; el: Element }[] = [];
  if (os) {
    use(os);
    const typeEl = kid(os, "type");
    if (typeEl) {
      use(typeEl);
      const arch = attr(typeEl, "arch");
      if (arch !== undefined && arch !== "aarch64")
        unmapped.push({
          what: `<type arch="${arch}">`,
          why: "vmspec builds aarch64 guests (qemu-system-aarch64): linted as aarch64",
          range: attrRange(typeEl, "arch"),
        });
      const machine = attr(typeEl, "machine");
      if (machine !== undefined && MACHINE.test(machine)) {
        spec.machine = { type: machine };
        at(["machine", "type"], typeEl, "machine");
        ranges.set(JSON.stringify(["machine"]), attrRange(typeEl, "machine"));
      } else if (machine !== undefined)
        unmapped.push({
          what: `<type machine="${machine}">`,
          why: "not a machine type vmspec can pass on",
          range: attrRange(typeEl, "machine"),
        });
    }
    const loader = kid(os, "loader");
    const nvram = kid(os, "nvram");
    const firmwareAttr = attr(os, "firmware");
    const loaderPath = textOf(loader);
    if (loader && loaderPath && attr(loader, "type") !== "rom") {
      const vars = textOf(nvram) ?? `/var/lib/libvirt/qemu/nvram/${spec.name}_VARS.fd`;
      const uefi: NonNullable<NonNullable<VmSpec["firmware"]>["uefi"]> = { code: loaderPath, vars };
      spec.firmware = { uefi };
      at(["firmware"], loader);
      at(["firmware", "uefi"], loader);
      at(["firmware", "uefi", "code"], loader);
      for (const a of ["readonly", "type", "secure"]) if (loader.hasAttribute(a)) use(loader);
      if (attr(loader, "secure") === "yes") note("<loader secure='yes'>: vmspec does not check Secure Boot", loader, "secure");
      if (nvram && textOf(nvram)) at(["firmware", "uefi", "vars"], nvram);
      else {
        if (nvram) use(nvram);
        ranges.set(JSON.stringify(["firmware", "uefi", "vars"]), elRange(loader));
        note(`no <nvram> path: libvirt keeps the variables in ${vars}, as the spec says`, loader);
      }
      const template = nvram ? attr(nvram, "template") : undefined;
      if (nvram && template) {
        uefi.varsTemplate = template;
        at(["firmware", "uefi", "varsTemplate"], nvram, "template");
      }
    } else if (loader && loaderPath) {
      spec.firmware = { bios: loaderPath };
      at(["firmware"], loader);
      at(["firmware", "bios"], loader);
    } else if (firmwareAttr === "efi") {
      const vars = textOf(nvram) ?? `/var/lib/libvirt/qemu/nvram/${spec.name}_VARS.fd`;
      spec.firmware = { uefi: { code: "/usr/share/AAVMF/AAVMF_CODE.fd", vars, varsTemplate: "/usr/share/AAVMF/AAVMF_VARS.fd" } };
      ranges.set(JSON.stringify(["firmware"]), attrRange(os, "firmware"));
      if (loader) use(loader);
      if (nvram) at(["firmware", "uefi", "vars"], nvram);
      note(
        "<os firmware='efi'>: libvirt chooses the UEFI build from its firmware descriptors; the spec names Debian's and SUSE's AAVMF files",
        os,
        "firmware",
      );
    } else if (loader) skip(loader, "a loader without a path");
    const kernelEl = kid(os, "kernel");
    const kernel = textOf(kernelEl);
    if (kernelEl && kernel) {
      spec.kernel = { path: kernel };
      at(["kernel"], kernelEl);
      at(["kernel", "path"], kernelEl);
      const initrdEl = kid(os, "initrd");
      const initrd = textOf(initrdEl);
      if (initrdEl && initrd) {
        spec.kernel.initrd = initrd;
        at(["kernel", "initrd"], initrdEl);
      } else if (initrdEl) use(initrdEl);
      const cmdlineEl = kid(os, "cmdline");
      const cmdline = cmdlineEl ? (cmdlineEl.textContent ?? "") : undefined;
      if (cmdlineEl && cmdline) {
        spec.kernel.append = cmdline;
        at(["kernel", "append"], cmdlineEl);
      } else if (cmdlineEl) use(cmdlineEl);
    }
    for (const b of kids(os, "boot")) {
      const dev = attr(b, "dev");
      if (dev === "hd" || dev === "cdrom" || dev === "network") {
        use(b);
        bootDevs.push({ dev, el: b });
      } else skip(b, "a boot device vmspec has no kind of (hd, cdrom and network are mapped)", ["dev"]);
    }
    const menu = kid(os, "bootmenu");
    if (menu) {
      spec.boot = { ...spec.boot, menu: yes(attr(menu, "enable")) };
      at(["boot", "menu"], menu, "enable");
      if (menu.hasAttribute("timeout")) note("<bootmenu timeout> has no vmspec setting", menu, "timeout");
    }
    // virt-manager's firmware feature list: what the automatic firmware choice asked for.
    const fwEl = kid(os, "firmware");
    if (fwEl) {
      use(fwEl);
      for (const f of kids(fwEl)) {
        if (f.tagName === "feature" && attr(f, "enabled") === "no") use(f);
        else if (f.tagName === "feature" && attr(f, "name") === "secure-boot")
          skip(f, "vmspec does not check Secure Boot: the UEFI files are linted as named", ["name", "enabled"]);
        else skip(f, "a firmware feature vmspec does not check", ["name", "enabled"]);
      }
    }
    const smbiosEl = kid(os, "smbios");
    if (smbiosEl && attr(smbiosEl, "mode") === "sysinfo") use(smbiosEl);
  }

  // --- features, clock, sysinfo ---
  const features = kid(root, "features");
  if (features) {
    use(features);
    for (const f of kids(features)) {
      if (f.tagName === "gic") {
        const v = attr(f, "version");
        if (v === "2" || v === "3" || v === "host") {
          spec.machine = { ...spec.machine, gicVersion: v };
          at(["machine", "gicVersion"], f, "version");
        } else if (v === undefined) use(f);
        else skip(f, "a GIC version vmspec cannot spell", ["version"]);
      } else if (f.tagName === "acpi" && f.attributes.length === 0 && kids(f).length === 0) {
        // QEMU's virt board has ACPI on by default: the same as the spec's.
        use(f);
      } else skip(f, "this feature has no vmspec setting", ["state", "version", "value"]);
    }
  }
  const clock = kid(root, "clock");
  if (clock) {
    use(clock);
    const off = attr(clock, "offset");
    if (off === "utc" || off === "localtime") {
      spec.rtc = { base: off };
      at(["rtc", "base"], clock, "offset");
      ranges.set(JSON.stringify(["rtc"]), attrRange(clock, "offset"));
    } else if (off !== undefined)
      unmapped.push({
        what: `<clock offset="${off}">`,
        why: "vmspec's rtc base is utc, localtime or a date",
        range: attrRange(clock, "offset"),
      });
    for (const t of kids(clock)) skip(t, "clock timers have no vmspec setting", ["name", "present", "tickpolicy"]);
  }
  const sysinfo = kids(root, "sysinfo").find((s) => attr(s, "type") === "smbios");
  if (sysinfo) {
    use(sysinfo);
    const smbios: Smbios = {};
    for (const block of kids(sysinfo)) {
      if (block.tagName !== "system") {
        skip(block, "vmspec's smbios holds the system block (type 1) only");
        continue;
      }
      use(block);
      for (const e of kids(block, "entry")) {
        const key = attr(e, "name");
        const value = textOf(e);
        if (
          value &&
          (key === "manufacturer" || key === "product" || key === "version" || key === "serial" || key === "sku" || key === "family")
        ) {
          smbios[key] = value;
          at(["smbios", key], e);
        } else skip(e, "vmspec's smbios has no such entry", ["name"]);
      }
      for (const e of kids(block)) if (e.tagName !== "entry") skip(e, "not an SMBIOS entry");
    }
    if (Object.keys(smbios).length) {
      spec.smbios = smbios;
      ranges.set(JSON.stringify(["smbios"]), elRange(sysinfo));
    }
  }

  // --- devices ---
  const devices = kid(root, "devices");
  const disks: Disk[] = [];
  const cdroms: Cdrom[] = [];
  const networks: Network[] = [];
  const shares: Share[] = [];
  const hostDevices: HostPciDevice[] = [];
  const usb: Usb = {};
  const usbHosts: UsbHostDevice[] = [];
  const rootPorts: Element[] = [];
  /** User aliases of the devices the spec names, by alias: the targets of <qemu:override>. */
  const aliases = new Map<string, string>();
  let scsiThread: { el: Element; id: string } | undefined;
  /** Each device's <boot order>: the spec's boot.order (by rank), as vmspec's libvirt output writes it. */
  const deviceBoots: { name: string; order: number; el: Element; path: SpecPath; set: (i: number) => void }[] = [];
  const bootOf = (el: Element, path: SpecPath, name: string, set: (i: number) => void): void => {
    const b = kid(el, "boot");
    const order = attr(b, "order");
    if (!b || order === undefined || !/^[0-9]{1,4}$/.test(order)) return;
    use(b);
    deviceBoots.push({ name, order: Number(order), el: b, path, set });
  };
  /** Names given so far, so that a user alias names a device only once. */
  const names = new Set<string>();
  /**
   * A device's name: its user alias without `ua-` (vmspec's libvirt output writes `ua-<name>`, and
   * virt-manager users write such aliases), else `fallback`. Records the path of the name.
   */
  const deviceName = (d: Element, fallback: string, path: SpecPath, fallbackEl: Element, fallbackAttr?: string): string => {
    const aliasEl = kid(d, "alias");
    const alias = attr(aliasEl, "name");
    const fromAlias = alias?.startsWith("ua-") ? alias.slice(3) : undefined;
    if (aliasEl && fromAlias !== undefined && NAME.test(fromAlias) && !names.has(fromAlias)) {
      names.add(fromAlias);
      at(path, aliasEl, "name");
      return fromAlias;
    }
    names.add(fallback);
    at(path, fallbackEl, fallbackAttr);
    return fallback;
  };
  if (devices) {
    use(devices);
    for (const d of kids(devices)) {
      switch (d.tagName) {
        case "emulator": {
          const program = textOf(d) ?? "";
          if (/(^|\/)qemu-system-aarch64$/.test(program) || /(^|\/)qemu-kvm$/.test(program)) use(d);
          else skip(d, "vmspec builds for qemu-system-aarch64: linted as that program");
          break;
        }
        case "disk":
          readDisk(d);
          break;
        case "interface":
          readInterface(d);
          break;
        case "graphics":
          readGraphics(d);
          break;
        case "video":
          // After the other devices: a video device is mapped only with a display.
          videos.push(d);
          break;
        case "serial":
        case "console":
          readChar(d);
          break;
        case "channel":
          readChannel(d);
          break;
        case "rng":
          readRng(d);
          break;
        case "memballoon":
          readBalloon(d);
          break;
        case "watchdog":
          readWatchdog(d);
          break;
        case "controller":
          readController(d);
          break;
        case "input":
          readInput(d);
          break;
        case "filesystem":
          readFilesystem(d);
          break;
        case "hostdev":
          readHostdev(d);
          break;
        case "tpm":
          readTpm(d);
          break;
        case "panic":
          if (attr(d, "model") === "pvpanic" || attr(d, "model") === undefined) {
            spec.pvpanic = true;
            at(["pvpanic"], d);
          } else skip(d, "vmspec's panic device is pvpanic");
          break;
        default:
          skip(d, own(DEVICE_REASONS, d.tagName) ?? "vmspec has no such device");
      }
    }
  }

  function charBackend(d: Element): CharBackend | undefined {
    const t = attr(d, "type");
    const src = kids(d, "source")[0];
    const path = attr(src, "path");
    if (t === "pty" || t === "stdio" || t === "null") return { type: t };
    if (t === "file" && path) return { type: "file", path };
    if (t === "unix" && path && (attr(src, "mode") ?? "bind") === "bind") return { type: "socket", path };
    if (t === "tcp" && src && (attr(src, "mode") ?? "connect") === "bind" && !src.hasAttribute("tls")) {
      // libvirt listens with wait=off: the spec's default.
      const host = attr(src, "host");
      const service = attr(src, "service");
      const protocol = attr(kid(d, "protocol"), "type") ?? "raw";
      if (!service || !/^[0-9]{1,5}$/.test(service) || Number(service) < 1 || Number(service) > 65535) return undefined;
      if (host !== undefined && !/^[A-Za-z0-9.:_-]+$/.test(host)) return undefined;
      if (protocol !== "raw" && protocol !== "telnet") return undefined;
      // Without a host libvirt (and QEMU) listen on every address: the spec says so, not its 127.0.0.1 default.
      return { type: protocol === "telnet" ? "telnet" : "tcp", host: host ?? "0.0.0.0", port: Number(service) };
    }
    return undefined;
  }

  function readDisk(d: Element): void {
    const device = attr(d, "device") ?? "disk";
    const type = attr(d, "type") ?? "file";
    const source = kid(d, "source");
    const file = type === "file" ? attr(source, "file") : type === "block" ? attr(source, "dev") : undefined;
    const driver = kid(d, "driver");
    const target = kid(d, "target");
    const dev = attr(target, "dev");
    const bus = attr(target, "bus") ?? (dev?.startsWith("vd") ? "virtio" : dev?.startsWith("sd") ? "scsi" : undefined);
    if (device !== "disk" && device !== "cdrom") return skip(d, `a ${device} has no vmspec kind (disk and cdrom are mapped)`);
    if (type !== "file" && type !== "block") return skip(d, `a ${type} disk source has no vmspec field (file and block are mapped)`);
    // An empty CD-ROM drive (no <source>) is a CD-ROM without a file: an empty tray.
    if (!file && (device !== "cdrom" || source))
      return skip(d, device === "cdrom" ? "a CD-ROM source without a file" : "a disk without a source file");
    const fallbackName = dev && NAME.test(dev) ? dev : `${device}${device === "cdrom" ? cdroms.length : disks.length}`;
    if (device === "cdrom") {
      if (bus !== "scsi" && bus !== "usb")
        return skip(d, `a CD-ROM on bus ${JSON.stringify(bus ?? "")} has no vmspec equivalent (scsi and usb are mapped)`);
      const base: SpecPath = ["cdroms", cdroms.length];
      at(base, d);
      const name = deviceName(d, fallbackName, [...base, "name"], target ?? d, "dev");
      const c: Cdrom = { name, ...(file !== undefined ? { file } : {}), bus: bus === "scsi" ? "virtio-scsi" : "usb-storage" };
      if (file !== undefined) at([...base, "file"], source!, type === "file" ? "file" : "dev");
      at([...base, "bus"], target ?? d, "bus");
      bootOf(d, [...base, "bootindex"], name, (i) => (c.bootindex = i));
      if (driver) use(driver);
      use(kid(d, "readonly"));
      aliasOf(d, c.name);
      cdroms.push(c);
      finishDevice(d);
      return;
    }
    if (!file) return skip(d, "a disk without a source file");
    const busOf: Record<string, Disk["bus"]> = { virtio: "virtio-blk", scsi: "virtio-scsi", usb: "usb-storage" };
    if (!bus || !own(busOf, bus))
      return skip(d, `a disk on bus ${JSON.stringify(bus ?? "")} has no vmspec equivalent (virtio, scsi and usb are mapped)`);
    const fmt = attr(driver, "type");
    if (fmt !== undefined && fmt !== "qcow2" && fmt !== "raw" && fmt !== "qed")
      return skip(d, `the format ${JSON.stringify(fmt)} has no vmspec equivalent (qcow2, qed and raw)`);
    const base: SpecPath = ["disks", disks.length];
    at(base, d);
    const name = deviceName(d, fallbackName, [...base, "name"], target ?? d, "dev");
    const disk: Disk = { name, file, format: fmt ?? "raw", bus: own(busOf, bus) };
    at([...base, "file"], source!, type === "file" ? "file" : "dev");
    at([...base, "bus"], target ?? d, "bus");
    if (driver) {
      use(driver);
      at([...base, "format"], driver, "type");
      if (fmt === undefined) note("no <driver type>: libvirt lets QEMU probe the format; the spec says raw", driver);
      const cache = attr(driver, "cache");
      if (cache === "none" || cache === "writeback" || cache === "writethrough" || cache === "directsync" || cache === "unsafe") {
        disk.cache = cache;
        at([...base, "cache"], driver, "cache");
      } else if (cache !== undefined && cache !== "default")
        unmapped.push({ what: `<driver cache="${cache}">`, why: "not a vmspec cache mode", range: attrRange(driver, "cache") });
      const io = attr(driver, "io");
      if (io === "native" || io === "threads") {
        disk.aio = io;
        at([...base, "aio"], driver, "io");
      } else if (io !== undefined && io !== "default")
        unmapped.push({ what: `<driver io="${io}">`, why: "vmspec's aio is threads or native", range: attrRange(driver, "io") });
      const discard = attr(driver, "discard");
      if (discard === "unmap" || discard === "ignore") {
        disk.discard = discard === "unmap";
        at([...base, "discard"], driver, "discard");
      }
      const dz = attr(driver, "detect_zeroes");
      if (dz === "on" || dz === "off" || dz === "unmap") {
        disk.detectZeroes = dz;
        at([...base, "detectZeroes"], driver, "detect_zeroes");
      } else if (dz !== undefined)
        unmapped.push({
          what: `<driver detect_zeroes="${dz}">`,
          why: "vmspec's detectZeroes is off, on or unmap",
          range: attrRange(driver, "detect_zeroes"),
        });
      const iothread = attr(driver, "iothread");
      if (iothread !== undefined && /^[1-9][0-9]{0,3}$/.test(iothread) && bus === "virtio") {
        // libvirt's <iothreads> are numbered from 1, and QEMU's ids are iothread<N>: the spec names them so.
        disk.iothread = `iothread${iothread}`;
        at([...base, "iothread"], driver, "iothread");
      } else if (iothread !== undefined)
        unmapped.push({
          what: `<driver iothread="${iothread}">`,
          why: "vmspec runs a virtio disk's I/O in an I/O thread <N> (a SCSI disk's thread is its controller's)",
          range: attrRange(driver, "iothread"),
        });
      for (const k of kids(driver))
        if (k.tagName === "iothreads")
          skip(
            k,
            "several I/O threads for one disk (libvirt 10's <iothreads>, with their queues) have no vmspec field: a disk names one thread",
          );
      for (const a of ["queues", "error_policy", "rerror_policy", "copy_on_read"])
        if (driver.hasAttribute(a))
          unmapped.push({
            what: `<driver ${a}="${driver.getAttribute(a)}">`,
            why: "this disk setting has no vmspec field",
            range: attrRange(driver, a),
          });
    } else {
      ranges.set(JSON.stringify([...base, "format"]), elRange(d));
      note("no <driver type>: libvirt lets QEMU probe the format; the spec says raw", d);
    }
    const ro = kid(d, "readonly");
    if (ro) {
      disk.readonly = true;
      at([...base, "readonly"], ro);
    }
    const serialEl = kid(d, "serial");
    const serial = textOf(serialEl);
    if (serialEl && serial && serial.length <= 36) {
      disk.serial = serial;
      at([...base, "serial"], serialEl);
    } else if (serialEl) skip(serialEl, "a serial number of 1 to 36 characters is mapped");
    const iotune = kid(d, "iotune");
    if (iotune) readIotune(iotune, disk, [...base, "throttle"]);
    bootOf(d, [...base, "bootindex"], name, (i) => (disk.bootindex = i));
    // An empty <backingStore/> (virsh dumpxml) says the image has no backing file: nothing to map.
    const bs = kid(d, "backingStore");
    if (bs && kids(bs).length === 0 && bs.attributes.length === 0) use(bs);
    else if (bs)
      skip(bs, "a backing chain written in the domain: vmspec reads an image's backing file from the image itself (--check-images)");
    aliasOf(d, disk.name);
    disks.push(disk);
    finishDevice(d);
  }

  /** <iotune>: the limits vmspec has (throttling.*), each at its element; the others are listed. */
  function readIotune(iotune: Element, disk: Disk, path: SpecPath): void {
    use(iotune);
    const t: DiskThrottle = {};
    const keys: Record<string, keyof Omit<DiskThrottle, "group">> = {
      total_iops_sec: "iopsTotal",
      read_iops_sec: "iopsRead",
      write_iops_sec: "iopsWrite",
      total_bytes_sec: "bpsTotal",
      read_bytes_sec: "bpsRead",
      write_bytes_sec: "bpsWrite",
    };
    for (const k of kids(iotune)) {
      const key = own(keys, k.tagName);
      const v = textOf(k);
      if (key && v !== undefined && /^[0-9]{1,15}$/.test(v)) {
        // 0 is libvirt's "no limit": nothing to set.
        if (Number(v) === 0) use(k);
        else {
          t[key] = Number(v);
          at([...path, key], k);
        }
      } else if (k.tagName === "group_name" && v !== undefined && NAME.test(v)) {
        t.group = v;
        at([...path, "group"], k);
      } else skip(k, "vmspec's disk limits are the total, read and write IOPS and bytes per second, and a throttle group");
    }
    if (Object.keys(t).length) {
      disk.throttle = t;
      ranges.set(JSON.stringify(path), elRange(iotune));
    }
  }

  /** The parts every device may have that vmspec places itself: its guest address and alias. */
  function finishDevice(d: Element): void {
    for (const k of kids(d)) {
      if (used.has(k)) continue;
      if (k.tagName === "alias") use(k);
      else if (k.tagName === "address") {
        // Reported once, at the first: every device of a defined domain has one.
        addresses.push(k);
        markTree(k);
      }
    }
  }

  function readInterface(d: Element): void {
    const t = attr(d, "type");
    const src = kid(d, "source");
    const target = kid(d, "target");
    const modelEl = kid(d, "model");
    const model = attr(modelEl, "type") ?? "virtio";
    const models = ["virtio", "e1000", "e1000e", "rtl8139"];
    if (!models.includes(model)) return skip(d, `the NIC model ${JSON.stringify(model)} has no vmspec equivalent (${models.join(", ")})`);
    const base: SpecPath = ["networks", networks.length];
    const n: Network = { name: `net${networks.length}`, type: "user" };
    if (t === "user") n.type = "user";
    else if (t === "bridge" && attr(src, "bridge") && IFNAME.test(attr(src, "bridge")!)) {
      n.type = "bridge";
      n.bridge = attr(src, "bridge")!;
      at([...base, "bridge"], src!, "bridge");
    } else if (t === "network" && attr(src, "bridge") !== undefined && IFNAME.test(attr(src, "bridge")!)) {
      // A running domain's XML (virsh dumpxml) names the bridge its network put the NIC on.
      n.type = "bridge";
      n.bridge = attr(src, "bridge")!;
      at([...base, "bridge"], src!, "bridge");
      use(target);
      note(
        `<interface type='network'>: libvirt network ${JSON.stringify(attr(src, "network") ?? "")} put this NIC on bridge ${n.bridge} (the running domain's XML says so); the spec attaches it to that bridge itself (DHCP and NAT stay the network's: it must be running)`,
        src!,
        "bridge",
      );
    } else if (t === "network")
      // A libvirt network (e.g. 'default', NAT on virbr0) is defined outside the domain: which bridge
      // it uses is not in the XML, and a tap connected to nothing would be a NIC with no network.
      return skip(
        d,
        `libvirt network ${JSON.stringify(attr(src, "network") ?? "")} has no spec field: its bridge is in the network's own definition (virsh net-dumpxml ${attr(src, "network") ?? "<network>"}), not in the domain, so this NIC is left out; add it as a bridge network on that bridge (virbr0 for libvirt's default network), or import virsh dumpxml of the running domain, which names the bridge`,
        ["type"],
      );
    else if (t === "ethernet") {
      n.type = "tap";
      const dev = attr(target, "dev");
      if (dev && IFNAME.test(dev)) {
        n.ifname = dev;
        at([...base, "ifname"], target!, "dev");
      } else if (dev !== undefined)
        unmapped.push({
          what: `<target dev="${dev}">`,
          why: "not an interface name vmspec can pass on (up to 15 letters, digits, '_', '.' or '-'): the tap is left unnamed",
          range: attrRange(target!, "dev"),
        });
    } else if (t === "bridge")
      return skip(d, "a bridge interface needs <source bridge> with an interface name of up to 15 letters, digits, '_', '.' or '-'");
    else
      return skip(
        d,
        `an interface of type ${JSON.stringify(t ?? "")} has no vmspec equivalent (user, bridge, network and ethernet are mapped)`,
      );
    at(base, d);
    n.name = deviceName(d, n.name, [...base, "name"], d);
    at([...base, "type"], d, "type");
    if (modelEl) {
      n.model = model as Network["model"];
      at([...base, "model"], modelEl, "type");
    }
    const macEl = kid(d, "mac");
    const mac = attr(macEl, "address");
    if (macEl && mac && MAC.test(mac)) {
      n.mac = mac;
      at([...base, "mac"], macEl, "address");
    } else if (macEl) skip(macEl, "not a MAC address", ["address"]);
    const driver = kid(d, "driver");
    if (driver) {
      use(driver);
      const q = attr(driver, "queues");
      if (q && COUNT.test(q) && n.type === "bridge" && t === "bridge") bridgeQueues(n, Number(q), base, driver, target, src!);
      else if (q && COUNT.test(q)) {
        n.queues = Number(q);
        at([...base, "queues"], driver, "queues");
      }
      const dn = attr(driver, "name");
      if (dn === "vhost" || dn === "qemu") {
        n.vhost = dn === "vhost";
        at([...base, "vhost"], driver, "name");
      }
    }
    if (target && !n.ifname) use(target);
    bootOf(d, [...base, "bootindex"], n.name, (i) => (n.bootindex = i));
    aliasOf(d, n.name);
    networks.push(n);
    finishDevice(d);
  }

  /**
   * `<interface type='bridge'>` with `<driver queues='n'>`: libvirtd creates the tap itself (with
   * IFF_MULTI_QUEUE when n > 1), attaches it to the bridge and hands QEMU its file descriptors; no
   * bridge helper is involved. QEMU's bridge helper refuses queues= (its tap has one queue), so a
   * spec of a bridge network with queues does not build. n = 1 is one queue pair, what the bridge
   * network has anyway; n > 1 becomes a tap network on a multi_queue tap the user creates on the
   * bridge (the note says how), named by `<target dev>` when the domain gives one. See
   * docs/decisions.md ("A libvirt bridge interface with queues").
   */
  function bridgeQueues(n: Network, q: number, base: SpecPath, driver: Element, target: Element | undefined, src: Element): void {
    const bridge = n.bridge!;
    if (q <= 1) {
      note(
        `<driver queues='${q}'>: one queue pair, what a bridge network has without queues (QEMU's bridge helper refuses queues=)`,
        driver,
        "queues",
      );
      return;
    }
    const dev = attr(target, "dev");
    const ifname = dev && IFNAME.test(dev) && !/^(vnet|macvtap|macvlan)\d+$/.test(dev) ? dev : `${n.name}-mq`.slice(0, 15);
    n.type = "tap";
    delete n.bridge;
    n.ifname = ifname;
    n.queues = q;
    at([...base, "ifname"], target && dev === ifname ? target : src, target && dev === ifname ? "dev" : "bridge");
    at([...base, "queues"], driver, "queues");
    note(
      `<interface type='bridge'> with <driver queues='${q}'>: libvirt creates a multi_queue tap on bridge ${bridge} itself, while QEMU's bridge helper refuses queues=, so this is a tap network on tap ${ifname}: create it on the bridge before the VM starts (ip tuntap add dev ${ifname} mode tap multi_queue; ip link set ${ifname} master ${bridge}; ip link set ${ifname} up)`,
      src,
      "bridge",
    );
  }

  function readGraphics(d: Element): void {
    const t = attr(d, "type");
    if (spec.display && spec.display.type !== "none") return skip(d, "vmspec has one display");
    if (t !== "vnc" && t !== "spice")
      return skip(d, `graphics of type ${JSON.stringify(t ?? "")} have no vmspec equivalent (vnc and spice are mapped)`);
    spec.display = { ...spec.display, type: t };
    at(["display"], d);
    at(["display", "type"], d, "type");
    const listenEl = kid(d, "listen");
    const listen = attr(d, "listen") ?? (attr(listenEl, "type") === "address" ? attr(listenEl, "address") : undefined);
    if (listen && !/^[A-Za-z0-9.:_-]+$/.test(listen))
      unmapped.push({
        what: `<graphics listen="${listen}">`,
        why: "not a host name or an IP address (display.listen)",
        range: d.hasAttribute("listen") ? attrRange(d, "listen") : attrRange(listenEl!, "address"),
      });
    else if (listen) {
      spec.display.listen = listen;
      if (d.hasAttribute("listen")) at(["display", "listen"], d, "listen");
      else at(["display", "listen"], listenEl!, "address");
    }
    if (listenEl) use(listenEl);
    const port = attr(d, "port");
    const autoport = attr(d, "autoport") === "yes" || (port === "-1" && attr(d, "autoport") !== "no");
    if (port && /^[0-9]{1,5}$/.test(port) && Number(port) <= 65535 && !autoport) {
      spec.display.port = Number(port);
      at(["display", "port"], d, "port");
    } else if (autoport)
      // The spec has no "any free port": without display.port it is 5900 (5930 for SPICE), fixed.
      note(
        `autoport='yes': libvirt gives the display the first free port from ${t === "vnc" ? 5900 : 5930} at each start; the spec has no automatic port, so it leaves display.port out, which is ${t === "vnc" ? "5900 (VNC display 0)" : "5930"}, fixed: set display.port for each VM on a host that runs several`,
        d,
        d.hasAttribute("autoport") ? "autoport" : "port",
      );
    if (d.hasAttribute("passwd")) {
      spec.display.password = true;
      at(["display", "password"], d, "passwd");
      password = attrRange(d, "passwd");
    }
    const ws = attr(d, "websocket");
    if (t === "vnc" && ws !== undefined && /^[0-9]{1,5}$/.test(ws) && Number(ws) >= 1 && Number(ws) <= 65535) {
      spec.display.websocket = Number(ws);
      at(["display", "websocket"], d, "websocket");
    } else if (ws !== undefined)
      unmapped.push({
        what: `<graphics websocket="${ws}">`,
        why: "vmspec's VNC WebSocket is a fixed port (libvirt's -1 picks one when the domain starts)",
        range: attrRange(d, "websocket"),
      });
    for (const k of kids(d)) if (!used.has(k)) skip(k, "this graphics setting has no vmspec field", ["name", "mode"]);
  }

  function readVideo(d: Element): void {
    const m = kid(d, "model");
    const t = attr(m, "type") ?? "virtio";
    const video: Record<string, NonNullable<VmSpec["display"]>["video"]> = { virtio: "virtio-gpu", vga: "std", qxl: "qxl", ramfb: "ramfb" };
    if (t === "none") return void markTree(d);
    if (!spec.display)
      return skip(d, "a video device without <graphics> shows nothing: vmspec adds video only with a display (vnc, spice)");
    if (!own(video, t) || spec.display.video !== undefined)
      return skip(d, `video model ${JSON.stringify(t)} has no vmspec equivalent (one of virtio, vga, qxl, ramfb)`);
    spec.display = { ...spec.display, video: own(video, t) };
    if (m?.hasAttribute("type")) at(["display", "video"], m, "type");
    else {
      at(["display", "video"], d);
      note("<video> without a model: libvirt's default on aarch64 is virtio; the spec says virtio-gpu", d);
    }
    use(d, m);
    finishDevice(d);
  }

  function readChar(d: Element): void {
    const target = kid(d, "target");
    const ttype = attr(target, "type");
    const isConsole = d.tagName === "console";
    // On aarch64 a <console> with a serial target (or none) is the serial port libvirt lists twice.
    const key = isConsole && ttype === "virtio" ? "console" : "serial";
    if (spec[key]) {
      if (isConsole && key === "serial") return markTree(d);
      return skip(d, `vmspec has one ${key}`);
    }
    const b = charBackend(d);
    if (!b)
      return skip(
        d,
        `a ${d.tagName} of type ${JSON.stringify(attr(d, "type") ?? "")} has no vmspec equivalent (pty, stdio, null, file, a unix socket and a TCP or telnet server it listens on are mapped)`,
      );
    if (ttype !== undefined && ttype !== "serial" && ttype !== "system-serial" && !(key === "console" && ttype === "virtio"))
      return skip(d, `a ${d.tagName} with target ${ttype} has no vmspec equivalent`);
    spec[key] = b;
    at([key], d);
    at([key, "type"], d, "type");
    const src = kid(d, "source");
    if (b.path && src) at([key, "path"], src, "path");
    else if (b.port !== undefined && src) {
      at([key, "port"], src, "service");
      if (src.hasAttribute("host")) at([key, "host"], src, "host");
      else {
        at([key, "host"], src);
        note("<source> without a host: libvirt listens on every address; the spec says host 0.0.0.0", src);
      }
      const proto = kid(d, "protocol");
      if (proto) at([key, "type"], proto, "type");
    } else if (src) use(src);
    const log = kid(d, "log");
    const logfile = attr(log, "file");
    if (log && logfile) {
      b.logfile = logfile;
      at([key, "logfile"], log, "file");
      if (attr(log, "append") === "on") {
        b.logAppend = true;
        at([key, "logAppend"], log, "append");
      }
    } else if (log) skip(log, "a log without a file");
    if (target) use(target);
    for (const k of kids(target ?? d)) if (k.tagName === "model") use(k);
    finishDevice(d);
  }

  function readChannel(d: Element): void {
    const target = kid(d, "target");
    if (attr(d, "type") !== "unix" || attr(target, "type") !== "virtio" || attr(target, "name") !== "org.qemu.guest_agent.0")
      return skip(d, "only the guest agent channel (unix, virtio, org.qemu.guest_agent.0) is mapped", ["type"]);
    const src = kid(d, "source");
    const path = attr(src, "path");
    spec.guestAgent = path ? { socket: path } : {};
    at(["guestAgent"], target!, "name");
    if (path) at(["guestAgent", "socket"], src!, "path");
    if (!path) note("no socket path: libvirt makes one under its run folder; the spec uses vmspec's default", d);
    use(src, target, d);
    finishDevice(d);
  }

  function readRng(d: Element): void {
    const backend = kid(d, "backend");
    if (attr(d, "model") !== "virtio" || attr(backend, "model") !== "random")
      return skip(d, "only a virtio rng reading a host file (backend random) is mapped", ["model"]);
    const src = textOf(backend);
    spec.rng = src ? { source: src } : {};
    at(["rng"], d);
    if (src) at(["rng", "source"], backend!);
    use(backend);
    for (const k of kids(d)) if (k.tagName === "rate") skip(k, "vmspec's rng has no rate limit");
    finishDevice(d);
  }

  function readBalloon(d: Element): void {
    const m = attr(d, "model");
    if (m === "none") return void markTree(d);
    if (m !== "virtio") return skip(d, "vmspec's balloon is virtio");
    const deflate = attr(d, "autodeflate");
    spec.balloon = deflate === "on" ? { deflateOnOom: true } : {};
    at(["balloon"], d);
    if (deflate === "on") at(["balloon", "deflateOnOom"], d, "autodeflate");
    for (const k of kids(d)) if (k.tagName === "stats") skip(k, "balloon statistics polling has no vmspec setting", ["period"]);
    finishDevice(d);
  }

  function readWatchdog(d: Element): void {
    if (spec.watchdog) return skip(d, "vmspec has one watchdog");
    if (attr(d, "model") !== "i6300esb") return skip(d, "vmspec's watchdog is i6300esb", ["model"]);
    const action = attr(d, "action") ?? "reset";
    const actions = ["reset", "shutdown", "poweroff", "pause", "debug", "none"];
    spec.watchdog = { model: "i6300esb" };
    at(["watchdog"], d);
    at(["watchdog", "model"], d, "model");
    if (actions.includes(action)) {
      spec.watchdog.action = action as NonNullable<VmSpec["watchdog"]>["action"];
      if (d.hasAttribute("action")) at(["watchdog", "action"], d, "action");
    } else unmapped.push({ what: `<watchdog action="${action}">`, why: "not a vmspec watchdog action", range: attrRange(d, "action") });
    finishDevice(d);
  }

  function readController(d: Element): void {
    const t = attr(d, "type");
    const m = attr(d, "model");
    if (t === "usb") {
      if (m === "none") return void markTree(d);
      if (m === undefined && !usb.controller) {
        // libvirt's default on aarch64 virt with a QEMU of this decade: qemu-xhci.
        usb.controller = "xhci";
        at(["usb", "controller"], d, "type");
        note("<controller type='usb'> without a model: libvirt picks qemu-xhci on aarch64; the spec says xhci", d, "type");
        finishDevice(d);
        return;
      }
      const models: Record<string, Usb["controller"]> = { "qemu-xhci": "xhci", "nec-xhci": "xhci", ehci: "ehci", "pci-ohci": "ohci" };
      if (!m || !own(models, m) || usb.controller)
        return skip(d, `the USB controller ${JSON.stringify(m ?? "")} has no vmspec equivalent (qemu-xhci, nec-xhci, ehci, pci-ohci)`, [
          "type",
          "model",
        ]);
      usb.controller = own(models, m);
      at(["usb", "controller"], d, "model");
      // The device libvirt gives QEMU is the one the XML names, whatever QEMU the spec is built for.
      if (m === "qemu-xhci" || m === "nec-xhci")
        drivers.push({
          path: ["usb", "controller"],
          driver: m === "qemu-xhci" ? "qemu-xhci" : "nec-usb-xhci",
          range: attrRange(d, "model"),
        });
      if (d.hasAttribute("ports")) use(d);
      finishDevice(d);
      return;
    }
    if (t === "scsi" && (m === "virtio-scsi" || m === undefined)) {
      // The spec's virtio-scsi disks and CD-ROMs share one controller, which vmspec adds itself;
      // its I/O thread is the one every virtio-scsi disk of the spec names (assigned after the disks).
      const drv = kid(d, "driver");
      const io = attr(drv, "iothread");
      if (drv && io !== undefined && /^[1-9][0-9]{0,3}$/.test(io) && !scsiThread) scsiThread = { el: drv, id: io };
      else if (io !== undefined)
        unmapped.push({
          what: `<driver iothread="${io}">`,
          why: "vmspec has one virtio-scsi controller, with one I/O thread",
          range: attrRange(drv!, "iothread"),
        });
      markTree(d);
      return;
    }
    if (t === "pci" && m === "pcie-root-port") {
      rootPorts.push(d);
      markTree(d);
      return;
    }
    if (t === "pci" || t === "virtio-serial")
      return skip(d, "libvirt's own controller: vmspec adds the controllers its devices need itself", ["type", "model"]);
    skip(d, "this controller has no vmspec equivalent", ["type", "model"]);
  }

  function readInput(d: Element): void {
    const t = attr(d, "type");
    const bus = attr(d, "bus") ?? "usb";
    if (bus === "usb" && (t === "tablet" || t === "keyboard" || t === "mouse")) {
      usb[t] = true;
      at(["usb", t], d, "type");
      finishDevice(d);
    } else skip(d, "only USB tablets, keyboards and mice are mapped", ["type", "bus"]);
  }

  function readFilesystem(d: Element): void {
    const src = kid(d, "source");
    const target = kid(d, "target");
    const driver = kid(d, "driver");
    const path = attr(src, "dir");
    const tag = attr(target, "dir");
    const mode = attr(d, "accessmode") ?? "passthrough";
    const models: Record<string, Share["securityModel"]> = { passthrough: "passthrough", mapped: "mapped-xattr", squash: "none" };
    if ((attr(d, "type") ?? "mount") !== "mount" || (driver && (attr(driver, "type") ?? "path") !== "path"))
      return skip(d, "only 9p filesystems (type mount, driver path) are mapped", ["type"]);
    if (!path || !tag || !TAG.test(tag) || !own(models, mode))
      return skip(d, "a 9p share needs a source dir, a tag of up to 31 letters, digits, '_', '.' or '-', and an access mode");
    const base: SpecPath = ["shares", shares.length];
    const s: Share = { path, tag, securityModel: own(models, mode) };
    at(base, d);
    at([...base, "path"], src!, "dir");
    at([...base, "tag"], target!, "dir");
    at([...base, "securityModel"], d, "accessmode");
    use(driver);
    const ro = kid(d, "readonly");
    if (ro) {
      s.readonly = true;
      at([...base, "readonly"], ro);
    }
    shares.push(s);
    finishDevice(d);
  }

  function readUsbHostdev(d: Element): void {
    const src = kid(d, "source");
    const vendor = attr(kid(src, "vendor"), "id");
    const product = attr(kid(src, "product"), "id");
    const a = kid(src, "address");
    const base: SpecPath = ["usb", "host", usbHosts.length];
    const h: UsbHostDevice = { name: `usbhost${usbHosts.length}` };
    const num = (v: string | undefined, max: number, min: number): number | undefined => {
      const n =
        v === undefined ? NaN : /^0x[0-9a-fA-F]{1,4}$/.test(v) ? parseInt(v.slice(2), 16) : /^[0-9]{1,3}$/.test(v) ? Number(v) : NaN;
      return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
    };
    if (vendor !== undefined && product !== undefined && HEX4.test(vendor) && HEX4.test(product)) {
      h.vendor = vendor;
      h.product = product;
      at([...base, "vendor"], kid(src, "vendor")!, "id");
      at([...base, "product"], kid(src, "product")!, "id");
      if (a) skip(a, "the device is chosen by vendor and product: its bus and address are not carried over", ["bus", "device"]);
    } else if (!vendor && !product && a && num(attr(a, "bus"), 255, 0) !== undefined && num(attr(a, "device"), 127, 1) !== undefined) {
      h.bus = num(attr(a, "bus"), 255, 0);
      h.address = num(attr(a, "device"), 127, 1);
      at([...base, "bus"], a, "bus");
      at([...base, "address"], a, "device");
    } else
      return skip(
        d,
        "a host USB device vmspec passes through is chosen by vendor and product ids (4 hex digits) or by bus and device number",
        ["mode", "type"],
      );
    at(base, d);
    h.name = deviceName(d, h.name, [...base, "name"], d);
    use(src);
    if (src?.hasAttribute("startupPolicy"))
      unmapped.push({
        what: `<source startupPolicy="${src.getAttribute("startupPolicy")}">`,
        why: "vmspec has no startup policy: QEMU waits for a device chosen by vendor and product, and refuses to start without one chosen by bus and address",
        range: attrRange(src, "startupPolicy"),
      });
    aliasOf(d, h.name);
    usbHosts.push(h);
    finishDevice(d);
  }

  /** A device's user alias (`<alias name='ua-...'>`), for <qemu:override>. */
  function aliasOf(d: Element, name: string): void {
    const alias = attr(kid(d, "alias"), "name");
    if (alias !== undefined) aliases.set(alias, name);
  }

  function readHostdev(d: Element): void {
    if (attr(d, "mode") === "subsystem" && attr(d, "type") === "usb") return readUsbHostdev(d);
    const a = kid(kid(d, "source"), "address");
    const hex = (v: string | undefined, width: number): string | undefined => {
      if (v === undefined) return "0".repeat(width);
      const n = /^0x[0-9a-fA-F]+$/.test(v) ? parseInt(v.slice(2), 16) : /^[0-9]+$/.test(v) ? Number(v) : NaN;
      return Number.isFinite(n) && n < 16 ** width ? n.toString(16).padStart(width, "0") : undefined;
    };
    if (attr(d, "mode") !== "subsystem" || attr(d, "type") !== "pci" || !a)
      return skip(d, "only PCI and USB host devices are mapped", ["mode", "type"]);
    const [dom, bus, slot, fn] = [hex(attr(a, "domain"), 4), hex(attr(a, "bus"), 2), hex(attr(a, "slot"), 2), hex(attr(a, "function"), 1)];
    if (!dom || !bus || !slot || !fn || Number.parseInt(fn, 16) > 7) return skip(d, "not a PCI address");
    const base: SpecPath = ["hostDevices", hostDevices.length];
    const h: HostPciDevice = { name: `hostdev${hostDevices.length}`, address: `${dom}:${bus}:${slot}.${fn}` };
    at(base, d);
    h.name = deviceName(d, h.name, [...base, "name"], d);
    at([...base, "address"], a);
    use(kid(d, "source"), kid(d, "driver"));
    bootOf(d, [...base, "bootindex"], h.name, (i) => (h.bootindex = i));
    aliasOf(d, h.name);
    hostDevices.push(h);
    finishDevice(d);
  }

  // libvirt gives QEMU the one TPM an aarch64 virt board holds, tpm-tis-device (QEMU 5.0), for
  // <tpm model='tpm-tis'> and for no model (tpm-tis on aarch64 is that device): import reads the
  // QEMU it needs from it. Any other model libvirt 9.0 refuses (tpmRefusal).
  function tpmDriver(d: Element): void {
    const model = attr(d, "model");
    drivers.push({
      path: ["tpm"],
      driver: "tpm-tis-device",
      range: model !== undefined ? attrRange(d, "model") : elRange(d),
      what: model !== undefined ? `<tpm model='${model}'> (QEMU's tpm-tis-device)` : "<tpm> (QEMU's tpm-tis-device)",
    });
  }

  function readTpm(d: Element): void {
    const model = attr(d, "model");
    if (model !== undefined && model !== "tpm-tis") {
      refused ??= { message: tpmRefusal(model, textOf(kid(devices, "emulator"))), range: attrRange(d, "model") };
      return;
    }
    const backend = kid(d, "backend");
    if (attr(backend, "type") === "emulator") {
      const version = attr(backend, "version") ?? "2.0";
      if (version !== "2.0") return skip(d, "vmspec's software TPM is a TPM 2.0 (swtpm --tpm2)", ["model"]);
      spec.tpm = { type: "emulator" };
      at(["tpm"], d);
      tpmDriver(d);
      at(["tpm", "type"], backend!, "type");
      use(backend);
      note(
        "<backend type='emulator'>: libvirt starts swtpm itself, with its own socket and state; the spec connects to swtpm on vmspec's default socket, and build says the swtpm command to run",
        backend!,
        "type",
      );
      for (const k of kids(backend!)) skip(k, "vmspec's swtpm has no such setting", ["name"]);
      for (const a of ["persistent_state", "debug"])
        if (backend!.hasAttribute(a))
          unmapped.push({
            what: `<backend ${a}="${backend!.getAttribute(a)}">`,
            why: "vmspec's swtpm has no such setting",
            range: attrRange(backend!, a),
          });
      finishDevice(d);
      return;
    }
    if (attr(backend, "type") !== "passthrough")
      return skip(d, "only a passthrough TPM (the host's /dev/tpm*) and an emulated one (swtpm) are mapped", ["model"]);
    const dev = attr(kid(backend, "device"), "path");
    spec.tpm = dev ? { path: dev } : {};
    at(["tpm"], d);
    tpmDriver(d);
    if (dev) at(["tpm", "path"], kid(backend, "device")!, "path");
    use(backend, kid(backend, "device"));
    finishDevice(d);
  }

  for (const v of videos) readVideo(v);
  if (spec.display && videos.length === 0 && devices) {
    // libvirt gives every domain with graphics a video device: virtio-gpu on aarch64.
    spec.display.video = "virtio-gpu";
    const g = kids(devices, "graphics")[0];
    ranges.set(JSON.stringify(["display", "video"]), elRange(g));
    note("<graphics> without <video>: libvirt adds its default video device (virtio on aarch64); the spec says virtio-gpu", g);
  }
  if (scsiThread) {
    const thread = `iothread${scsiThread.id}`;
    disks.forEach((d, i) => {
      if (d.bus !== "virtio-scsi") return;
      d.iothread = thread;
      at(["disks", i, "iothread"], scsiThread!.el, "iothread");
    });
  }
  // <iothreads>N</iothreads> (and <iothreadids>): the spec makes the threads its disks name.
  const iothreadsEl = kid(root, "iothreads");
  if (iothreadsEl) {
    const named = new Set(disks.flatMap((d) => (d.iothread !== undefined ? [d.iothread] : [])));
    const count = textOf(iothreadsEl);
    if (count !== undefined && COUNT.test(count) && Number(count) > named.size)
      note(
        `<iothreads>${count}</iothreads>: the spec makes the ${named.size === 1 ? "I/O thread its disks name" : `${named.size} I/O threads its disks name`}, not the ones no disk uses`,
        iothreadsEl,
      );
    use(iothreadsEl);
  }
  const idsEl = kid(root, "iothreadids");
  if (
    idsEl &&
    kids(idsEl).every((k) => k.tagName === "iothread" && k.attributes.length === 1 && k.hasAttribute("id") && kids(k).length === 0)
  )
    markTree(idsEl);
  if (rootPorts.length) {
    const n = Math.min(rootPorts.length, 64);
    spec.pci = { rootPorts: n };
    ranges.set(JSON.stringify(["pci"]), elRange(rootPorts[0]));
    ranges.set(JSON.stringify(["pci", "rootPorts"]), attrRange(rootPorts[0], "model"));
    // Each port's own element: what is found about port i points at it.
    rootPorts.slice(0, n).forEach((p, i) => ranges.set(JSON.stringify(["pci", "rootPorts", i]), attrRange(p, "model")));
    if (rootPorts.length > 64)
      skip(rootPorts[64], `vmspec adds up to 64 PCIe root ports; this and ${rootPorts.length - 65} more are left out`, ["model"]);
    note(
      `${rootPorts.length === 1 ? "a PCIe root port" : `${n} PCIe root ports`}: the spec adds ${n === 1 ? "rp1" : `rp1 ... rp${n}`} (pci.rootPorts), eight to a slot of pcie.0, and places devices itself; which device sits on which port is not carried over`,
      rootPorts[0],
      "model",
    );
  }
  if (usbHosts.length) usb.host = usbHosts;
  if (disks.length) spec.disks = disks;
  if (cdroms.length) spec.cdroms = cdroms;
  if (networks.length) spec.networks = networks;
  if (shares.length) spec.shares = shares;
  if (hostDevices.length) spec.hostDevices = hostDevices;
  if (Object.keys(usb).length) {
    spec.usb = usb;
    if (!ranges.has(JSON.stringify(["usb"]))) {
      const first = Object.keys(usb)[0];
      ranges.set(JSON.stringify(["usb"]), ranges.get(JSON.stringify(["usb", first])) ?? rootRange);
    }
  }

  // Per-device <boot order>: libvirt's orders are ranks (from 1, unique), which is what boot.order
  // says and what vmspec's libvirt output writes for it. With <os><boot dev> as well (libvirt
  // refuses both), each keeps its own bootindex.
  deviceBoots.sort((a, b) => a.order - b.order);
  if (deviceBoots.length && !bootDevs.length) {
    spec.boot = { ...spec.boot, order: deviceBoots.map((b) => b.name) };
    deviceBoots.forEach((b, k) => ranges.set(JSON.stringify(["boot", "order", k]), attrRange(b.el, "order")));
    ranges.set(JSON.stringify(["boot", "order"]), attrRange(deviceBoots[0].el, "order"));
  } else
    for (const b of deviceBoots) {
      b.set(b.order);
      at(b.path, b.el, "order");
    }
  // <os><boot dev=...>: the first device of each kind, in the order given.
  if (bootDevs.length) {
    const order: string[] = [];
    bootDevs.forEach(({ dev, el }) => {
      const n = dev === "hd" ? disks[0]?.name : dev === "cdrom" ? cdroms[0]?.name : networks[0]?.name;
      if (n && !order.includes(n)) {
        ranges.set(JSON.stringify(["boot", "order", order.length]), attrRange(el, "dev"));
        order.push(n);
      } else if (!n)
        unmapped.push({ what: `<boot dev="${dev}">`, why: "the domain has no such device vmspec maps", range: attrRange(el, "dev") });
    });
    if (order.length) {
      spec.boot = { ...spec.boot, order };
      ranges.set(JSON.stringify(["boot", "order"]), attrRange(bootDevs[0].el, "dev"));
    }
  }
  if (spec.boot)
    ranges.set(JSON.stringify(["boot"]), ranges.get(JSON.stringify(["boot", "order"])) ?? ranges.get(JSON.stringify(["boot", "menu"]))!);

  // <qemu:commandline>: its arguments are the spec's extraArgs, linted like every other option.
  const extra: string[] = [];
  for (const c of kids(root)) {
    if (c.namespaceURI !== QEMU_NS || c.localName !== "commandline") continue;
    use(c);
    for (const a of kids(c)) {
      if (a.localName === "arg" && a.namespaceURI === QEMU_NS && a.hasAttribute("value")) {
        ranges.set(JSON.stringify(["extraArgs", extra.length]), attrRange(a, "value"));
        extra.push(a.getAttribute("value") ?? "");
        use(a);
      } else skip(a, "only <qemu:arg value=...> is mapped (to extraArgs)", ["name"]);
    }
  }
  if (extra.length) {
    spec.extraArgs = extra;
    ranges.set(JSON.stringify(["extraArgs"]), ranges.get(JSON.stringify(["extraArgs", 0]))!);
  }

  // <qemu:override>: properties added to the -device of a device the spec names (by its user
  // alias) are the spec's qemuProperties.devices, linted in the -device they end up in.
  const overridden: Record<string, Record<string, string>> = {};
  for (const c of kids(root)) {
    if (c.namespaceURI !== QEMU_NS || c.localName !== "override") continue;
    use(c);
    for (const dev of kids(c)) {
      const alias = attr(dev, "alias");
      const name = dev.localName === "device" && dev.namespaceURI === QEMU_NS && alias !== undefined ? aliases.get(alias) : undefined;
      if (name === undefined) {
        skip(
          dev,
          "a <qemu:device> vmspec maps names the user alias (<alias name='ua-...'>) of a disk, CD-ROM, interface or host device it maps",
          ["alias"],
        );
        continue;
      }
      use(dev);
      for (const fe of kids(dev)) {
        if (fe.localName !== "frontend" || fe.namespaceURI !== QEMU_NS) {
          skip(fe, "only the device's <qemu:frontend> properties are mapped (to qemuProperties.devices)");
          continue;
        }
        use(fe);
        for (const p of kids(fe)) {
          const pname = attr(p, "name");
          const ptype = attr(p, "type");
          const v = attr(p, "value");
          let value: string | undefined;
          if (ptype === "string" && v !== undefined) value = v;
          else if (
            (ptype === "signed" && v !== undefined && /^-?[0-9]{1,19}$/.test(v)) ||
            (ptype === "unsigned" && v !== undefined && /^[0-9]{1,20}$/.test(v))
          )
            value = v;
          else if (ptype === "bool" && (v === "true" || v === "false")) value = v === "true" ? "on" : "off";
          if (p.localName !== "property" || pname === undefined || !PROP.test(pname) || value === undefined) {
            skip(p, "vmspec adds a device property (string, signed, unsigned or bool) with qemuProperties.devices; it cannot remove one", [
              "name",
              "type",
            ]);
            continue;
          }
          overridden[name] = { ...own(overridden, name), [pname]: value };
          at(["qemuProperties", "devices", name, pname], p, "value");
          ranges.set(JSON.stringify(["qemuProperties", "devices", name]), elRange(dev));
        }
      }
    }
  }
  if (Object.keys(overridden).length) {
    spec.qemuProperties = { devices: overridden };
    const first = Object.keys(overridden)[0];
    ranges.set(JSON.stringify(["qemuProperties"]), ranges.get(JSON.stringify(["qemuProperties", "devices", first]))!);
    ranges.set(JSON.stringify(["qemuProperties", "devices"]), ranges.get(JSON.stringify(["qemuProperties", "devices", first]))!);
  }

  if (addresses.length)
    unmapped.push({
      what: addresses.length === 1 ? "<address>" : `<address> (this and ${addresses.length - 1} more)`,
      why: "guest addresses are chosen by vmspec's build (libvirt keeps the ones it chose when the domain was defined)",
      range: elRange(addresses[0]),
    });
  // Everything left: reported once, at the outermost element not mapped.
  const sweep = (el: Element): void => {
    for (const k of kids(el)) {
      if (used.has(k)) sweep(k);
      else if (k.tagName === "metadata" || k.tagName === "description" || k.tagName === "title") {
        // Notes for people and tools, not VM settings.
        markTree(k);
      } else skip(k, whyUnmapped(k));
    }
  };
  sweep(root);
  unmapped.sort((a, b) => a.range[0] - b.range[0]);
  notes.sort((a, b) => a.range[0] - b.range[0]);
  // What libvirt itself refuses (a domain it would not start) is the answer, as unreadable XML is.
  if (refused) return { text: source, error: refused, positions, unmapped, notes, drivers: [] };
  return { text: source, spec: spec as VmSpec, positions, unmapped, notes, drivers, ...(password ? { password } : {}) };
}

/** Why a device vmspec has no field for is not mapped. */
const DEVICE_REASONS: Record<string, string> = {
  audio: "libvirt's audio backend (QEMU's -audiodev); vmspec adds no sound device, so there is nothing to play",
  sound: "vmspec adds no sound device",
  iommu: "vmspec adds no virtual IOMMU",
  redirdev: "USB redirection (SPICE) has no vmspec setting",
  smartcard: "vmspec adds no smartcard reader",
  hub: "vmspec adds no USB hub",
  shmem: "shared memory (ivshmem) has no vmspec setting; QEMU deprecates ivshmem",
  vsock: "virtio-vsock has no vmspec setting",
  memory: "memory hotplug devices have no vmspec setting",
  lease: "lock manager leases are libvirt's, not QEMU's",
  crypto: "vmspec adds no virtio-crypto device",
};

/** Why a leftover element is not mapped, in words a libvirt user knows. */
function whyUnmapped(el: Element): string {
  switch (el.tagName) {
    case "on_poweroff":
    case "on_reboot":
    case "on_crash":
    case "on_lockfailure":
      return "a lifecycle action libvirt carries out; vmspec's QEMU exits and the supervisor decides";
    case "resource":
    case "cputune":
    case "numatune":
    case "blkiotune":
    case "memtune":
      return "host resource tuning libvirt applies from outside QEMU; vmspec has no setting";
    case "pm":
      return "guest power-management (ACPI S3/S4) has no vmspec setting";
    case "seclabel":
      return "libvirt's security labels (SELinux, AppArmor, DAC); vmspec lints runAs and sandbox instead";
    case "dtb":
      return "a custom device tree has no vmspec setting";
    default:
      return "vmspec has no setting for this";
  }
}

/** A size attribute with its unit (libvirt's default: KiB), in bytes. */
function sizeOf(v: string, unit: string | undefined): number | undefined {
  const u = (unit ?? "KiB").toLowerCase();
  if (!/^[0-9]{1,20}$/.test(v) || own(UNITS, u) === undefined) return undefined;
  const n = Number(v) * own(UNITS, u)!;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A list of indexes and ranges (`0-3,6`) as the indexes, or undefined when it is not one vmspec reads. */
function cpuList(v: string): number[] | undefined {
  if (!CPUS.test(v)) return undefined;
  const out: number[] = [];
  for (const part of v.split(",")) {
    const [a, b] = part.split("-").map(Number);
    for (let i = a; i <= (b ?? a) && out.length <= 128; i++) out.push(i);
  }
  return out.length <= 128 ? out : undefined;
}

function memoryBytes(el: Element): number | undefined {
  return sizeOf((el.textContent ?? "").trim(), el.getAttribute("unit") ?? undefined);
}
