/** Built-in checks of the frontend-containers rule families. */
import { spanOfLine } from "../position.js";
import type { Check, FileCheckContext, Hit } from "./types.js";

/** One Dockerfile instruction, its continuation lines joined. */
export interface DockerInstruction {
  /** Upper-cased keyword: FROM, USER, RUN … */
  keyword: string;
  /** Everything after the keyword, continuation lines joined with spaces. */
  args: string;
  /** 1-based number of the instruction's first line. */
  line: number;
}

/** One build stage: a FROM and the instructions up to the next FROM. */
export interface DockerStage {
  from: DockerInstruction;
  /** The image reference as written (flags such as `--platform` removed). */
  image: string;
  /** The `AS name` alias, lower-cased, if any. */
  alias?: string;
  instructions: DockerInstruction[];
}

const HEREDOC = /<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?/g;

/**
 * Splits a Dockerfile into instructions: comments and blank lines are skipped,
 * lines ending in the escape character are joined, heredoc bodies are kept
 * out of the instruction stream.
 */
export function dockerInstructions(lines: readonly string[]): DockerInstruction[] {
  let escape = "\\";
  const directive = /^\s*#\s*escape\s*=\s*([`\\])\s*$/i;
  for (const line of lines) {
    const m = directive.exec(line);
    if (m) {
      escape = m[1]!;
      break;
    }
    if (!/^\s*#/.test(line)) break;
  }
  const out: DockerInstruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i]!;
    if (/^\s*(#|$)/.test(first)) {
      i += 1;
      continue;
    }
    const start = i;
    let text = first.trimEnd();
    while (text.endsWith(escape) && i + 1 < lines.length) {
      text = text.slice(0, -1);
      i += 1;
      const next = lines[i]!;
      if (/^\s*#/.test(next)) {
        text += escape; // comment lines inside a continuation are dropped
        continue;
      }
      text += " " + next.trim();
      text = text.trimEnd();
    }
    i += 1;
    // Heredocs: skip their bodies up to each terminator.
    for (const m of text.matchAll(HEREDOC)) {
      const end = m[1]!;
      while (i < lines.length && lines[i]!.trim() !== end) i += 1;
      i += 1;
    }
    const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(text);
    if (m) out.push({ keyword: m[1]!.toUpperCase(), args: m[2]!.trim(), line: start + 1 });
  }
  return out;
}

