// What the editor says is what the program does: every default the schema states (an @default
// keyword, or a "Defaults to `X`" / "`X` (default)" phrase in a description) is checked against
// the compiler: a spec without the field must compile to the same options as the spec with the
// field set to that default. Defaults that are QEMU's (vmspec emits nothing) must leave the
// property out. Other claims the hover text makes (the -global syntax, which network types take
// vhost and queues) are checked against build and lint.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "../compiler/compile.js";
import { parseTarget } from "../qemu/targets.js";
import type { QemuOption } from "../qemu/options.js";
import type { VmSpec } from "../spec/types.js";
import { lintInput } from "../lint/lint.js";
import { ROOT } from "./helpers/cli.js";

type Json = Record<string, any>;
const schema: Json = JSON.parse(readFileSync(join(ROOT, "spec/vmspec.schema.json"), "utf8"));
const deref = (n: Json | undefined): Json | undefined => {
  let cur = n;
  while (cur?.$ref) cur = schema.definitions[String(cur.$ref).split("/").pop()!];
  return cur;
};

interface Stated {
  path: (string | number)[];
  /** The default as written: the @default value, or the text in backticks. */
  values: unknown[];
  /** Phrases that state a default but name no value (checked by NON_LITERAL). */
  prose: string[];
  required: boolean;
  qemus: boolean;
}

/** Every field whose schema states a default. */
function statedDefaults(): Stated[] {
  const out: Stated[] = [];
  const walk = (node: Json | undefined, path: (string | number)[]): void => {
    const n = deref(node);
    if (!n || path.length > 8) return;
    for (const b of n.anyOf ?? []) walk(b, path);
    if (n.items) walk(n.items, [...path, 0]);
    for (const [key, raw] of Object.entries<Json>(n.properties ?? {})) {
      const prop = deref(raw)!;
      const description: string = raw.description ?? prop.description ?? "";
      const values: unknown[] = [];
      if ("default" in raw) values.push(raw.default);
      else if ("default" in prop) values.push(prop.default);
      const prose: string[] = [];
      for (const m of description.matchAll(/Defaults to `([^`]+)`|`([^`]+)` \((?:the )?default\b|\(default `([^`]+)`/g))
        values.push(m[1] ?? m[2] ?? m[3]);
      for (const m of description.matchAll(/Defaults to (?!`)[^.;]*|[^.;(]*\bby default\b/g)) prose.push(m[0].trim());
      if (values.length || prose.length) {
        out.push({
          path: [...path, key],
          values,
          prose,
          required: (n.required ?? []).includes(key),
          qemus: /QEMU's default/.test(description),
        });
      }
      walk(raw, [...path, key]);
    }
  };
  walk(schema, []);
  return out;
}

/** The smallest value of each parent a field needs to mean anything. */
const PARENTS: Record<string, unknown> = {
  "": { name: "web", memory: { size: "1GiB" }, runAs: "qemu" },
  "firmware.uefi": { code: "/usr/share/AAVMF/AAVMF_CODE.fd", vars: "web_VARS.fd" },
  "disks.0": { name: "d", file: "d.qcow2", format: "qcow2" },
  "cdroms.0": { name: "cd", file: "cd.iso" },
  "networks.0": { name: "lan", type: "user" },
  "networks.0.forwards.0": { hostPort: 2222, guestPort: 22 },
  display: { type: "vnc" },
  "display.tls": { dir: "/srv/tls" },
  usb: { tablet: true },
  "shares.0": { path: "/srv/share", tag: "share" },
};

function specWith(path: (string | number)[], value: unknown): VmSpec {
  const spec = structuredClone(PARENTS[""]) as Json;
  let cur: Json = spec;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i];
    if (cur[seg] === undefined) {
      const next = path[i + 1];
      cur[seg] = typeof next === "number" ? [] : structuredClone(PARENTS[path.slice(0, i + 1).join(".")] ?? {});
    }
    cur = cur[seg];
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    // The parent exists, without the field.
    if (typeof last === "number") cur[last] = structuredClone(PARENTS[path.join(".")] ?? {});
  } else cur[last] = value;
  return spec as unknown as VmSpec;
}

/** Options as the command line says them (no source metadata). */
function argv(spec: VmSpec): string[] {
  const c = compile(spec, { baseDir: "/srv/vm", qemu: parseTarget("7.2")! });
  const word = (o: QemuOption) =>
    [o.flag, ...(o.props ?? []).map((p) => (p.implied ? p.value : `${p.key}=${p.value}`)), ...(o.raw !== undefined ? [o.raw] : [])].join(
      " ",
    );
  return [...c.options.map(word), ...c.prepare.filter((p) => p.argv[0] !== "mkdir").map((p) => p.argv.join(" "))];
}

/** A value written in backticks, as the field would hold it. */
function asValue(text: unknown, path: (string | number)[]): unknown {
  if (typeof text !== "string") return text;
  // <name>: the VM's name; <monitor>: the monitor the field belongs to (qmp, hmp).
  return text.replace(/<name>/g, "web").replace(/<monitor>/g, String(path[path.length - 2]));
}

