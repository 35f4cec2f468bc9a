// The statement's lists are data generated from the statement text kept in the project; this
// proves the data is current, that it is faithful to the text, and that the readings of the
// statement's contradictions (docs/decisions.md) hold.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderLists, PROFILE_FOLDERS } from "../tools/statement/render.js";
import { extractLists, valuesOf, aliasesOf } from "../rules/data/extract.js";
import { profileNamed } from "../rules/profile.js";
import { lintArgv } from "../lint/lint.js";
import { ROOT } from "./helpers/cli.js";

const dataDir = (folder: string) => join(ROOT, "rules/data", folder);

describe("statement data", () => {
  for (const folder of PROFILE_FOLDERS) {
    it(`${folder}: lists.ts is what the statement text generates (run npm run statement)`, () => {
      const statement = readFileSync(join(dataDir(folder), "statement.txt"), "utf8");
      expect(readFileSync(join(dataDir(folder), "lists.ts"), "utf8")).toBe(renderLists(folder, statement));
    });
  }

  const text = readFileSync(join(dataDir("sles12sp3"), "statement.txt"), "utf8");
  const lists = extractLists(text);

  it("points every option at where it stands in the text, and takes every value from it verbatim", () => {
    for (const e of [...lists.supportedOptions, ...lists.unsupportedOptions]) {
      expect(
        text.slice(e.at).startsWith(e.flag) || text.slice(e.at).includes(`/${e.flag}`) || /^-[a-z]+\/-/.test(text.slice(e.at)),
        e.flag,
      ).toBe(true);
      for (const g of e.groups) for (const v of g.values) expect(text.includes(v), `${e.flag} ${v}`).toBe(true);
    }
    for (const c of [...lists.supportedHmp, ...lists.unsupportedHmp, ...lists.supportedQmp, ...lists.unsupportedQmp]) {
      expect(text.includes(c) || c === "nbd_server_start", c).toBe(true);
    }
  });

  it("finds every list of the statement, with the sizes the text has", () => {
    expect(lists.supportedOptions.length).toBe(89);
    expect(lists.unsupportedOptions.length).toBe(49);
    expect(valuesOf(lists.supportedOptions, "-device")).toHaveLength(45);
    expect(aliasesOf(lists.supportedOptions, "-device")).toEqual([
      "ahci",
      "virtio-blk",
      "virtio-net",
      "virtio-serial",
      "virtio-balloon",
      "virtio-9p",
      "virtio-scsi",
      "virtio-rng",
      "e1000-82540em",
    ]);
    expect(aliasesOf(lists.unsupportedOptions, "-device")).toEqual([
      "lsi",
      "virtio-input-host",
      "virtio-keyboard",
      "virtio-mouse",
      "virtio-tablet",
      "virtio-gpu",
      "pci-assign",
      "piix-usb-uhci",
    ]);
    expect(valuesOf(lists.supportedOptions, "-machine")).toEqual(["help", "?", "none", "virt", "virt-2.6"]);
    expect(valuesOf(lists.supportedOptions, "-drive", "if")).toEqual(["virtio"]);
    expect(valuesOf(lists.supportedOptions, "-drive", "format")).toEqual(["qcow2", "qed", "raw"]);
    expect(valuesOf(lists.unsupportedOptions, "-netdev")).toEqual(["dump", "hubport", "l2tpv3", "socket", "vde"]);
    expect(lists.supportedHmp).toHaveLength(73);
    expect(lists.unsupportedHmp).toHaveLength(31); // "nbd server_start" is one command
    expect(lists.supportedQmp).toHaveLength(126);
    expect(lists.unsupportedQmp).toHaveLength(23);
  });

  it("has exactly the contradictions docs/decisions.md decides, and reads them as documented", () => {
    const p = profileNamed("sles12sp3")!;
    const supported = valuesOf(lists.supportedOptions, "-device");
    const unsupported = valuesOf(lists.unsupportedOptions, "-device");
    expect(supported.filter((d) => unsupported.includes(d)).sort()).toEqual(["e1000", "virtconsole"]);
    const vgaBoth = valuesOf(lists.supportedOptions, "-vga").filter((v) => valuesOf(lists.unsupportedOptions, "-vga").includes(v));
    expect(vgaBoth).toEqual(["virtio"]);
    const decisions = readFileSync(join(ROOT, "docs/decisions.md"), "utf8");
    for (const name of ["`e1000`", "`virtconsole`", "`-vga virtio`", "nbd server_start"]) expect(decisions).toContain(name);
    expect(p.deviceStatus("e1000").status).toBe("supported");
    expect(p.deviceStatus("virtconsole").status).toBe("supported");
    const vga = lintArgv(new TextEncoder().encode("qemu-system-aarch64 -vga virtio"), { baseDir: "/" }).findings.map((f) => f.ruleId);
    expect(vga).toContain("vga-unsupported");
    const hmpBoth = lists.supportedHmp.filter((c) => lists.unsupportedHmp.includes(c));
    expect(hmpBoth).toEqual([]);
    expect(lists.supportedQmp.filter((c) => lists.unsupportedQmp.includes(c))).toEqual([]);
  });

  it("reads wildcards and aliases", () => {
    const p = profileNamed("sles12sp3")!;
    expect(p.deviceStatus("cortex-a57-x86_64-cpu").status).toBe("unsupported");
    expect(p.deviceStatus("qemu64-x86_64-cpu").status).toBe("unsupported");
    expect(p.deviceStatus("virtio-gpu-pci")).toEqual({ status: "unsupported", via: "virtio-gpu" });
    expect(p.deviceStatus("virtio-gpu")).toEqual({ status: "unsupported" });
    expect(p.deviceStatus("ahci")).toEqual({ status: "supported" });
    expect(p.deviceStatus("ich9-ahci")).toEqual({ status: "supported" });
    expect(p.deviceStatus("qemu-xhci")).toEqual({ status: "unlisted" });
  });
});

