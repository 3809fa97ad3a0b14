/**
 * The PEP 508 marker grammar, as pypa/packaging 26.2's hand-written parser reads it
 * (`packaging._parser`), with its error messages and spans:
 *
 *   marker      = marker_atom (BOOLOP marker_atom)*
 *   marker_atom = WS? '(' WS? marker WS? ')' WS? | WS? marker_item WS?
 *   marker_item = WS? marker_var WS? marker_op WS? marker_var WS?
 */
import { canonicalVariable, type MarkerComparison, type MarkerList, type MarkerValue } from './markers';
import { attempt, pythonStringValue, Tokenizer, type ParseResult } from './tokenizer';

export function markerExpression(t: Tokenizer): MarkerList {
  const list: (MarkerComparison | MarkerList | 'and' | 'or')[] = [markerAtom(t)];
  for (;;) {
    const op = t.read('BOOLOP');
    if (op == null) break;
    list.push(op as 'and' | 'or', markerAtom(t));
  }
  return list;
}

function markerAtom(t: Tokenizer): MarkerComparison | MarkerList {
  t.consume('WS');
  let atom: MarkerComparison | MarkerList;
  if (t.check('LEFT_PARENTHESIS')) {
    const open = t.position;
    t.read('LEFT_PARENTHESIS');
    t.consume('WS');
    atom = markerExpression(t);
    t.consume('WS');
    if (!t.read('RIGHT_PARENTHESIS')) t.fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression', open);
  } else {
    atom = markerItem(t);
  }
  t.consume('WS');
  return atom;
}

function markerItem(t: Tokenizer): MarkerComparison {
  t.consume('WS');
  const lhs = markerValue(t);
  t.consume('WS');
  const op = markerOp(t);
  t.consume('WS');
  const rhs = markerValue(t);
  t.consume('WS');
  return { kind: 'compare', lhs, op, rhs };
}

function markerValue(t: Tokenizer): MarkerValue {
  const variable = t.read('VARIABLE');
  if (variable != null) return { kind: 'variable', name: canonicalVariable(variable) };
  const start = t.position;
  const quoted = t.read('QUOTED_STRING');
  if (quoted == null) t.fail('Expected a marker variable or quoted string');
  const value = pythonStringValue(quoted);
  // packaging evaluates the token with ast.literal_eval, which raises on a malformed literal.
  if (value == null) t.fail('Invalid string literal in marker', start, t.position);
  return { kind: 'string', value };
}

function markerOp(t: Tokenizer): string {
  if (t.read('IN') != null) return 'in';
  if (t.read('NOT') != null) {
    t.expect('WS', "whitespace after 'not'");
    t.expect('IN', "'in' after 'not'");
    return 'not in';
  }
  const op = t.read('OP');
  if (op != null) return op;
  t.fail('Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in');
}

/**
 * packaging normalizes the value compared with `extra` (PEP 685) on the top level of the marker
 * only, as `_normalize_extra_values` does; nested groups keep their text.
 */
export function normalizeExtraValues(list: MarkerList): MarkerList {
  return list.map((item) => {
    if (typeof item === 'string' || !('kind' in item)) return item;
    const { lhs, rhs } = item;
    if (lhs.kind === 'variable' && lhs.name === 'extra' && rhs.kind === 'string') return { ...item, rhs: { kind: 'string', value: canonicalExtra(rhs.value) } };
    if (rhs.kind === 'variable' && rhs.name === 'extra' && lhs.kind === 'string') return { ...item, lhs: { kind: 'string', value: canonicalExtra(lhs.value) } };
    return item;
  });
}

function canonicalExtra(value: string): string {
  return value.replace(/[-_.]+/g, '-').toLowerCase();
}

/** Parses a marker expression alone (`Marker(...)`, uv.lock's `marker = "..."`). Never throws. */
export function parseMarker(text: string): ParseResult<MarkerList> {
  return attempt(() => {
    const t = new Tokenizer(text);
    const marker = markerExpression(t);
    t.expect('END', 'end of marker expression');
    return normalizeExtraValues(marker);
  });
}