/** Global ARG defaults (declared before the first FROM): the only ones FROM can use. */
function globalArgs(instructions: readonly DockerInstruction[]): Map<string, string | undefined> {
  const args = new Map<string, string | undefined>();
  for (const ins of instructions) {
    if (ins.keyword === "FROM") break;
    if (ins.keyword !== "ARG") continue;
    for (const decl of ins.args.split(/\s+/)) {
      const eq = decl.indexOf("=");
      const name = eq < 0 ? decl : decl.slice(0, eq);
      const value = eq < 0 ? undefined : decl.slice(eq + 1).replace(/^(["'])(.*)\1$/, "$2");
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) args.set(name, value);
    }
  }
  return args;
}

export function dockerStages(instructions: readonly DockerInstruction[]): DockerStage[] {
  const stages: DockerStage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === "FROM") {
      const words = ins.args.split(/\s+/).filter((w) => !w.startsWith("--"));
      const image = words[0] ?? "";
      const asIndex = words.findIndex((w) => w.toLowerCase() === "as");
      const alias = asIndex > 0 ? words[asIndex + 1]?.toLowerCase() : undefined;
      stages.push({ from: ins, image, ...(alias ? { alias } : {}), instructions: [] });
    } else {
      stages[stages.length - 1]?.instructions.push(ins);
    }
  }
  return stages;
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Substitutes global ARG defaults into an image reference. Unknown variables
 * are left as `${NAME}` so callers can tell where they sit.
 */
function substitute(image: string, args: Map<string, string | undefined>): string {
  return image.replace(VARIABLE, (all, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare!;
    const value = args.get(name);
    if (value !== undefined && value !== "") return value;
    if (fallback !== undefined && all.includes(":-")) return fallback;
    return "${" + name + "}";
  });
}

function hitOnLine(ctx: FileCheckContext, lineNumber: number, title?: string): Hit {
  const text = ctx.lines[lineNumber - 1] ?? "";
  const hit: Hit = { ...spanOfLine(lineNumber, text), snippet: text.trim() };
  if (title) hit.title = title;
  return hit;
}

/** `root`, `0`, `root:root`, `0:0`, `root:somegroup` … */
const ROOT_USER = /^(root|0|ContainerAdministrator)(:\S*)?$/i;
/** Base images whose default user is not root. */
const NON_ROOT_IMAGE = /(nonroot|non-root|unprivileged|rootless)|^(docker\.io\/)?bitnami\//i;
/** An entrypoint that drops privileges itself. */
const PRIVILEGE_DROP = /\b(gosu|su-exec|setpriv|runuser|chpst -u|s6-setuidgid)\b/;

/**
 * The last USER in effect at the end of a stage, following `FROM <earlier stage>`
 * back to the stage it builds on, and the external image the chain starts from.
 */
function stageUser(stage: DockerStage, stages: readonly DockerStage[]): { user?: string; line?: number; baseImage: string } {
  const seen = new Set<DockerStage>();
  let current: DockerStage | undefined = stage;
  let baseImage = stage.image;
  while (current && !seen.has(current)) {
    seen.add(current);
    baseImage = current.image;
    const users = current.instructions.filter((i) => i.keyword === "USER");
    const last = users[users.length - 1];
    if (last) return { user: last.args.split(/\s+/)[0] ?? "", line: last.line, baseImage };
    const index = stages.indexOf(current);
    const image = current.image.toLowerCase();
    current = stages.slice(0, index).findLast((s) => s.alias === image);
  }
  return { baseImage };
}

const containerRunsAsRoot: Check = {
  kind: "file",
  run(ctx) {
    if (ctx.language !== "dockerfile") return [];
    const stages = dockerStages(dockerInstructions(ctx.lines));
    const final = stages[stages.length - 1];
    if (!final) return [];
    if (final.instructions.some((i) => PRIVILEGE_DROP.test(i.args))) return [];
    const { user, line, baseImage } = stageUser(final, stages);
    if (user === undefined) {
      if (NON_ROOT_IMAGE.test(baseImage)) return [];
      return [hitOnLine(ctx, final.from.line, "The final stage never switches to a non-root user")];
    }
    if (ROOT_USER.test(user)) return [hitOnLine(ctx, line!, "The container ends up running as root (`USER " + user + "`)")];
    return [];
  },
};

const unpinnedBaseImage: Check = {
  kind: "file",
  run(ctx) {
    if (ctx.language !== "dockerfile") return [];
    const instructions = dockerInstructions(ctx.lines);
    const args = globalArgs(instructions);
    const stages = dockerStages(instructions);
    const hits: Hit[] = [];
    const aliases = new Set<string>();
    for (const stage of stages) {
      const image = substitute(stage.image, args);
      const lower = image.toLowerCase();
      const known = aliases.has(lower) || aliases.has(stage.image.toLowerCase());
      if (stage.alias) aliases.add(stage.alias);
      if (!image || known || lower === "scratch") continue;
      if (image.includes("@")) continue; // pinned by digest
      const name = image.slice(image.lastIndexOf("/") + 1);
      const colon = name.indexOf(":");
      if (colon < 0) {
        if (name.includes("${")) continue; // the whole image comes from an ARG without a default
        hits.push(hitOnLine(ctx, stage.from.line, `Base image \`${image}\` has no tag`));
      } else if (name.slice(colon + 1).toLowerCase() === "latest") {
        hits.push(hitOnLine(ctx, stage.from.line, `Base image \`${image}\` follows \`latest\``));
      }
    }
    return hits;
  },
};

export const frontendContainersChecks: Record<string, Check> = {
  "container-runs-as-root": containerRunsAsRoot,
  "unpinned-base-image": unpinnedBaseImage,
};
