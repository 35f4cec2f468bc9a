// The committed JSON Schema and precompiled validator are exactly what spec/types.ts generates,
// and the schema is strict everywhere and documented everywhere.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildFastValidatorText, buildSchemaText, buildValidatorText } from "../tools/schema/schema-build.js";
import { ROOT } from "./helpers/cli.js";
import { SIZE_PATTERN } from "../spec/size.js";

const committed = (f: string) => readFileSync(join(ROOT, "spec", f), "utf8");

describe("the JSON Schema", () => {
  const fresh = buildSchemaText();

  it("is not stale (run `npm run schema` after changing spec/types.ts)", () => {
    expect(committed("vmspec.schema.json")).toBe(fresh);
    expect(committed("generated/validate-schema.cjs")).toBe(buildValidatorText(fresh, "cjs"));
    expect(committed("generated/validate-fast.js")).toBe(buildFastValidatorText(fresh));
    const config = buildSchemaText("config");
    expect(committed("vmspec-config.schema.json")).toBe(config);
    expect(committed("generated/validate-config.js")).toBe(buildValidatorText(config));
  }, 60000);

  it("is draft-07, forbids unknown keys, and documents every property and value for editors", () => {
    const schema = JSON.parse(fresh);
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    const problems: string[] = [];
    const walk = (s: any, where: string) => {
      if (!s || typeof s !== "object") return;
      if (s.type === "object" && s.properties && s.additionalProperties !== false)
        problems.push(`${where}: additionalProperties is not false`);
      for (const [k, p] of Object.entries<any>(s.properties ?? {})) {
        if (!p.description) problems.push(`${where}.${k}: no description`);
        if (!String(p.markdownDescription ?? "").includes("**SLES 12 SP3 statement:**"))
          problems.push(`${where}.${k}: no markdownDescription with the statement's word`);
        if (p.enum && (!p.enumDescriptions || p.enumDescriptions.length !== p.enum.length))
          problems.push(`${where}.${k}: an enum without a description per value`);
        if (p.enum && p.oneOf?.length !== p.enum.length) problems.push(`${where}.${k}: an enum without oneOf/const descriptions`);
        if (p.pattern && !p.patternErrorMessage && !p.items) problems.push(`${where}.${k}: a pattern without patternErrorMessage`);
        walk(p, `${where}.${k}`);
      }
      for (const key of ["items", "anyOf", "oneOf"]) for (const sub of [s[key]].flat()) walk(sub, `${where}[${key}]`);
    };
    walk(schema, "#");
    expect(schema.$id).toBe("https://vmspec.dev/schema/vmspec-v1.json");
    // The size pattern the CLI maps to invalid-size is the schema's.
    expect(schema.definitions.Memory.properties.size.pattern).toBe(SIZE_PATTERN);
    expect(schema.defaultSnippets?.[0]?.body?.name).toBeDefined();
    for (const d of ["Disk", "Network"]) expect(schema.definitions[d].defaultSnippets?.length, d).toBeGreaterThan(0);
    for (const [name, def] of Object.entries<any>(schema.definitions)) walk(def, `#/definitions/${name}`);
    expect(problems).toEqual([]);
  });
});
