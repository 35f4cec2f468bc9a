// Reads the headings of QEMU's deprecated.rst / removed-features.rst: sections underlined with
// `----`, entries with `''''` and, below a group heading, `^^^^`. Each heading keeps its line and
// the text under it (to the next heading).

export interface Heading {
  /** The heading's text as written. */
  title: string;
  /** 1-based line of the heading's text. */
  line: number;
  /** The underline character: `=` title, `-` section, `'` entry or group, `^` entry in a group. */
  level: "=" | "-" | "'" | "^";
  /** The `-` section it is in. */
  section: string;
  /** The `'` group it is in, for a `^` heading. */
  group?: string;
  /** The text below it, up to the next heading. */
  body: string;
  /** It has `^` headings under it: a group, not an entry. */
  isGroup: boolean;
}

const UNDERLINE = /^([=\-'^])\1{2,}\s*$/;

export function readHeadings(text: string): Heading[] {
  const lines = text.split("\n");
  const out: Heading[] = [];
  let section = "";
  let group: string | undefined;
  for (let i = 1; i < lines.length; i++) {
    const m = UNDERLINE.exec(lines[i]);
    const title = lines[i - 1].trim();
    if (!m || title === "" || UNDERLINE.test(lines[i - 1])) continue;
    let level = m[1] as Heading["level"];
    // A quirk of 9.2's deprecated.rst: ``-runas`` (since 9.1) is underlined as a section. An entry
    // is an entry, whatever its underline: read it as one, in the section it stands in.
    if (level === "-" && /\((?:since|removed in) \d+\.\d+\)$/.test(title)) level = "'";
    if (level === "-") {
      section = title;
      group = undefined;
    }
    const h: Heading = { title, line: i, level, section, body: "", isGroup: false };
    if (level === "^") {
      h.group = group;
      for (let k = out.length - 1; k >= 0; k--)
        if (out[k].level === "'") {
          out[k].isGroup = true;
          break;
        }
    }
    if (level === "'") group = title;
    out.push(h);
  }
  // Bodies: the lines from after the underline to the line before the next heading's text.
  for (let k = 0; k < out.length; k++) {
    const from = out[k].line + 1; // 0-based index of the first body line
    const to = k + 1 < out.length ? out[k + 1].line - 1 : lines.length;
    out[k].body = lines.slice(from, to).join("\n").trim();
  }
  return out;
}