// The SLES 15 statements keep their line breaks, so the sizes are counted here a second way, by
// lines (each option and each command starts its own line), and compared with the extractor's
// character scan and with the figures counted by hand (awk over the text, docs/profiles.md).
const SLES15 = ["sles15sp1", "sles15sp2", "sles15sp3", "sles15sp4"] as const;

/** Each section's lines, by the heading that starts it. */
function linesBySection(text: string): Record<string, string[]> {
  const headings: Record<string, string> = {
    "command line options are supported:": "so",
    "monitor commands are supported:": "sh",
    "QMP commands are supported:": "sq",
    "command line options are unsupported:": "uo",
    "monitor commands are unsupported:": "uh",
    "QMP commands are unsupported:": "uq",
  };
  const out: Record<string, string[]> = {};
  let current: string | undefined;
  for (const line of text.split("\n")) {
    const h = Object.keys(headings).find((k) => line.includes(`The following ${k}`));
    if (h) out[(current = headings[h])] = [];
    else if (current) out[current].push(line);
  }
  return out;
}

function countByLines(text: string) {
  const s = linesBySection(text);
  const optionLines = (k: string) => s[k].filter((l) => /^ {2}-[A-Za-z]/.test(l)).flatMap((l) => l.trim().split(/\s/)[0].split("/"));
  const commandLines = (k: string) => s[k].filter((l) => l.trim() !== "").length;
  const deviceNames = (k: string) => {
    const body = s[k].join("\n");
    const at = body.indexOf("\n  -device");
    return body.slice(body.indexOf("[", at) + 1, body.indexOf("]", at)).split("|").length;
  };
  return {
    supportedOptions: optionLines("so").length,
    unsupportedOptions: optionLines("uo").length,
    supportedDevices: deviceNames("so"),
    unsupportedDevices: deviceNames("uo"),
    supportedHmp: commandLines("sh"),
    unsupportedHmp: commandLines("uh"),
    supportedQmp: commandLines("sq"),
    unsupportedQmp: commandLines("uq"),
  };
}

// Counted by hand with awk (option lines, "-fda/-fdb" as two) and by splitting each -device
// bracket on "|"; see docs/profiles.md.
const HAND_COUNTED: Record<(typeof SLES15)[number], ReturnType<typeof countByLines>> = {
  sles15sp1: {
    supportedOptions: 85,
    unsupportedOptions: 55,
    supportedDevices: 77,
    unsupportedDevices: 403,
    supportedHmp: 76,
    unsupportedHmp: 31,
    supportedQmp: 144,
    unsupportedQmp: 32,
  },
  sles15sp2: {
    supportedOptions: 87,
    unsupportedOptions: 55,
    supportedDevices: 84,
    unsupportedDevices: 406,
    supportedHmp: 78,
    unsupportedHmp: 31,
    supportedQmp: 150,
    unsupportedQmp: 30,
  },
  sles15sp3: {
    supportedOptions: 87,
    unsupportedOptions: 54,
    supportedDevices: 83,
    unsupportedDevices: 448,
    supportedHmp: 77,
    unsupportedHmp: 34,
    supportedQmp: 152,
    unsupportedQmp: 31,
  },
  sles15sp4: {
    supportedOptions: 87,
    unsupportedOptions: 52,
    supportedDevices: 86,
    unsupportedDevices: 461,
    supportedHmp: 74,
    unsupportedHmp: 28,
    supportedQmp: 150,
    unsupportedQmp: 31,
  },
};

describe("SLES 15 statement data", () => {
  for (const id of SLES15) {
    const text = readFileSync(join(dataDir(id), "statement.txt"), "utf8");
    const lists = extractLists(text);

    it(`${id}: every list has the size counted by lines and by hand`, () => {
      const extracted = {
        supportedOptions: lists.supportedOptions.length,
        unsupportedOptions: lists.unsupportedOptions.length,
        supportedDevices: valuesOf(lists.supportedOptions, "-device").length,
        unsupportedDevices: valuesOf(lists.unsupportedOptions, "-device").length,
        supportedHmp: lists.supportedHmp.length,
        unsupportedHmp: lists.unsupportedHmp.length,
        supportedQmp: lists.supportedQmp.length,
        unsupportedQmp: lists.unsupportedQmp.length,
      };
      expect(extracted).toEqual(countByLines(text));
      expect(extracted).toEqual(HAND_COUNTED[id]);
    });

    it(`${id}: every option points at its line of the text, and every value is the text's own`, () => {
      for (const e of [...lists.supportedOptions, ...lists.unsupportedOptions]) {
        const lineStart = text.lastIndexOf("\n", e.at) + 1;
        const line = text.slice(lineStart, text.indexOf("\n", e.at));
        expect(line.trim().split(/\s/)[0].split("/"), `${e.flag} at line ${text.slice(0, e.at).split("\n").length}`).toContain(e.flag);
        for (const g of e.groups) for (const v of g.values) expect(text.includes(v), `${e.flag} ${v}`).toBe(true);
      }
      for (const c of [...lists.supportedHmp, ...lists.unsupportedHmp, ...lists.supportedQmp, ...lists.unsupportedQmp])
        expect(new RegExp(`^ {2}${c.replace(/[?]/g, "\\?")}( |\\.\\.\\.|$)`, "m").test(text) || c === "nbd_server_start", c).toBe(true);
      // The one heading written with two spaces ("-  The following command line options are
      // unsupported:") still ends the QMP section before it.
      expect(lists.supportedQmp).not.toContain("-acpitable");
      expect(lists.unsupportedOptions[0].flag).toBe("-acpitable");
    });
  }
});
