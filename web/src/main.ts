// The playground: vmspec's own lint and build modules in the page (bundled by web/build.mjs with
// shims for the few Node modules they touch), a CodeMirror 6 editor, the findings as underlines
// and a list, a profile switch, every build output, the VM's picture and a share link.
// Contract for tests and embedders (docs/playground.md):
//   index.html#spec=<base64url of the YAML>[&profile=<id>][&dir=<folder the spec is in>]
//   each finding: an element with data-rule-id, data-line, data-column
//   each output: an element with data-output="<format>" holding the text exactly as the CLI prints it
import { EditorView, basicSetup } from "codemirror";
import { yaml } from "@codemirror/lang-yaml";
import { linter, lintGutter, forceLinting, type Diagnostic } from "@codemirror/lint";
import { marked } from "marked";
import type { LocatedFinding } from "../../core/finding.js";
import { locate } from "../../core/positions.js";
import { lintInput, type LintOptions } from "../../lint/lint.js";
import { buildSpec, BUILD_FORMATS } from "../../lint/build.js";
import { graphSpec, renderSvg } from "../../lint/graph.js";
import { toDot, toMermaid } from "../../compiler/graph.js";
import { PROFILES, DEFAULT_PROFILE } from "../../rules/data/profiles.js";
import { CATALOG } from "../../lint/catalog.js";

declare const __RULE_PAGES__: Record<string, string>;
declare const __EXAMPLES__: Record<string, string>;
declare const __VERSION__: string;

const DEFAULT_DIR = "/srv/vms";
const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;

