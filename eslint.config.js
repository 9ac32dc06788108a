import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

// Layering (issue 12, CONVENTIONS 17): routes call modules, never the database; components get runtime code
// from ~/domain or props, never from ~/modules; modules and domain never reach up into pages.
// `import type` stays allowed where it is harmless (a component may name a module's type).
const layer = (message, regex, allowTypeImports = true) => ({ regex, message, allowTypeImports });
const NO_DB = layer(
  "Routes call a module function (app/modules/**), never ~/db.server.",
  "(^~|\\.)/db\\.server$",
);
const NO_MODULES_AT_RUNTIME = layer(
  "Components take runtime code from ~/domain (pure, isomorphic) or props; `import type` from modules is fine.",
  "^(~|(\\.\\./)+)/?modules/",
);
const NO_PAGES = layer(
  "Modules and domain code never import components or routes (pass what they need as arguments).",
  "^(~|(\\.\\./)+)/?(components|routes)/",
  false,
);
const NO_MODULES_IN_DOMAIN = layer(
  "app/domain is pure and isomorphic: it may import ~/utils, ~/i18n, ~/domain, zod and enums, not ~/modules.",
  "^(~|(\\.\\./)+)/?modules/",
  false,
);

const layering = (files, ignores, ...patterns) => ({
  files,
  ignores,
  rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
});

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
    // One rule list for app/** (a later block's no-restricted-syntax would replace an earlier one's).
    // One calendar (app/utils/vn-calendar.ts): the UTC+7 offset, the zone name and the host's time zone are
    // not spelled anywhere else, so no module can slip back into UTC or into the server's local time.
    // Actions read forms through readForm (app/utils/read-form.server.ts, the one place allowed to call
    // formData()): a body that is not a form then answers 400/415 with a message instead of a 500.
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
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='formData']",
          message:
            "Read the form with readForm(request) from ~/utils/read-form.server (400/415 instead of 500).",
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/utils/read-form.server.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@remix-run/node",
              importNames: ["unstable_parseMultipartFormData"],
              message: "Use readForm(request, { maxPartSize }) from ~/utils/read-form.server.",
            },
          ],
        },
      ],
    },
  },
  layering(["app/routes/**/*.{ts,tsx}"], [], NO_DB),
  layering(["app/components/**/*.{ts,tsx}"], [], NO_MODULES_AT_RUNTIME),
  layering(["app/modules/**/*.{ts,tsx}"], [], NO_PAGES),
  layering(["app/domain/**/*.{ts,tsx}"], [], NO_PAGES, NO_MODULES_IN_DOMAIN),
  {
    // Only app/env.server.ts reads the environment (one zod schema, checked at boot); elsewhere getEnv().
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/env.server.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read the environment through getEnv() from ~/env.server.",
        },
      ],
    },
  },
);
