/**
 * The PEP 440 specifier sets a record's `specifier` stands for. PEP 508 records (PEP 621,
 * PEP 735, build-system, uv, PDM) already hold PEP 440 text; Poetry records keep Poetry's own
 * syntax as written (`^1.2`, `~1.2`, `1.2`, `>=1 || >=3`), which is translated here. A version
 * matches the record when it satisfies ANY of the returned sets; "" matches any version.
 */
import type { Dependency } from '../../model/dependency';
import { isValidSpecifier } from '../../versions';
import { toPep440 } from './processors/poetry-constraint';

/** Undefined when the specifier is neither PEP 440 nor a Poetry constraint. */
export function matchingSpecifiers(dependency: Pick<Dependency, 'specifier'>): readonly string[] | undefined {
  if (isValidSpecifier(dependency.specifier)) return [dependency.specifier];
  return toPep440(dependency.specifier);
}
