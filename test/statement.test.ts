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
