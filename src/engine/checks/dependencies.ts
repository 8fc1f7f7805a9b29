/** Built-in checks of the dependencies rule families. */
import type { Check } from "./types.js";

export const dependenciesChecks: Record<string, Check> = {};
