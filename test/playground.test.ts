// The playground (npm run web → web/dist/) in a real headless Chromium (Debian's, driven by
// playwright-core; no browser download), opened from file:// with every network request failing
// the test: for every example its findings and outputs equal the CLI's, typing an error shows its
// finding at the right line, and the share link carries the spec.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { ROOT, vmspec } from "./helpers/cli.js";
import { BUILD_FORMATS } from "../lint/build.js";

const CHROMIUM = "/usr/bin/chromium";
const INDEX = pathToFileURL(join(ROOT, "web/dist/index.html")).href;
const EXAMPLES = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".yaml"));
const QED = "name: vm\nmemory: {size: 1GiB}\ndisks:\n  - {name: root, file: root.qed, format: qed}\n";
const b64url = (s: string) => Buffer.from(s, "utf8").toString("base64url");

let browser: Browser;
let dir: string;
const offsite: string[] = [];

async function open(spec: string, extra = `&dir=${encodeURIComponent(dir)}`): Promise<Page> {
  const page = await browser.newPage();
  page.on("request", (r) => {
    if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) offsite.push(r.url());
  });
  await page.route(/^(?!file:|data:)/, (route) => (offsite.push(route.request().url()), route.abort()));
  const before = Date.now();
  await page.goto(`${INDEX}#spec=${b64url(spec)}${extra}`);
  await page.waitForFunction((t) => Number(document.body.dataset.ready ?? 0) >= t, before, { timeout: 60_000 });
  return page;
}

async function shown(page: Page) {
  const findings = await page.$$eval("[data-rule-id]", (els) =>
    els.map((e) => ({
      ruleId: e.getAttribute("data-rule-id"),
      line: Number(e.getAttribute("data-line")),
      column: Number(e.getAttribute("data-column")),
    })),
  );
  const outputs = await page.$$eval("[data-output]", (els) =>
    Object.fromEntries(els.map((e) => [e.getAttribute("data-output"), e.textContent ?? ""])),
  );
  return { findings, outputs };
}

beforeAll(async () => {
  const built = spawnSync("npm", ["run", "web"], { cwd: ROOT, encoding: "utf8" });
  expect(built.status, built.stderr).toBe(0);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  // The CLI runs on the same files in a folder whose .vmspec.yaml is empty, as the page assumes.
  dir = mkdtempSync(join(tmpdir(), "vmspec-web-"));
  writeFileSync(join(dir, ".vmspec.yaml"), "{}\n");
  for (const f of EXAMPLES) copyFileSync(join(ROOT, "examples", f), join(dir, f));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the playground", () => {
  for (const f of EXAMPLES) {
    it(`${f}: findings and every output equal the CLI's`, async () => {
      const text = readFileSync(join(dir, f), "utf8");
      const page = await open(text);
      const { findings, outputs } = await shown(page);
      const lint = JSON.parse(vmspec(["lint", "--format", "json", f], { cwd: dir }).stdout) as {
        files: { findings: { ruleId: string; line: number; column: number }[] }[];
      };
      expect(findings).toEqual(lint.files[0].findings.map(({ ruleId, line, column }) => ({ ruleId, line, column })));
      for (const format of BUILD_FORMATS) {
        const cli = vmspec(["build", f, "--format", format], { cwd: dir });
        expect(outputs[format], `${f} ${format}`).toBe(cli.code === 0 ? cli.stdout : "");
      }
      expect(outputs.mermaid).toBe(vmspec(["graph", f, "--format", "mermaid"], { cwd: dir }).stdout);
      expect(await page.$$eval("#graph svg g.node", (n) => n.length)).toBeGreaterThan(3);
      await page.close();
    }, 120_000);
  }

  it("typing an error shows its finding at the right line, and the share link carries the spec", async () => {
    const text = readFileSync(join(dir, "minimal-uefi.yaml"), "utf8");
    const page = await open(text);
    const lines = text.split("\n").length;
    await page.click(".cm-content");
    await page.keyboard.press("Control+End");
    const before = Number(await page.evaluate(() => document.body.dataset.ready));
    await page.keyboard.type("memroy: 2GiB\n");
    await page.waitForFunction((t) => Number(document.body.dataset.ready ?? 0) > t, before, { timeout: 60_000 });
    const { findings } = await shown(page);
    expect(findings).toContainEqual({ ruleId: "schema", line: lines, column: 1 });
    expect(await page.$eval('[data-rule-id="schema"] .message', (e) => e.textContent)).toMatch(/memroy.*memory/);
    await page.click("#share");
    const link = await page.$eval("#share-link", (e) => (e as HTMLInputElement).value);
    const spec = new URLSearchParams(new URL(link).hash.slice(1)).get("spec")!;
    expect(Buffer.from(spec, "base64url").toString("utf8")).toBe(`${text}memroy: 2GiB\n`);
    await page.close();
  }, 120_000);

  it("the profile switch lints against another statement, and a rule page opens from its finding", async () => {
    const page = await open(QED);
    const cli = JSON.parse(vmspec(["lint", "--format", "json", "-"], { cwd: dir, input: QED }).stdout) as {
      files: { findings: { ruleId: string; line: number; column: number }[] }[];
    };
    expect((await shown(page)).findings).toEqual(cli.files[0].findings.map(({ ruleId, line, column }) => ({ ruleId, line, column })));
    await page.click('[data-rule-id="qed-deprecated"] a.rule');
    expect(await page.$eval("#rule-page-body", (e) => e.textContent)).toContain("qed-deprecated");
    await page.click("#close-rule-page");
    const profiles = await page.$$eval("#profile option", (o) => o.map((x) => (x as HTMLOptionElement).value));
    expect(profiles.length).toBeGreaterThanOrEqual(1);
    await page.close();
  }, 120_000);

  it("made no network request", () => {
    expect(offsite).toEqual([]);
  });

  it("the docs' screenshot is of the page as it is (docs/images/playground.png is refreshed by UPDATE_SCREENSHOT=1)", async () => {
    // An example with one warning: a forwarded port on every host address.
    const text = readFileSync(join(ROOT, "examples/minimal-uefi.yaml"), "utf8").replace(
      "- hostPort: 2222",
      "- hostAddress: 0.0.0.0\n        hostPort: 2222",
    );
    const page = await open(text, ""); // the page's default folder, /srv/vms: no path of this machine in the picture
    await page.setViewportSize({ width: 1280, height: 760 });
    expect(await page.$$eval("[data-rule-id]", (e) => e.map((x) => x.getAttribute("data-rule-id")))).toEqual(["hostfwd-all-interfaces"]);
    const png = await page.screenshot();
    expect(png.length).toBeGreaterThan(20_000);
    if (process.env.UPDATE_SCREENSHOT === "1") writeFileSync(join(ROOT, "docs/images/playground.png"), png);
    expect(readFileSync(join(ROOT, "docs/images/playground.png")).length).toBeGreaterThan(20_000);
    await page.close();
  }, 120_000);
});