function toBase64Url(text: string): string {
  let bin = "";
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function fromBase64Url(s: string): string {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

function hashParams(): URLSearchParams {
  return new URLSearchParams(location.hash.replace(/^#/, ""));
}

const state = {
  profile: hashParams().get("profile") ?? DEFAULT_PROFILE,
  dir: hashParams().get("dir") ?? DEFAULT_DIR,
  findings: [] as LocatedFinding[],
};

function options(): LintOptions {
  // As `vmspec lint vm.yaml` in a folder without a .vmspec.yaml: no rule settings, default suppression notes.
  return {
    baseDir: state.dir,
    profile: state.profile,
    suppressions: { file: "vm.yaml", requireReasons: false, unused: "warning" },
  };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function showRulePage(id: string): void {
  const page = __RULE_PAGES__[id];
  const dialog = $<HTMLDialogElement>("#rule-page");
  const body = $("#rule-page-body");
  // The pages are the project's own docs (bundled at build time), rendered by marked.
  if (page) body.innerHTML = marked.parse(page, { async: false });
  else body.replaceChildren(el("p", {}, `${id}: ${CATALOG.get(id)?.doc ?? ""}`));
  dialog.showModal();
}

function renderFindings(view: EditorView, text: string): Diagnostic[] {
  const list = $("#findings");
  list.replaceChildren();
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of state.findings) {
    counts[f.severity]++;
    const li = el("li", {
      class: `finding ${f.severity}`,
      "data-rule-id": f.ruleId,
      "data-line": String(f.line),
      "data-column": String(f.column),
    });
    const where = el("button", { class: "where", title: "go to the finding" }, `${f.line}:${f.column}`);
    where.addEventListener("click", () => {
      const pos = view.state.doc.line(f.line).from + f.column - 1;
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    });
    const link = el("a", { href: `#rule=${f.ruleId}`, class: "rule" }, f.ruleId);
    link.addEventListener("click", (e) => (e.preventDefault(), showRulePage(f.ruleId)));
    li.append(where, el("span", { class: "severity" }, f.severity), el("span", { class: "message" }, f.message), link);
    list.append(li);
  }
  $("#summary").textContent = state.findings.length
    ? `${counts.error} errors, ${counts.warning} warnings, ${counts.info} info`
    : "no findings: the spec lints clean";
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const at = (line: number, col: number) => Math.min(text.length, (starts[line - 1] ?? text.length) + col - 1);
  return state.findings.map((f) => ({
    from: at(f.line, f.column),
    to: Math.max(at(f.line, f.column), at(f.endLine, f.endColumn)),
    severity: f.severity,
    message: `${f.message} [${f.ruleId}]`,
    source: "vmspec",
  }));
}

let graphRun = 0;
async function renderOutputs(text: string): Promise<void> {
  const bytes = new TextEncoder().encode(text);
  for (const format of BUILD_FORMATS) {
    const r = buildSpec(bytes, { ...options(), format });
    $(`[data-output="${format}"]`).textContent = r.output ?? "";
  }
  const g = graphSpec(bytes, options());
  $(`[data-output="mermaid"]`).textContent = g.graph ? toMermaid(g.graph) : "";
  const run = ++graphRun;
  const holder = $("#graph");
  if (!g.graph) return void holder.replaceChildren(el("p", { class: "empty" }, "no picture: the spec does not compile (see the findings)"));
  const svg = await renderSvg(toDot(g.graph));
  if (run !== graphRun) return; // a newer edit won
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  holder.replaceChildren(document.importNode(doc.documentElement, true));
}

function lintText(view: EditorView): Diagnostic[] {
  const text = view.state.doc.toString();
  const r = lintInput("spec", new TextEncoder().encode(text), options());
  state.findings = locate(r.text, r.findings);
  const diagnostics = renderFindings(view, text);
  void renderOutputs(text).finally(() => document.body.setAttribute("data-ready", String(Date.now())));
  return diagnostics;
}

function start(): void {
  const fromHash = hashParams().get("spec");
  let initial = __EXAMPLES__["minimal-uefi.yaml"];
  if (fromHash) {
    try {
      initial = fromBase64Url(fromHash);
    } catch {
      $("#summary").textContent = "the link's spec= is not base64url: showing an example";
    }
  }
  const profile = $<HTMLSelectElement>("#profile");
  for (const p of Object.values(PROFILES)) profile.append(el("option", { value: p.id }, `${p.id} (QEMU ${p.qemu})`));
  profile.value = state.profile;
  const examples = $<HTMLSelectElement>("#example");
  for (const name of Object.keys(__EXAMPLES__)) examples.append(el("option", { value: name }, name));
  $("#version").textContent = `vmspec ${__VERSION__}`;

  const view = new EditorView({
    doc: initial,
    parent: $("#editor"),
    extensions: [basicSetup, yaml(), lintGutter(), linter((v) => lintText(v), { delay: 150 })],
  });
  profile.addEventListener("change", () => {
    state.profile = profile.value;
    forceLinting(view);
  });
  examples.addEventListener("change", () => {
    if (!examples.value) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: __EXAMPLES__[examples.value] } });
    examples.value = "";
  });
  // A tab per output: every build format (libvirt, KubeVirt, ... as vmspec gains them), the picture, Mermaid.
  const LABELS: Record<string, string> = { readconfig: "-readconfig" };
  const tabs = [...BUILD_FORMATS, "picture", "mermaid"];
  for (const [i, name] of tabs.entries()) {
    const tab = el("button", { "data-tab": name, ...(i === 0 ? { class: "active" } : {}) }, LABELS[name] ?? name);
    $("#tabs").append(tab);
    const panel =
      name === "picture" ? el("div", { id: "graph", "data-panel": name }) : el("pre", { "data-panel": name, "data-output": name });
    panel.hidden = i !== 0;
    $("#panels").append(panel);
    tab.addEventListener("click", () => {
      for (const t of document.querySelectorAll("[data-tab]")) t.classList.toggle("active", t === tab);
      for (const p of document.querySelectorAll<HTMLElement>("[data-panel]")) p.hidden = p.dataset.panel !== name;
    });
  }
  $("#share").addEventListener("click", () => {
    const params = new URLSearchParams({ spec: toBase64Url(view.state.doc.toString()) });
    if (state.profile !== DEFAULT_PROFILE) params.set("profile", state.profile);
    if (state.dir !== DEFAULT_DIR) params.set("dir", state.dir);
    history.replaceState(null, "", `#${params.toString()}`);
    const link = location.href;
    $<HTMLInputElement>("#share-link").value = link;
    void navigator.clipboard?.writeText(link).catch(() => undefined);
  });
  $("#close-rule-page").addEventListener("click", () => $<HTMLDialogElement>("#rule-page").close());
  (window as unknown as { vmspecView: EditorView }).vmspecView = view;
}

start();
