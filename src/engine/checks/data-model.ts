/** Built-in checks of the data-model rule families. */
import type { Check } from "./types.js";

export const dataModelChecks: Record<string, Check> = {};
