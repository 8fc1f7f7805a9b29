/**
 * A minimal ustar writer for tests: builds gzip'd tarballs shaped like
 * GitHub's (a pax global header with the commit, one top folder), and
 * hostile ones (absolute paths, `..`, links pointing out) that no ordinary
 * archiver would write.
 */
import { gzipSync } from "node:zlib";

export interface TarEntry {
  path: string;
  type?: "file" | "dir" | "symlink" | "hardlink" | "fifo";
  content?: string | Buffer;
  linkpath?: string;
  mode?: number;
}

const TYPEFLAGS = { file: "0", hardlink: "1", symlink: "2", fifo: "6", dir: "5" } as const;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

function header(name: string, size: number, typeflag: string, linkpath = "", mode = 0o644): Buffer {
  const h = Buffer.alloc(512, 0);
  let prefix = "";
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf("/", 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100) throw new Error(`path too long for ustar: ${name}`);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  h.write(base, 0, 100, "utf8");
  h.write(octal(mode, 8), 100, 8, "ascii");
  h.write(octal(0, 8), 108, 8, "ascii");
  h.write(octal(0, 8), 116, 8, "ascii");
  h.write(octal(size, 12), 124, 12, "ascii");
  h.write(octal(1_700_000_000, 12), 136, 12, "ascii");
  h.write("        ", 148, 8, "ascii");
  h.write(typeflag, 156, 1, "ascii");
  h.write(linkpath, 157, 100, "utf8");
  h.write("ustar\0", 257, 6, "ascii");
  h.write("00", 263, 2, "ascii");
  h.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148, 8, "ascii");
  return h;
}

function padded(data: Buffer): Buffer {
  const rest = data.length % 512;
  return rest ? Buffer.concat([data, Buffer.alloc(512 - rest, 0)]) : data;
}

/** A pax record "<len> key=value\n", where len counts the whole record. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = body.length + 1;
  while (String(len).length + body.length !== len) len = String(len).length + body.length;
  return `${len}${body}`;
}

/** An uncompressed tar of the entries (with GitHub's pax global header when `commit` is given). */
export function tar(entries: readonly TarEntry[], commit?: string): Buffer {
  const blocks: Buffer[] = [];
  if (commit) {
    const pax = Buffer.from(paxRecord("comment", commit));
    blocks.push(header("pax_global_header", pax.length, "g"), padded(pax));
  }
  for (const e of entries) {
    const type = e.type ?? "file";
    const data = type === "file" ? Buffer.from(e.content ?? "") : Buffer.alloc(0);
    blocks.push(header(e.path, data.length, TYPEFLAGS[type], e.linkpath ?? "", e.mode ?? (type === "dir" ? 0o755 : 0o644)));
    if (data.length) blocks.push(padded(data));
  }
  blocks.push(Buffer.alloc(1024, 0));
  return Buffer.concat(blocks);
}

export function tarGz(entries: readonly TarEntry[], commit?: string): Buffer {
  return gzipSync(tar(entries, commit));
}

/** The tarball GitHub serves for a tree: `owner-repo-sha7/` holding every file. */
export function githubTarball(files: Record<string, string>, owner: string, repo: string, sha: string): Buffer {
  const top = `${owner}-${repo}-${sha.slice(0, 7)}`;
  const dirs = new Set<string>();
  for (const path of Object.keys(files)) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join("/"));
  }
  const entries: TarEntry[] = [
    { path: `${top}/`, type: "dir" },
    ...[...dirs].sort().map((d) => ({ path: `${top}/${d}/`, type: "dir" as const })),
    ...Object.entries(files).map(([path, content]) => ({ path: `${top}/${path}`, content })),
  ];
  return tarGz(entries, sha);
}
