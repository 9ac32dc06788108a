import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "app/generated/**",
      "test-results/**",
      "playwright-report/**",
      "data/**",
      ".cache/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // One calendar (app/utils/vn-calendar.ts): the UTC+7 offset, the zone name and the host's time zone are
    // not spelled anywhere else, so no module can slip back into UTC or into the server's local time.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/utils/vn-calendar.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ...[
          "CallExpression[callee.property.name='getTimezoneOffset']",
          "Literal[value=/\\+07:00|Asia\\/Ho_Chi_Minh/]",
          "TemplateElement[value.raw=/\\+07:00|Asia\\/Ho_Chi_Minh/]",
          "BinaryExpression[operator='*'][left.value=7][right.value=60]",
          "BinaryExpression[operator='*'][left.value=7][right.value=3600]",
          "BinaryExpression[operator='*'][left.value=7][right.value=3600000]",
          "Literal[value=25200000]",
        ].map((selector) => ({
          selector,
          message: "Vietnam dates and times go through app/utils/vn-calendar.ts (the one calendar module).",
        })),
      ],
    },
  },
);
