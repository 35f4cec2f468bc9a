// Regenerates spec/vmspec.schema.json, spec/validate-schema.cjs and spec/validate-fast.js from spec/types.ts.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildFastValidatorText, buildSchemaText, buildValidatorText } from "./schema-build.js";

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const schema = buildSchemaText();
writeFileSync(here("./vmspec.schema.json"), schema);
writeFileSync(here("./validate-schema.cjs"), buildValidatorText(schema, "cjs"));
writeFileSync(here("./validate-fast.js"), buildFastValidatorText(schema));
const config = buildSchemaText("config");
writeFileSync(here("./vmspec-config.schema.json"), config);
writeFileSync(here("./validate-config.js"), buildValidatorText(config));
console.log("wrote spec/vmspec.schema.json, spec/validate-schema.cjs, spec/validate-fast.js, spec/vmspec-config.schema.json and spec/validate-config.js");
