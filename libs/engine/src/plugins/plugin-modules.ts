import type { Type } from '@nestjs/common';
import type { Runtime } from '../runtime/runtime';

/** The NestJS modules of the loaded plugins, registered with the core like its own modules. */
export function pluginModules(runtime: Runtime): Type[] {
  return runtime.plugins.flatMap((p) => (p.plugin.module ? [p.plugin.module as Type] : []));
}
