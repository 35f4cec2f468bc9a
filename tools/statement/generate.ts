// Regenerates rules/data/<profile>/lists.ts from each profile's statement.txt (npm run statement).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PROFILE_FOLDERS, renderLists } from "./render.js";

for (const folder of PROFILE_FOLDERS) {
  const dir = fileURLToPath(new URL(`../../rules/data/${folder}/`, import.meta.url));
  writeFileSync(dir + "lists.ts", renderLists(folder, readFileSync(dir + "statement.txt", "utf8")));
  console.log(`wrote rules/data/${folder}/lists.ts`);
}
