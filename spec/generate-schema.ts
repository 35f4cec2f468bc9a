// Regenerates spec/vmspec.schema.json and spec/validate-schema.js from spec/types.ts.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSchemaText, buildValidatorText } from "./schema-build.js";

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const schema = buildSchemaText();
writeFileSync(here("./vmspec.schema.json"), schema);
writeFileSync(here("./validate-schema.js"), buildValidatorText(schema));
const config = buildSchemaText("config");
writeFileSync(here("./vmspec-config.schema.json"), config);
writeFileSync(here("./validate-config.js"), buildValidatorText(config));
console.log("wrote spec/vmspec.schema.json, spec/validate-schema.js, spec/vmspec-config.schema.json and spec/validate-config.js");
