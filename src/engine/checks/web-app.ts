/** Built-in checks of the web-app rule families. */
import type { Check } from "./types.js";

export const webAppChecks: Record<string, Check> = {};
