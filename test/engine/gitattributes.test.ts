import { describe, expect, it } from "vitest";
import { generatedReason, parseGitattributes } from "../../src/engine/gitattributes.js";

describe(".gitattributes", () => {
  const patterns = parseGitattributes(`# generated code
api/schema.py linguist-generated=true
*.pb.go linguist-generated
/gen/ linguist-generated
third_party/** linguist-vendored
docs/** -linguist-generated
keep.py linguist-generated=false
*.md text eol=lf
`);

  it.each([
    ["api/schema.py", "generated"],
    ["svc/x.pb.go", "generated"],
    ["gen/client.ts", "generated"],
    ["third_party/lib/a.py", "vendored"],
  ])("%s is %s", (path, kind) => {
    expect(generatedReason(path, patterns)).toContain(`linguist-${kind}`);
  });

  it.each(["app/schema.py", "docs/a.py", "keep.py", "README.md", "src/gen/x.ts"])("%s is reviewed", (path) => {
    expect(generatedReason(path, patterns)).toBeUndefined();
  });
});
