// typescript-eslint with its type-checked recommended rules over the hand-written TypeScript
// (npm run lint runs it after tsc). Generated files and fixtures are not ours to lint.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** The rules about values typed `any`. */
const UNSAFE_ANY = {
  "@typescript-eslint/no-explicit-any": "off",
  "@typescript-eslint/no-unsafe-member-access": "off",
  "@typescript-eslint/no-unsafe-assignment": "off",
  "@typescript-eslint/no-unsafe-argument": "off",
  "@typescript-eslint/no-unsafe-call": "off",
  "@typescript-eslint/no-unsafe-return": "off",
};

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "spec/generated/**",
      "test/fixtures/**",
      "test/.cache/**",
      "**/*.cjs",
      "**/*.mjs",
      "**/*.js",
      "web/dist/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `_`-prefixed parameters are unused on purpose (a callback's shape).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Tests read the CLI's JSON output and QMP answers, which are untyped by nature: the `any` rules
    // would only ask for casts that check nothing. Every other type-checked rule applies.
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: UNSAFE_ANY,
  },
);
