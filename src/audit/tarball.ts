/**
 * The repository at one commit, downloaded once as GitHub's gzip'd tarball
 * and extracted into a temporary directory, streamed (never held in memory
 * whole) and capped in archive size, extracted size and entry count.
 *
 * Every entry is checked before anything is written: absolute paths, `..`
 * segments and links whose target leaves the directory are rejected and
 * reported; links that stay inside are not created either (the audit does
 * not follow links), nor are devices and FIFOs. Only regular files and
 * directories are written, under the directory given.
 * https://docs.github.com/en/rest/repos/contents#download-a-repository-archive-tar
 */
import { mkdir } from "node:fs/promises";
import { isAbsolute, posix, relative, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import { Unpack, type ReadEntry } from "tar";
import type { GitHubClient, RepoRef } from "../github/client.js";

export interface TarLimits {
  /** Bytes of the compressed archive. */
  maxArchiveBytes: number;
  /** Bytes of all files written. */
  maxExtractedBytes: number;
  /** Entries (files, directories, links) in the archive. */
  maxEntries: number;
  /** Milliseconds the download may take. */
  timeoutMs: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_TAR_LIMITS: TarLimits = {
  maxArchiveBytes: Number(process.env.TAXON_AUDIT_MAX_ARCHIVE_MB || 256) * MiB,
  maxExtractedBytes: Number(process.env.TAXON_AUDIT_MAX_EXTRACTED_MB || 1024) * MiB,
  maxEntries: 200_000,
  timeoutMs: 5 * 60 * 1000,
};

export class TarballError extends Error {
  override name = "TarballError";
}

export interface TarProblem {
  path: string;
  reason: string;
}

export interface Extraction {
  files: number;
  bytes: number;
  /** Entries refused because they would escape the directory. */
  rejected: TarProblem[];
  /** Entries left out on purpose (links, devices). */
  skipped: TarProblem[];
}

export type EntryVerdict = { write: true; path: string } | { write: false; reason: string; rejected: boolean } | { write: false; ignore: true };

const WINDOWS_ROOT = /^([a-zA-Z]:|[\\/]{2})/;

/** Whether a path names something outside the tree: absolute, drive-rooted or with a `..` segment. */
function escapes(path: string): string | undefined {
  const p = path.replace(/\\/g, "/");
  if (p.startsWith("/") || WINDOWS_ROOT.test(path) || isAbsolute(path)) return "absolute path";
  if (p.split("/").includes("..")) return "`..` in the path";
  return undefined;
}

/**
 * The verdict on one archive entry: the path to write (relative to `dest`,
 * after stripping `strip` leading folders), or why not. Link targets are
 * resolved as the archive means them: a symlink's from its own folder, a
 * hard link's from the archive's root.
 */
export function checkEntry(dest: string, rawPath: string, type: string, linkpath: string | undefined, strip = 1): EntryVerdict {
  const bad = escapes(rawPath);
  if (bad) return { write: false, reason: bad, rejected: true };
  const parts = rawPath.replace(/\\/g, "/").split("/").filter((x) => x !== "" && x !== ".");
  const stripped = parts.slice(strip).join("/");
  if (!stripped) return { write: false, ignore: true };
  const root = resolve(dest);
  const target = resolve(root, stripped);
  if (target !== root && !target.startsWith(root + sep)) return { write: false, reason: "path escapes the directory", rejected: true };

  switch (type) {
    case "File":
    case "OldFile":
    case "ContiguousFile":
    case "Directory":
    case "GNUDumpDir":
      return { write: true, path: stripped };
    case "SymbolicLink": {
      const link = linkpath ?? "";
      if (escapes(link) === "absolute path") return { write: false, reason: `symbolic link to an absolute path (${link})`, rejected: true };
      const resolved = resolve(root, posix.dirname(stripped), link.replace(/\\/g, "/"));
      const rel = relative(root, resolved);
      if (rel.startsWith("..") || isAbsolute(rel)) return { write: false, reason: `symbolic link escapes the directory (${link})`, rejected: true };
      return { write: false, reason: "symbolic link (links are not followed)", rejected: false };
    }
    case "Link": {
      const link = linkpath ?? "";
      const why = escapes(link);
      if (why) return { write: false, reason: `hard link escapes the directory (${why}: ${link})`, rejected: true };
      return { write: false, reason: "hard link (links are not followed)", rejected: false };
    }
    default:
      return { write: false, reason: `${type} entry (only files and folders are extracted)`, rejected: false };
  }
}

/** Extracts a (gzip'd) tar stream into `dest`, which must exist. */
export async function extractTarball(source: AsyncIterable<Uint8Array>, dest: string, limits: TarLimits = DEFAULT_TAR_LIMITS): Promise<Extraction> {
  const result: Extraction = { files: 0, bytes: 0, rejected: [], skipped: [] };
  let entries = 0;
  let abort: TarballError | undefined;
  const filter = (path: string, entry: ReadEntry | unknown): boolean => {
    if (abort) return false;
    const e = entry as ReadEntry;
    entries += 1;
    if (entries > limits.maxEntries) {
      abort = new TarballError(`the archive has more than ${limits.maxEntries.toLocaleString("en-US")} entries`);
      return false;
    }
    const verdict = checkEntry(dest, path, e.type, e.linkpath);
    if (!verdict.write) {
      if ("reason" in verdict) (verdict.rejected ? result.rejected : result.skipped).push({ path, reason: verdict.reason });
      return false;
    }
    if (e.type !== "Directory" && e.type !== "GNUDumpDir") {
      result.files += 1;
      result.bytes += e.size ?? 0;
      if (result.bytes > limits.maxExtractedBytes) {
        abort = new TarballError(`the repository is larger than ${Math.round(limits.maxExtractedBytes / MiB)} MiB uncompressed`);
        return false;
      }
    }
    return true;
  };
  const unpack = new Unpack({
    cwd: dest,
    strip: 1,
    filter,
    // Belt and braces: node-tar's own checks stay on (no absolute paths, no `..`, no writing through links).
    preservePaths: false,
    preserveOwner: false,
    unlink: false,
    noMtime: true,
    maxDepth: 256,
    onwarn: (code: string, message: string) => {
      if (code === "TAR_BAD_ARCHIVE") abort ??= new TarballError(`not a tar archive: ${message}`);
    },
  });
  const finished = new Promise<void>((resolvePromise, reject) => {
    unpack.on("close", () => resolvePromise());
    unpack.on("error", (error: Error) => reject(error));
  });
  // A rejection before we await it must not become an unhandled one.
  finished.catch(() => undefined);

  let received = 0;
  try {
    for await (const chunk of source) {
      received += chunk.length;
      if (received > limits.maxArchiveBytes) throw new TarballError(`the archive is larger than ${Math.round(limits.maxArchiveBytes / MiB)} MiB`);
      if (abort) throw abort;
      if (!unpack.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))) await new Promise((r) => unpack.once("drain", r));
    }
    unpack.end();
    await finished;
  } catch (error) {
    unpack.abort(error as Error);
    throw error instanceof TarballError ? error : new TarballError(`could not extract the archive: ${(error as Error).message}`);
  }
  if (abort) throw abort;
  if (entries === 0) throw new TarballError("the archive is empty or not a tar archive");
  return result;
}

/**
 * Downloads the tarball of `ref` (follows GitHub's redirect to codeload) and
 * extracts it into `dest`, streaming.
 */
export async function downloadTarball(
  octokit: GitHubClient,
  repo: RepoRef,
  ref: string,
  dest: string,
  limits: TarLimits = DEFAULT_TAR_LIMITS,
): Promise<Extraction> {
  await mkdir(dest, { recursive: true });
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const response = await octokit.request("GET /repos/{owner}/{repo}/tarball/{ref}", {
    ...repo,
    ref,
    request: { parseSuccessResponseBody: false, signal },
  });
  const declared = Number(response.headers["content-length"] ?? NaN);
  if (declared > limits.maxArchiveBytes) throw new TarballError(`the archive is larger than ${Math.round(limits.maxArchiveBytes / MiB)} MiB`);
  const body = response.data as unknown;
  if (!body || typeof (body as ReadableStream).getReader !== "function") throw new TarballError("GitHub sent no archive body");
  return extractTarball(Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>), dest, limits);
}
