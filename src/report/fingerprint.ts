import { createHash } from "node:crypto";

/**
 * A fingerprint that survives moved code: rule ID + path + the matched text
 * and the text of the lines around it, with whitespace folded. Line numbers
 * are deliberately left out. `occurrence` separates identical matches in one
 * file (the nth identical one keeps its identity when code moves as a whole).
 */
export function fingerprint(parts: {
  ruleId: string;
  path: string;
  snippet: string;
  context: string;
  occurrence: number;
}): string {
  const normalize = (s: string) => s.replace(/\s+/g, " ").trim();
  return createHash("sha256")
    .update([parts.ruleId, parts.path, normalize(parts.snippet), normalize(parts.context), String(parts.occurrence)].join("\u0000"))
    .digest("hex")
    .slice(0, 32);
}
