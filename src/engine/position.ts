/**
 * The one place where engine positions become finding positions.
 * ast-grep (tree-sitter) counts lines and columns from 0; GitHub, SARIF and
 * the finding record count from 1.
 */
import type { SgNode } from "@ast-grep/napi";

export interface Span {
  startLine: number;
  endLine: number;
  startColumn: number;
  endColumn: number;
}

export function spanOfNode(node: SgNode): Span {
  const { start, end } = node.range();
  // A node that ends at column 0 of a line really ends on the line before.
  const endLine = end.column === 0 && end.line > start.line ? end.line : end.line + 1;
  return {
    startLine: start.line + 1,
    endLine,
    startColumn: start.column + 1,
    endColumn: end.column + 1,
  };
}

/** A whole 1-based line, for line-based matchers. */
export function spanOfLine(lineNumber: number, text: string): Span {
  return { startLine: lineNumber, endLine: lineNumber, startColumn: 1, endColumn: text.length + 1 };
}
