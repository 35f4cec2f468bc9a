// Regenerates spec/vmspec.schema.json, spec/generated/validate-schema.cjs and spec/generated/validate-fast.js from spec/types.ts.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildFastValidatorText, buildSchemaText, buildValidatorText } from "./schema-build.js";

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const schema = buildSchemaText();
writeFileSync(here("../../spec/vmspec.schema.json"), schema);
writeFileSync(here("../../spec/generated/validate-schema.cjs"), buildValidatorText(schema, "cjs"));
writeFileSync(here("../../spec/generated/validate-fast.js"), buildFastValidatorText(schema));
const config = buildSchemaText("config");
writeFileSync(here("../../spec/vmspec-config.schema.json"), config);
writeFileSync(here("../../spec/generated/validate-config.js"), buildValidatorText(config));
console.log(
  "wrote spec/vmspec.schema.json, spec/generated/validate-schema.cjs, spec/generated/validate-fast.js, spec/vmspec-config.schema.json and spec/generated/validate-config.js",
);
