/** package.json and tsconfig/jsconfig reading, and the import-specifier rules of undeclared-dependency. */
import { describe, expect, it } from "vitest";
import { packageOfSpecifier } from "../../../src/engine/checks/dependencies.js";
import {
  gatherNodeManifests,
  isNodeManifestPath,
  matchesAlias,
  parseJsonc,
  parsePackageJson,
  parseProjectConfig,
} from "../../../src/engine/context/node-manifests.js";

describe("parsePackageJson", () => {
  it("puts runtime, peer, optional and bundled dependencies together and dev dependencies apart", () => {
    const manifest = parsePackageJson(
      JSON.stringify({
        name: "@acme/api",
        dependencies: { express: "^4" },
        peerDependencies: { react: "*" },
        optionalDependencies: { fsevents: "^2" },
        bundleDependencies: ["left-pad"],
        devDependencies: { vitest: "^2", "@types/express": "^4" },
      }),
      "apps/api",
    )!;
    expect(manifest.path).toBe("apps/api");
    expect(manifest.name).toBe("@acme/api");
    expect([...manifest.dependencies].sort()).toEqual(["express", "fsevents", "left-pad", "react"]);
    expect([...manifest.devDependencies].sort()).toEqual(["@types/express", "vitest"]);
    expect(manifest.bundled).toBe(false);
  });

  it("notices a bundler", () => {
    expect(parsePackageJson(JSON.stringify({ devDependencies: { vite: "^5" } }), "")!.bundled).toBe(true);
    expect(parsePackageJson(JSON.stringify({ dependencies: { next: "14" } }), "")!.bundled).toBe(true);
  });

  it("is undefined for text that is not a JSON object", () => {
    expect(parsePackageJson("{ not json", "")).toBeUndefined();
    expect(parsePackageJson("[1, 2]", "")).toBeUndefined();
  });
});

describe("parseJsonc and parseProjectConfig", () => {
  const tsconfig = `{
    // comments are allowed
    "compilerOptions": {
      "baseUrl": "./src", /* block comment */
      "paths": {
        "@/*": ["./*"],
        "~lib/*": ["./lib/*"],
        "config": ["./config/index.ts"],
      },
    },
    "include": ["src/**/*"], // a string with // and /* inside survives
  }`;

  it("strips comments outside strings and trailing commas", () => {
    expect(parseJsonc(tsconfig)).toMatchObject({ include: ["src/**/*"] });
    expect(parseJsonc(`{"url": "http://x//y", /* c */ "a": [1,],}`)).toEqual({ url: "http://x//y", a: [1] });
  });

  it("returns the paths keys and baseUrl as a repository folder", () => {
    expect(parseProjectConfig(tsconfig, "apps/web")).toEqual({ paths: ["@/*", "~lib/*", "config"], baseDir: "apps/web/src" });
    expect(parseProjectConfig("{}", "")).toEqual({ paths: [] });
  });
});

describe("matchesAlias", () => {
  it.each([
    ["@/components/Button", ["@/*"], true],
    ["@components/Button", ["@/*"], false],
    ["config", ["config"], true],
    ["config/db", ["config"], true],
    ["configstore", ["config"], false],
    ["~lib/util", ["~lib/*"], true],
  ])("%s against %j: %s", (specifier, aliases, expected) => expect(matchesAlias(specifier, aliases)).toBe(expected));
});

describe("packageOfSpecifier", () => {
  it.each([
    ["lodash", "lodash"],
    ["lodash/fp", "lodash"],
    ["@scope/pkg", "@scope/pkg"],
    ["@scope/pkg/sub/path.js", "@scope/pkg"],
    ["react-dom/client", "react-dom"],
    ["node:fs", undefined],
    ["fs", undefined],
    ["fs/promises", undefined],
    ["child_process", undefined],
    ["./local", undefined],
    ["../up", undefined],
    ["/abs/path", undefined],
    ["@/components/x", undefined],
    ["~/utils", undefined],
    ["#internal/db", undefined],
    ["https://esm.sh/preact", undefined],
    ["virtual:pwa-register", undefined],
    ["style-loader!css-loader!./x.css", undefined],
    ["pkg/file.css?inline", "pkg"],
    ["{{ template }}", undefined],
  ])("%s → %s", (specifier, expected) => expect(packageOfSpecifier(specifier)).toBe(expected));
});

describe("isNodeManifestPath", () => {
  it.each([
    ["package.json", true],
    ["packages/shared/package.json", true],
    ["node_modules/express/package.json", false],
    ["package-lock.json", false],
  ])("%s: %s", (path, expected) => expect(isNodeManifestPath(path)).toBe(expected));
});

describe("gatherNodeManifests", () => {
  it("reads every package.json and attaches tsconfig aliases to the package that owns them", async () => {
    const files: Record<string, string> = {
      "package.json": JSON.stringify({ name: "root", private: true, workspaces: ["apps/*"], devDependencies: { eslint: "9" } }),
      "apps/web/package.json": JSON.stringify({ name: "web", dependencies: { next: "14" } }),
      "apps/web/tsconfig.json": `{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"] } } }`,
      "apps/web/src/app/page.tsx": "",
      "apps/web/components/Nav.tsx": "",
      "node_modules/next/package.json": "{}",
    };
    const manifests = await gatherNodeManifests(Object.keys(files), async (p) => files[p]);
    expect(manifests.map((m) => m.path)).toEqual(["", "apps/web"]);
    const web = manifests[1]!;
    expect(web.name).toBe("web");
    expect(web.aliases).toContain("@/*");
    expect(web.aliases).toContain("components");
    expect(web.aliases).toContain("src");
    expect(manifests[0]!.aliases).toEqual([]);
  });
});
