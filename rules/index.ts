// Every rule, by id. A test checks this list equals the rule files and each id its file name.
import type { Rule } from "./rule.js";
import conflictingSettings from "./conflicting-settings.js";
import duplicateBootindex from "./duplicate-bootindex.js";
import duplicateName from "./duplicate-name.js";
import extraArgsConflict from "./extra-args-conflict.js";
import invalidSize from "./invalid-size.js";
import undefinedReference from "./undefined-reference.js";

export const RULES: Rule[] = [conflictingSettings, duplicateBootindex, duplicateName, extraArgsConflict, invalidSize, undefinedReference];
