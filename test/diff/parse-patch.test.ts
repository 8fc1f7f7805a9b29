import { describe, expect, it } from "vitest";
import { parsePatch, rangeIsCommentable, splitGitDiff } from "../../src/diff/parse-patch.js";

const PATCH = `@@ -1,4 +1,5 @@
 import os
-SECRET = "x"
+SECRET = os.environ["SECRET"]
+DEBUG = False
 
 def f():
@@ -20,3 +21,4 @@ def g():
     a = 1
+    b = 2
     return a
\\ No newline at end of file`;

describe("parsePatch", () => {
  const lines = parsePatch(PATCH);
  it("finds added lines on the new side", () => {
    expect([...lines.added]).toEqual([2, 3, 22]);
  });
  it("finds every line GitHub accepts a comment on", () => {
    expect([...lines.commentable].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 21, 22, 23]);
  });
  it("a range is commentable only if all its lines are", () => {
    expect(rangeIsCommentable(lines, 2, 4)).toBe(true);
    expect(rangeIsCommentable(lines, 5, 21)).toBe(false);
  });
  it("no patch (binary, too large) means nothing is commentable", () => {
    expect(parsePatch(undefined).commentable.size).toBe(0);
  });
  it("a trailing newline adds no line", () => {
    expect([...parsePatch("@@ -0,0 +1,2 @@\n+a\n+b\n").commentable]).toEqual([1, 2]);
  });
});

describe("splitGitDiff", () => {
  it("splits git diff output per new path, renames included", () => {
    const diff = `diff --git a/a.py b/a.py
index 1..2 100644
--- a/a.py
+++ b/a.py
@@ -1 +1 @@
-x
+y
diff --git a/old.py b/new.py
similarity index 90%
rename from old.py
rename to new.py
--- a/old.py
+++ b/new.py
@@ -1 +1,2 @@
 z
+w
diff --git a/gone.py b/gone.py
deleted file mode 100644
--- a/gone.py
+++ /dev/null
@@ -1 +0,0 @@
-q
`;
    const patches = splitGitDiff(diff);
    expect([...patches.keys()]).toEqual(["a.py", "new.py"]);
    expect([...parsePatch(patches.get("new.py")).added]).toEqual([2]);
  });
});
