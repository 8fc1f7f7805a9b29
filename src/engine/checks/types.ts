/**
 * Built-in checks: logic a pattern cannot express, named from rule files
 * with `check: <name>`. A check returns hits with 1-based spans (from
 * engine/position.ts); the analyzer turns them into findings.
 */
import type { SgNode } from "@ast-grep/napi";
import type { RepoFacts } from "../context/repo-facts.js";
import type { FileLanguage } from "../languages.js";
import type { PathClassifier } from "../paths.js";
import type { Span } from "../position.js";

export interface Hit extends Span {
  snippet?: string;
  title?: string;
  message?: string;
  fix?: string;
}

export interface FileCheckContext {
  path: string;
  language: FileLanguage;
  text: string;
  lines: readonly string[];
  /** The parsed tree, for languages ast-grep reads. */
  root: SgNode | undefined;
  facts: RepoFacts;
  options: Record<string, unknown>;
  paths: PathClassifier;
}

export interface ChangeCheckContext {
  /** Every path the change touches (added, modified, renamed, removed). */
  changedPaths: readonly string[];
  paths: PathClassifier;
  options: Record<string, unknown>;
}

export interface FileCheck {
  kind: "file";
  run(ctx: FileCheckContext): Hit[];
}

/** A check about the change as a whole; its hits go to the summary. */
export interface ChangeCheck {
  kind: "change";
  run(ctx: ChangeCheckContext): Array<Hit & { path: string }>;
}

export type Check = FileCheck | ChangeCheck;
