/** Built-in checks of the injection rule families. */
import type { Check } from "./types.js";

export const injectionChecks: Record<string, Check> = {};
