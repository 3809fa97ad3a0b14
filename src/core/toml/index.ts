export { parseToml, parseTomlWithReference, lineAt, literalRange, stringRange, sourceOffsets, keyRange, type TomlDocument, type TomlSyntaxError, type TomlParseResult } from './document';
export { entryAt, valueAt, tableAt, arrayAt, stringAt, textAt, asTable, asArray, asString, booleanAt, tablesOf, stringsOf, textsOf } from './query';
export type { TomlValue, TomlTable, TomlEntry, TomlArray, TomlString, TomlScalar } from './tree';
export { lineIndexOf, type LineIndex } from './line-index';