/** Defaults stated in prose, each with its own check. */
const NON_LITERAL: Record<string, () => void> = {
  "cpu.count": () => {
    expect(argv(specWith(["cpu", "sockets"], 2)).find((w) => w.startsWith("-smp"))).toBe("-smp 2 sockets=2");
    expect(argv(specWith(["cpu", "cores"], 1)).find((w) => w.startsWith("-smp"))).toBe("-smp 1 cores=1");
    expect(argv(specWith(["cpu"], undefined as never)).find((w) => w.startsWith("-smp"))).toBe("-smp 1");
  },
  serial: () => expect(argv(specWith(["name"], "web")).filter((w) => w.startsWith("-serial"))).toEqual([]),
  sandbox: () => expect(argv(specWith(["name"], "web"))).toContain("-sandbox on"),
  display: () => {
    const words = argv(specWith(["name"], "web"));
    expect(words).toContain("-display none");
    expect(words.filter((w) => /^-device (VGA|qxl-vga|virtio-gpu-pci|ramfb)\b/.test(w))).toEqual([]);
  },
  "display.type": () => {
    for (const type of ["vnc", "spice"]) expect(argv(specWith(["display", "type"], type)).join("\n")).toContain("127.0.0.1");
  },
  "display.port": () => {
    expect(argv(specWith(["display", "type"], "vnc"))).toContain("-vnc 127.0.0.1:0");
    expect(argv(specWith(["display", "port"], 5900))).toContain("-vnc 127.0.0.1:0");
    expect(argv({ ...specWith(["name"], "web"), display: { type: "spice" } }).find((w) => w.startsWith("-spice"))).toContain("port=5930");
  },
  monitors: () =>
    expect(argv(specWith(["name"], "web")).find((w) => w.startsWith("-chardev socket id=qmp"))).toBe(
      "-chardev socket id=qmp path=/srv/vm/web.run/qmp.sock server=on wait=off",
    ),
};

describe("the defaults the schema states are what the compiler does", () => {
  const stated = statedDefaults();

  it("finds the stated defaults (the extraction works)", () => {
    expect(stated.length).toBeGreaterThan(20);
    expect(stated.map((s) => s.path.join("."))).toEqual(
      expect.arrayContaining(["accel", "display.video", "monitors.qmp.socket", "guestAgent.socket", "networks.0.model"]),
    );
  });

  for (const s of stated) {
    const where = s.path.join(".");
    it(`${where}: ${[...s.values.map((v) => JSON.stringify(v)), ...s.prose].join(" / ")}`, () => {
      expect(s.required, `${where} is required, so it has no default`).toBe(false);
      // Every way the text states the default names the same value.
      expect(
        new Set(s.values.map((v) => JSON.stringify(v))).size,
        `${where} states different defaults: ${s.values.join(", ")}`,
      ).toBeLessThanOrEqual(1);
      if (s.values.length) {
        const value = asValue(s.values[0], s.path);
        const without = argv(specWith(s.path, undefined));
        const withDefault = argv(specWith(s.path, value));
        if (s.qemus) {
          // QEMU's own default: vmspec writes nothing, so the option must not carry the property.
          const added = withDefault.filter((w) => !without.includes(w));
          expect(added.length, `${where}: setting the default adds ${added.join(" ")}`).toBeGreaterThan(0);
        } else expect(without, `${where}: the spec without the field`).toEqual(withDefault);
      }
      if (s.prose.length) {
        const check = NON_LITERAL[where];
        expect(check, `${where} states "${s.prose.join('", "')}": add a check to NON_LITERAL`).toBeDefined();
        check();
      }
    });
  }
});

describe("the hover text says what build and lint do", () => {
  it("globals: the -global syntax the description shows is the one build writes", () => {
    const description: string = schema.properties.globals.description;
    const words = argv({ ...specWith(["name"], "web"), globals: [{ driver: "virtio-blk-pci", property: "num-queues", value: "4" }] });
    expect(words).toContain("-global driver=virtio-blk-pci property=num-queues value=4");
    expect(description).toContain("`-global driver=<driver>,property=<property>,value=<value>`");
  });

  it("vhost and queues: the description names exactly the network types lint accepts them on", () => {
    const network = deref(schema.definitions.Network)!;
    for (const [field, value] of [
      ["vhost", true],
      ["queues", 2],
    ] as const) {
      const accepted = (["user", "tap", "bridge"] as const).filter((type) => {
        const text = `name: web\nmemory: {size: 1GiB}\nrunAs: qemu\nnetworks:\n  - {name: lan, type: ${type}${type === "tap" ? ", ifname: tap0" : ""}, ${field}: ${value}}\n`;
        const r = lintInput("spec", new TextEncoder().encode(text), { baseDir: "/srv/vm" });
        return !r.findings.some((f) => f.ruleId === "conflicting-settings" || f.ruleId === "schema");
      });
      const description: string = network.properties[field].description;
      const named = ["user", "tap", "bridge"].filter((t) => new RegExp(`\\b${t}\\b`).test(description));
      expect(named, `${field}: "${description}"`).toEqual(accepted);
    }
  });
});
