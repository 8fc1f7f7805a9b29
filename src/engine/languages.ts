/**
 * Which parser reads which file, and the registration of the dynamic
 * tree-sitter grammars that ast-grep does not build in.
 */
import { createRequire } from "node:module";
import { Lang, registerDynamicLanguage } from "@ast-grep/napi";
import type { MatcherLanguage } from "./rule-schema.js";

const require = createRequire(import.meta.url);

/** The concrete languages files are parsed as. */
export type FileLanguage = "python" | "typescript" | "tsx" | "javascript" | "html" | "yaml" | "dockerfile" | "text";

let registered = false;
/** Registers Python and YAML with ast-grep once per process (and per worker thread). */
export function registerLanguages(): void {
  if (registered) return;
  registerDynamicLanguage({
    python: require("@ast-grep/lang-python"),
    yaml: require("@ast-grep/lang-yaml"),
  });
  registered = true;
}

/** The ast-grep language name for a file language, or undefined for line-based ones. */
export function astGrepLang(language: FileLanguage): string | undefined {
  switch (language) {
    case "python":
      return "python";
    case "yaml":
      return "yaml";
    case "typescript":
      return Lang.TypeScript;
    case "tsx":
      return Lang.Tsx;
    case "javascript":
      return Lang.JavaScript;
    case "html":
      return Lang.Html;
    default:
      return undefined;
  }
}

export function detectLanguage(path: string): FileLanguage {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const lower = base.toLowerCase();
  if (lower === "dockerfile" || lower.startsWith("dockerfile.") || lower.endsWith(".dockerfile") || lower === "containerfile")
    return "dockerfile";
  const ext = lower.includes(".") ? lower.slice(lower.lastIndexOf(".") + 1) : "";
  switch (ext) {
    case "py":
    case "pyi":
      return "python";
    case "ts":
    case "mts":
    case "cts":
      return "typescript";
    case "tsx":
      return "tsx";
    case "js":
    case "jsx":
    case "mjs":
    case "cjs":
      return "javascript";
    case "html":
    case "htm":
      return "html";
    case "yml":
    case "yaml":
      return "yaml";
    default:
      return "text";
  }
}

/** Does a matcher written for `target` read a file of `language`? */
export function matcherApplies(target: MatcherLanguage, language: FileLanguage): boolean {
  if (target === "text") return true;
  if (target === "javascript") return language === "javascript" || language === "typescript" || language === "tsx";
  if (target === "tsx") return language === "tsx" || language === "javascript";
  return target === language;
}
