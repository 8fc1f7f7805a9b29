/**
 * Files a repository marks as generated or vendored in `.gitattributes`
 * (`linguist-generated`, `linguist-vendored`, as GitHub's own diff view
 * reads them): nobody reviews them, so taxon does not either.
 * https://docs.github.com/en/repositories/working-with-files/managing-files/customizing-how-changed-files-appear-on-github
 */
import { matchesGlob } from "./paths.js";

export interface GeneratedPattern {
  glob: string;
  reason: string;
}

export function parseGitattributes(text: string): GeneratedPattern[] {
  const patterns: GeneratedPattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const [pattern, ...attrs] = line.split(/\s+/);
    if (!pattern) continue;
    for (const attr of attrs) {
      const m = /^(-|!)?linguist-(generated|vendored)(?:=(true|false))?$/.exec(attr);
      if (!m) continue;
      const on = !m[1] && m[3] !== "false";
      if (!on) continue;
      // gitattributes: a leading slash anchors at the root; a pattern without a slash matches a name anywhere.
      const glob = pattern.startsWith("/") ? pattern.slice(1) : pattern;
      patterns.push({ glob: glob.endsWith("/") ? `${glob}**` : glob, reason: `${m[2]} (linguist-${m[2]} in .gitattributes)` });
    }
  }
  return patterns;
}

export function generatedReason(path: string, patterns: readonly GeneratedPattern[]): string | undefined {
  return patterns.find((p) => matchesGlob(path, p.glob))?.reason;
}
