/** PEP 518 `[build-system] requires`: what a build frontend installs before building (group `build-system`). */
import type { Dependency } from '../../../model/dependency';
import { entryAt } from '../../../toml';
import type { PyprojectContext } from '../context';
import { requirementsOf } from '../requirement';

export function readBuildSystem(ctx: PyprojectContext): Dependency[] {
  return requirementsOf(ctx, entryAt(ctx.doc.root, 'build-system', 'requires')?.value, 'build-system', 'build-system.requires');
}
