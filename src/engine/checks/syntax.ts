/** Node kinds shared by the built-in checks (tree-sitter grammar names). */

/** Functions of any form in the JavaScript, TypeScript and TSX grammars. */
export const JS_FUNCTION_KINDS: readonly string[] = [
  "function_declaration",
  "function_expression",
  "arrow_function",
  "method_definition",
  "generator_function_declaration",
  "generator_function",
];
