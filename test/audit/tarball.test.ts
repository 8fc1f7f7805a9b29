/**
 * Extracting GitHub's repository tarball: files land under the target
 * folder with the top folder stripped; absolute paths, `..`, and links that
 * point out are refused and reported, and nothing is written outside the
 * folder; size and entry caps stop the extraction.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_TAR_LIMITS, TarballError, checkEntry, extractTarball } from "../../src/audit/tarball.js";
import { githubTarball, tar, tarGz, type TarEntry } from "./tar-writer.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const TOP = "acme-shop-0123456";

function stream(buffer: Buffer, chunk = 700): AsyncIterable<Uint8Array> {
  // Small chunks: entries straddle writes, as they do over the network.
  const parts: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += chunk) parts.push(buffer.subarray(i, i + chunk));
  return Readable.from(parts);
}

function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      out.push(e.isDirectory() ? `${rel}/` : e.isSymbolicLink() ? `${rel}@` : rel);
      if (e.isDirectory()) walk(join(d, e.name), rel);
    }
  };
  walk(dir, "");
  return out.sort();
}

describe("extractTarball", () => {
  let tmp: string;
  let dest: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), "taxon-tar-test-"));
    // Two levels deep, so "../../x" from the archive's top folder lands in `tmp`, where we look.
    dest = join(tmp, "outer", "dest");
    mkdirSync(dest, { recursive: true });
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it("extracts a GitHub-shaped tarball with the top folder stripped", async () => {
    const archive = githubTarball({ "app.py": "print('hi')\n", "src/lib/util.ts": "export const x = 1;\n", "README.md": "# shop\n" }, "acme", "shop", SHA);
    const result = await extractTarball(stream(archive), dest);
    expect(result).toMatchObject({ files: 3, rejected: [], skipped: [] });
    expect(result.bytes).toBe("print('hi')\n".length + "export const x = 1;\n".length + "# shop\n".length);
    expect(listTree(dest)).toEqual(["README.md", "app.py", "src/", "src/lib/", "src/lib/util.ts"]);
    expect(readFileSync(join(dest, "src/lib/util.ts"), "utf8")).toBe("export const x = 1;\n");
  });

  it("refuses absolute paths, `..` and links that escape, and writes nothing outside the folder", async () => {
    const outsideTarget = join(tmp, "planted");
    const entries: TarEntry[] = [
      { path: `${TOP}/`, type: "dir" },
      { path: `${TOP}/app.py`, content: "ok = True\n" },
      { path: "/tmp/taxon-absolute-escape.txt", content: "absolute" },
      { path: `${TOP}/../../escaped-dotdot.txt`, content: "dotdot" },
      { path: `${TOP}/a/../../../escaped-nested.txt`, content: "nested" },
      { path: `${TOP}/etc-link`, type: "symlink", linkpath: "/etc/passwd" },
      { path: `${TOP}/up-link`, type: "symlink", linkpath: "../../../planted" },
      // The classic attack: a link to a folder outside, then a file written "through" it.
      { path: `${TOP}/through`, type: "symlink", linkpath: outsideTarget },
      { path: `${TOP}/through/owned.txt`, content: "through the link" },
      { path: `${TOP}/hard-abs`, type: "hardlink", linkpath: "/etc/passwd" },
      { path: `${TOP}/hard-up`, type: "hardlink", linkpath: `${TOP}/../../../planted` },
      // Links that stay inside are harmless, and still not created: the audit follows no links.
      { path: `${TOP}/inside-link`, type: "symlink", linkpath: "app.py" },
      { path: `${TOP}/inside-hard`, type: "hardlink", linkpath: `${TOP}/app.py` },
      { path: `${TOP}/pipe`, type: "fifo" },
    ];
    const result = await extractTarball(stream(tarGz(entries, SHA)), dest);

    expect(result.rejected.map((r) => r.path).sort()).toEqual(
      [
        "/tmp/taxon-absolute-escape.txt",
        `${TOP}/../../escaped-dotdot.txt`,
        `${TOP}/a/../../../escaped-nested.txt`,
        `${TOP}/etc-link`,
        `${TOP}/up-link`,
        `${TOP}/through`,
        `${TOP}/hard-abs`,
        `${TOP}/hard-up`,
      ].sort(),
    );
    const reasons = Object.fromEntries(result.rejected.map((r) => [r.path, r.reason]));
    expect(reasons["/tmp/taxon-absolute-escape.txt"]).toBe("absolute path");
    expect(reasons[`${TOP}/../../escaped-dotdot.txt`]).toBe("`..` in the path");
    expect(reasons[`${TOP}/etc-link`]).toMatch(/symbolic link to an absolute path/);
    expect(reasons[`${TOP}/up-link`]).toMatch(/symbolic link escapes the directory/);
    expect(reasons[`${TOP}/hard-abs`]).toMatch(/hard link escapes the directory/);
    expect(result.skipped.map((s) => s.path).sort()).toEqual([`${TOP}/inside-hard`, `${TOP}/inside-link`, `${TOP}/pipe`]);

    // Nothing outside `dest`: `tmp` holds only outer/dest, and no absolute write happened.
    expect(readdirSync(tmp)).toEqual(["outer"]);
    expect(readdirSync(join(tmp, "outer"))).toEqual(["dest"]);
    expect(existsSync("/tmp/taxon-absolute-escape.txt")).toBe(false);
    expect(existsSync(outsideTarget)).toBe(false);
    // Inside: the plain file, and `through/owned.txt` as a real folder and file, not via a link.
    expect(listTree(dest)).toEqual(["app.py", "through/", "through/owned.txt"]);
    expect(lstatSync(join(dest, "through")).isDirectory()).toBe(true);
    expect(result.files).toBe(2);
  });

  it.each([
    ["/etc/passwd", "File", undefined, "absolute path"],
    ["C:\\Windows\\evil.txt", "File", undefined, "absolute path"],
    ["\\\\server\\share\\evil.txt", "File", undefined, "absolute path"],
    ["top\\..\\..\\evil.txt", "File", undefined, "`..` in the path"],
    ["top/link", "SymbolicLink", "..\\..\\evil", "symbolic link escapes the directory (..\\..\\evil)"],
    ["top/deep/link", "SymbolicLink", "../../../x", "symbolic link escapes the directory (../../../x)"],
    ["top/hard", "Link", "../x", "hard link escapes the directory (`..` in the path: ../x)"],
  ])("checkEntry refuses %s (%s)", (path, type, linkpath, reason) => {
    expect(checkEntry("/work/dest", path, type, linkpath)).toEqual({ write: false, reason, rejected: true });
  });

  it("checkEntry strips the top folder and accepts files, folders and links that stay inside", () => {
    expect(checkEntry("/d", "top/src/a.py", "File", undefined)).toEqual({ write: true, path: "src/a.py" });
    expect(checkEntry("/d", "top/src/", "Directory", undefined)).toEqual({ write: true, path: "src" });
    expect(checkEntry("/d", "top/", "Directory", undefined)).toEqual({ write: false, ignore: true });
    expect(checkEntry("/d", "top/deep/link", "SymbolicLink", "../a.py")).toMatchObject({ write: false, rejected: false });
  });

  it("stops at the archive size cap", async () => {
    const archive = githubTarball({ "big.txt": "x".repeat(50_000) + Math.random() }, "acme", "shop", SHA);
    await expect(extractTarball(stream(archive), dest, { ...DEFAULT_TAR_LIMITS, maxArchiveBytes: 100 })).rejects.toThrow(/archive is larger than/);
  });

  it("stops at the extracted size cap and the entry cap", async () => {
    const archive = githubTarball({ "a.txt": "a".repeat(4000), "b.txt": "b".repeat(4000) }, "acme", "shop", SHA);
    await expect(extractTarball(stream(archive), dest, { ...DEFAULT_TAR_LIMITS, maxExtractedBytes: 5000 })).rejects.toThrow(TarballError);
    const many = githubTarball(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.txt`, "x"])), "acme", "shop", SHA);
    await expect(extractTarball(stream(many), join(tmp, "outer"), { ...DEFAULT_TAR_LIMITS, maxEntries: 10 })).rejects.toThrow(/more than 10 entries/);
  });

  it("reads an uncompressed tar too, and fails on something that is not an archive", async () => {
    const plain = tar([{ path: `${TOP}/x.txt`, content: "x" }]);
    expect((await extractTarball(stream(plain), dest)).files).toBe(1);
    await expect(extractTarball(stream(Buffer.from("<html>not a tarball</html>".repeat(40))), dest)).rejects.toThrow(TarballError);
  });
});
