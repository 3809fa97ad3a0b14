/** spdx-expression-parse ships no types; it parses an SPDX licence expression or throws. */
declare module 'spdx-expression-parse' {
  function parse(source: string): unknown;
  export = parse;
}
