/** Built-in checks of the reliability-quality rule families. */
import type { Check } from "./types.js";

export const reliabilityQualityChecks: Record<string, Check> = {};
