/** Writes a command's output to stdout or a file. */
import { writeFileSync } from "node:fs";

export function emit(text: string, output?: string): void {
  if (output) writeFileSync(output, text.endsWith("\n") ? text : text + "\n");
  else process.stdout.write(text.endsWith("\n") ? text : text + "\n");
}
